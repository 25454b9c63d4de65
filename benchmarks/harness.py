"""What the browser tests and benchmarks share: a local Streamlit server, headless Chromium, waits.

The server listens on 127.0.0.1 only, on a free port (the benchmarks use
9000–9099, the browser tests 8600–8699, so both can run at once), and is always
stopped when its ``with`` block ends; so is the browser. Chromium is Debian's
``/usr/bin/chromium``, because Playwright cannot download its own here.
Also here for the benchmarks: resident memory and CPU time of a process, and
the time a fresh visitor waits for the home page.
"""
import base64
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import typing
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCHMARK_PORTS = range(9000, 9100)
TEST_PORTS = range(8600, 8700)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
EXCEPTION_BOX = '[data-testid="stException"]'
HOME_TITLE = "h1"
HOME_TRY_BOX = ".st-key-home_try input"
HOME_DIAGRAM_DRAWN_JS = """() =>
    Array.from(document.querySelectorAll('[data-testid="stImage"] img'))
    .some((image) => image.complete && image.naturalWidth > 0)"""
# Idle: the script is not running, no loading skeleton, every plotly chart drawn.
IDLE_JS = """() => {
    const root = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return root !== null && root.getAttribute("data-test-script-state") === "notRunning"
        && document.querySelector('[data-testid="stSkeleton"]') === null
        && charts.every((chart) => chart.querySelector(".main-svg") !== null);
}"""


def free_port(ports=BENCHMARK_PORTS):
    """A port in ``ports`` that nothing listens on now."""
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}–{ports.stop - 1}")


def healthy(url, timeout=2.0):
    """bool: the server at ``url`` answers ``/_stcore/health`` with 200."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


class Server:
    """A running ``streamlit run app.py``.

    Attributes
    ----------
    url : str
        e.g. ``http://127.0.0.1:9000``.
    process : subprocess.Popen
        The Streamlit process itself (its pid is the one whose memory counts).
    launched : float
        ``time.perf_counter()`` just before the process was started.
    healthy_after : float
        Seconds from launch to the first answer of ``/_stcore/health``.
    log_path : str
        The server's output so far.
    """

    def __init__(self, url, process, launched, healthy_after, log_path):
        self.url, self.process, self.launched = url, process, launched
        self.healthy_after, self.log_path = healthy_after, log_path

    def script_errors(self):
        """list of str: the first line of every uncaught exception a script run logged so far."""
        lines = Path(self.log_path).read_text().splitlines()
        # Streamlit logs "Uncaught app execution", the traceback, then the exception's line.
        return [next((line for line in lines[index:]
                      if line and not line.startswith((" ", "Traceback"))
                      and "Uncaught app execution" not in line), "?")
                for index, line in enumerate(lines) if "Uncaught app execution" in line]

    def rss_mb(self):
        """float: the server's resident memory (``VmRSS``) in MiB."""
        return rss_mb(self.process.pid)

    def cpu_seconds(self):
        """float: user + system CPU time the server has used so far."""
        return cpu_seconds(self.process.pid)


@contextlib.contextmanager
def streamlit_server(ports=BENCHMARK_PORTS, log_dir=None, timeout=60.0, poll=0.05, cpus=None,
                     env=None):
    """Start the app on a free port, wait for ``/_stcore/health``; yield a :class:`Server`.

    The server is stopped when the ``with`` block ends.

    Parameters
    ----------
    ports : range
        Where to look for a free port.
    log_dir : str or Path or None
        Where the server's log ``streamlit-<port>.log`` goes (a temporary file if None).
    timeout, poll : float
        Seconds to wait for the server to answer, and between two asks.
    cpus : float or None
        At most this many cores for the server, every thread together: a CPU
        cgroup quota, as a container's CPU limit is (a note says so if no
        cgroup can be made). None: no limit.
    env : dict of str to str or None
        Environment variables for the server, on top of this process's.
    """
    port = free_port(ports)
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    if log_dir is None:
        log = tempfile.NamedTemporaryFile("w+", prefix=f"streamlit-{port}-", suffix=".log",
                                          delete=False)
    else:
        log = open(Path(log_dir) / f"streamlit-{port}.log", "w+")
    launched = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
                               env=os.environ | (env or {}))
    group = None
    if cpus is not None:
        group = _cpu_group(f"seq2seq-server-{os.getpid()}-{port}", cpus=cpus)
        if group is not None:  # all of its threads, now and later
            (group / "cgroup.procs").write_text(str(process.pid))
    try:
        deadline = launched + timeout
        while not healthy(url, timeout=1.0):
            if process.poll() is not None or time.perf_counter() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start; its log:\n{log.read()}")
            time.sleep(poll)
        yield Server(url, process, launched, time.perf_counter() - launched, log.name)
    finally:
        stop_process(process)
        log.close()
        if group is not None:
            _remove_cpu_group(group)


def stop_process(process, timeout=10):
    """Stop a process this harness started: SIGTERM, then SIGKILL after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


CPU_CGROUPS = Path("/sys/fs/cgroup/cpu")  # cgroup v1; a process's children stay in its group
NORMAL_SHARES = 1024  # what every other process on the machine has


@contextlib.contextmanager
def chromium(*cpu_shares):
    """Headless Chromium driven by Playwright; closed when the ``with`` block ends.

    Parameters
    ----------
    *cpu_shares : int
        With none, yield one browser. Otherwise one browser per value, as a
        list, each in a CPU cgroup with that many shares (1024 is everyone
        else's). Students' browsers run on their own computers; on this one
        machine, a browser with few shares (say 64) simulating many students
        gets only the CPU the server and the browser being timed leave over.
        (``nice`` cannot do this: Chromium sets its renderers' priorities
        itself.) Without a writable cgroup, every browser runs at normal
        priority and a note says so.
    """
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browsers, groups = [], []
        try:
            for number, shares in enumerate(cpu_shares or (NORMAL_SHARES,)):
                executable = CHROMIUM
                if shares != NORMAL_SHARES:
                    group = _cpu_group(f"seq2seq-browser-{os.getpid()}-{number}", shares)
                    if group is not None:
                        groups.append(group)
                        executable = Path(folder) / f"chromium-{number}"
                        executable.write_text(f'#!/bin/sh\necho $$ > {group}/cgroup.procs\n'
                                              f'exec {CHROMIUM} "$@"\n')
                        executable.chmod(0o755)
                browsers.append(playwright.chromium.launch(executable_path=str(executable),
                                                           args=CHROMIUM_ARGS))
            yield browsers if cpu_shares else browsers[0]
        finally:
            for browser in browsers:
                browser.close()
            for group in groups:
                _remove_cpu_group(group)


def _cpu_group(name, shares=None, cpus=None):
    """Path of a new CPU cgroup with ``shares`` or a quota of ``cpus`` cores, or None (with a note).

    ``shares`` weigh the group against others when the CPU is busy; ``cpus``
    caps it however idle the machine is.
    """
    group = CPU_CGROUPS / name
    try:
        group.mkdir()
        if shares is not None:
            (group / "cpu.shares").write_text(str(shares))
        if cpus is not None:
            period = int((group / "cpu.cfs_period_us").read_text())
            (group / "cpu.cfs_quota_us").write_text(str(round(cpus * period)))
    except OSError as error:
        print(f"note: no CPU cgroup ({error}); "
              + ("the server runs without a CPU limit" if cpus is not None
                 else "simulated students' browsers run at normal priority"), flush=True)
        return None
    return group


def _remove_cpu_group(group, timeout=10.0):
    """Remove ``group`` once the browser's processes in it have exited."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            group.rmdir()
            return
        except OSError:  # processes still exiting
            time.sleep(0.1)


def wait_idle(page, timeout=30.0, settle=0.3):
    """Wait until the page has been idle (see :data:`IDLE_JS`) for ``settle`` seconds in a row.

    Returns
    -------
    float
        ``time.perf_counter()`` when the idle stretch began, i.e. when the page was drawn.
    """
    deadline = time.perf_counter() + timeout
    idle_since = None
    while True:
        now = time.perf_counter()
        idle = page.evaluate(IDLE_JS)
        idle_since = (idle_since or now) if idle else None
        if idle_since is not None and now - idle_since >= settle:
            return idle_since
        if now > deadline:
            raise TimeoutError(f"{page.url} still running after {timeout} s")
        time.sleep(0.02)


def exception_texts(page):
    """list of str: the text of every exception box the page shows."""
    return page.locator(EXCEPTION_BOX).all_inner_texts()


def rss_mb(pid):
    """float: ``VmRSS`` of process ``pid`` in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid):
    """float: user + system CPU seconds of process ``pid`` (from ``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class FreshLoad(typing.NamedTuple):
    """A fresh visitor's wait for ``/``, in seconds from the click (:func:`time_fresh_home_load`).

    Attributes
    ----------
    answered : float
        Until the server's answer to the page's first script run has arrived
        (its ``script_finished`` message over the websocket): the document,
        the JavaScript the browser asked for before connecting, and every
        element of the page.
    script : float
        Of ``answered``, from the browser's request to run the script to that
        message: the server's part alone, whatever the visitor's browser does.
    drawn : float
        Until the page is fully drawn in the browser.
    """

    answered: float
    script: float
    drawn: float


def time_fresh_home_load(browser, base_url, screenshot=None):
    """Open ``/`` in a new context and time how long the server and the browser take.

    Fully drawn: the title and the try-it box are visible, the model diagram
    (an SVG image) has loaded, and the script is not running. Fails on an
    exception box. The server's times come from the browser's network events
    (Chrome DevTools Protocol), stamped by the browser as the frames pass:
    Playwright hands events to this process in batches when it is busy.

    Returns
    -------
    FreshLoad
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        document, asked, finished = [], [], []
        network.on("Network.requestWillBeSent", lambda event: document.append(event["timestamp"])
                   if event.get("type") == "Document" else None)
        network.on("Network.webSocketFrameSent", lambda event: asked.append(event["timestamp"])
                   if _frame_type(BackMsg, event) == "rerun_script" else None)
        network.on("Network.webSocketFrameReceived",
                   lambda event: finished.append(event["timestamp"])
                   if _frame_type(ForwardMsg, event) == "script_finished" else None)
        began = time.perf_counter()
        page.goto(f"{base_url}/?lang=en")
        page.locator(HOME_TITLE).first.wait_for(timeout=60_000)
        page.locator(HOME_TRY_BOX).wait_for(timeout=60_000)
        page.wait_for_function(HOME_DIAGRAM_DRAWN_JS, timeout=60_000)
        drawn = wait_idle(page, timeout=60)
        errors = exception_texts(page)
        assert not errors, f"exception box on a fresh /: {errors[0]}"
        assert document and asked and finished, (
            "no document request or no script run over the websocket"
        )
        if screenshot:
            page.screenshot(path=screenshot)
        return FreshLoad(answered=finished[0] - document[0], script=finished[0] - asked[0],
                         drawn=drawn - began)
    finally:
        context.close()


def _frame_type(message_class, event):
    """str or None: which message a binary websocket frame carries.

    ``message_class`` is ``BackMsg`` for frames to the server, ``ForwardMsg`` for frames from it.
    ``event`` is a Chrome DevTools Protocol ``Network.webSocketFrame…`` event,
    whose binary payloads (opcode 2) are base64.
    """
    frame = event["response"]
    if frame["opcode"] != 2:
        return None
    return message_class.FromString(base64.b64decode(frame["payloadData"])).WhichOneof("type")

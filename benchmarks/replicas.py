"""A class over two replicas behind HAProxy against half of it on one: the fresh visitor's wait.

The replicated deploy (``docker-compose.yml``) without Docker: ``streamlit run
app.py`` once per replica on a local port, each with its name in
``SEQ2SEQ_REPLICA`` and one shared ``STREAMLIT_SERVER_COOKIE_SECRET``, and
``haproxy`` in front with ``deploy/haproxy.cfg``, in which only the listening
address and the ``server`` lines are changed (:func:`local_haproxy_config`).
``tests/browser/test_replicas.py`` uses the same :func:`replicated_app`.

The benchmark runs two phases through HAProxy: ``--sessions`` / 2 students on
one replica, then ``--sessions`` on two, so each replica carries as many in
both. Every student's tab opens ``/training`` in a browser context of its own
(a session of its own, sent where HAProxy's sticky cookie says) and starts a run
of 50 000 iterations, so all of them train or wait in line throughout the phase.
Every ``--load-every`` seconds a fresh visitor opens ``/`` through HAProxy and
three times are taken (see :class:`benchmarks.harness.FreshLoad`; target ≤ 3 s
for the page drawn).

    python -m benchmarks.replicas [--sessions 60] [--seconds 60] [--load-every 10]

As in ``benchmarks.classroom_load``, the students' tabs share one Chromium in a
CPU cgroup with few shares (their browsers would run on their own computers)
and the visitor's Chromium runs at normal priority. Every replica here shares
the machine's cores: the figures say what a second replica costs or saves on
the same cores, not what a second machine would add. The script prints how the
sessions spread, each replica's memory and CPU, and the whole machine's CPU.
"""
import argparse
import collections
import contextlib
import os
import re
import secrets
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from unittest import mock

from pages._shell import REPLICA_COOKIE, REPLICA_ENV

from .classroom_load import ITERATIONS, STUDENT_SHARES, machine_cpu_seconds
from .harness import (
    BENCHMARK_PORTS,
    NORMAL_SHARES,
    REPO_ROOT,
    VIEWPORT,
    FreshLoad,
    chromium,
    exception_texts,
    free_port,
    healthy,
    stop_process,
    streamlit_server,
    time_fresh_home_load,
)

HAPROXY_CONFIG = REPO_ROOT / "deploy" / "haproxy.cfg"
START = ".st-key-train_start button"
STUDENT_TIMEOUT = 180  # seconds a starved student tab may take to open its page or click
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
_BIND = re.compile(r"^(\s*)bind\s.*$", re.MULTILINE)
_SERVER = re.compile(r"^(\s*)server\s.*\n", re.MULTILINE)


def replica_name(number):
    """str: the name of replica ``number`` (1, 2, …), as in docker-compose.yml: ``app1``, …"""
    return f"app{number}"


def local_haproxy_config(port, replica_ports):
    """``deploy/haproxy.cfg`` for this machine: the text to give ``haproxy -f``.

    Only two things change: the ``bind`` line listens on ``127.0.0.1:port``, and
    the ``server`` lines (one per compose service) become one per local replica,
    with the same options and cookie values.

    Parameters
    ----------
    port : int
        Where HAProxy listens.
    replica_ports : dict of str to int
        Each replica's name (its cookie value) and the local port its server listens on.
    """
    text = HAPROXY_CONFIG.read_text()
    assert len(_BIND.findall(text)) == 1, f"{HAPROXY_CONFIG} should have one bind line"
    servers = _SERVER.findall(text)
    assert servers, f"{HAPROXY_CONFIG} has no server lines"
    indent = servers[0]
    local = "".join(f"{indent}server {name} 127.0.0.1:{replica_port} cookie {name}\n"
                    for name, replica_port in replica_ports.items())
    first = _SERVER.search(text).start()
    text = text[:first] + local + _SERVER.sub("", text[first:])
    return _BIND.sub(lambda match: f"{match.group(1)}bind 127.0.0.1:{port}", text)


class Replicas:
    """The app's replicas and HAProxy in front of them, all running.

    Attributes
    ----------
    url : str
        HAProxy's address, e.g. ``http://127.0.0.1:9002``: the one the class opens.
    servers : dict of str to benchmarks.harness.Server
        Each replica by name (``app1``, …); its ``url`` bypasses HAProxy.
    haproxy : subprocess.Popen
    log_dir : Path
        The servers' logs, ``haproxy.cfg`` and ``haproxy.log``.
    """

    def __init__(self, url, servers, haproxy, log_dir):
        self.url, self.servers, self.haproxy, self.log_dir = url, servers, haproxy, log_dir

    def stop(self, name):
        """Stop replica ``name`` as ``docker compose stop`` would (SIGTERM), and wait for it."""
        process = self.servers[name].process
        process.terminate()
        process.wait(timeout=20)

    def script_errors(self):
        """dict of str to list: each replica's failed script runs (see ``Server.script_errors``)."""
        return {name: server.script_errors() for name, server in self.servers.items()}

    def sessions(self):
        """dict of str to int: the sessions each running replica holds, from its own metrics."""
        return {name: open_sessions(server.url) for name, server in self.servers.items()
                if server.process.poll() is None}


def open_sessions(url):
    """int: the sessions a Streamlit server holds now (its ``/_stcore/metrics``)."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    match = re.search(r"^active_sessions (\d+)$", text, re.MULTILINE)
    assert match, f"no active_sessions in {url}/_stcore/metrics"
    return int(match.group(1))


@contextlib.contextmanager
def replicated_app(count, ports=BENCHMARK_PORTS, log_dir=None, timeout=30.0):
    """Start ``count`` replicas of the app and HAProxy in front; yield :class:`Replicas`.

    Every process is stopped, by its own pid, when the ``with`` block ends.

    Parameters
    ----------
    count : int
        Replicas, named ``app1`` … ``app<count>``.
    ports : range
        Where to look for free ports (replicas first, then HAProxy).
    log_dir : str or Path or None
        Where logs and the HAProxy configuration go (a new temporary folder if None).
    timeout : float
        Seconds to wait for HAProxy to answer.
    """
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        raise RuntimeError("haproxy is not installed: apt-get install -y haproxy")
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="replicas-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    # As docker-compose.yml asks: one secret, generated here, shared by every replica.
    shared = {COOKIE_SECRET_ENV: secrets.token_hex(32)}
    with contextlib.ExitStack() as stack:
        servers = {}
        for number in range(1, count + 1):
            name = replica_name(number)
            # streamlit_server passes this process's environment on to the server.
            with mock.patch.dict(os.environ, shared | {REPLICA_ENV: name}):
                servers[name] = stack.enter_context(streamlit_server(ports, log_dir))
        port = free_port(ports)
        config = log_dir / "haproxy.cfg"
        config.write_text(local_haproxy_config(
            port, {name: int(server.url.rsplit(":", 1)[1]) for name, server in servers.items()}))
        log = stack.enter_context(open(log_dir / "haproxy.log", "w+"))
        # -db: stay in the foreground, so the pid is HAProxy's own.
        process = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=log,
                                   stderr=subprocess.STDOUT)
        stack.callback(stop_process, process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.perf_counter() + timeout
        while not healthy(url, timeout=1.0):
            if process.poll() is not None or time.perf_counter() > deadline:
                log.seek(0)
                raise RuntimeError(f"haproxy did not start; its log:\n{log.read()}")
            time.sleep(0.1)
        yield Replicas(url, servers, process, log_dir)


def replica_of(context):
    """str or None: the replica HAProxy's sticky cookie names in a browser context."""
    return next((cookie["value"] for cookie in context.cookies()
                 if cookie["name"] == REPLICA_COOKIE), None)


def open_student(browser, url, seed):
    """A student's own browser context on ``/training``, set up by a shared link; return its page.

    The link gives the student a seed of their own and 50 000 iterations, so the
    run they start does not end within a phase.
    """
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.set_default_timeout(STUDENT_TIMEOUT * 1000)  # its clicks too: the tab is starved
    page.goto(f"{url}/training?lang=en&seed={seed}&iterations={ITERATIONS}")
    page.locator(START).wait_for()
    return page


def run_phase(replica_count, sessions, visitor, students, seconds, load_every):
    """``sessions`` students training on ``replica_count`` replicas while fresh visitors come.

    Returns
    -------
    dict
        ``spread`` (sessions per replica, by cookie), ``loads``
        (:class:`~benchmarks.harness.FreshLoad`), ``rss`` and ``cpu`` per
        replica (MiB at the end, busy cores on average), ``machine_cpu``.
    """
    with replicated_app(replica_count) as replicas:
        pages, opening = [], time.perf_counter()
        try:
            for seed in range(sessions):
                pages.append(open_student(students, replicas.url, seed))
                print(f"  {replica_count} replica(s): {len(pages)}/{sessions} sessions open "
                      f"after {time.perf_counter() - opening:.0f} s", flush=True)
            spread = collections.Counter(replica_of(page.context) for page in pages)
            assert replicas.sessions() == spread, "a replica holds other sessions than its cookies"
            servers = replicas.servers
            cpu_before = {name: server.cpu_seconds() for name, server in servers.items()}
            machine_before, began = machine_cpu_seconds(), time.perf_counter()
            for page in pages:
                # force: no waiting for the button to be "stable" (two equal animation
                # frames), which takes a starved tab long once the others' charts redraw.
                page.locator(START).click(force=True)
            loads, next_load = [], time.perf_counter() + load_every / 2
            end = time.perf_counter() + seconds  # from the last click, when all train
            while time.perf_counter() < end:
                if time.perf_counter() >= next_load:
                    loads.append(time_fresh_home_load(visitor, replicas.url))
                    print(f"  {replica_count} replica(s): fresh / drawn in "
                          f"{loads[-1].drawn:.2f} s (answered {loads[-1].answered:.2f} s, "
                          f"script {loads[-1].script:.2f} s)", flush=True)
                    next_load += load_every
                else:
                    time.sleep(0.2)
            elapsed = time.perf_counter() - began
            stats = {
                "spread": dict(sorted(spread.items())),
                "loads": loads,
                "rss": {name: server.rss_mb() for name, server in servers.items()},
                "cpu": {name: (server.cpu_seconds() - cpu_before[name]) / elapsed
                        for name, server in servers.items()},
                "machine_cpu": (machine_cpu_seconds() - machine_before) / elapsed,
            }
            errors = {name: found for name, found in replicas.script_errors().items() if found}
            boxes = [text for page in pages for text in exception_texts(page)]
            assert not errors and not boxes, f"failed script runs {errors}, exception boxes {boxes}"
        finally:
            for page in pages:
                page.context.close()
    return stats


def report(replica_count, sessions, stats):
    label = f"{sessions} sessions on {replica_count} replica(s)"
    spread = ", ".join(f"{name} {count}" for name, count in stats["spread"].items())
    servers = ", ".join(f"{name} {stats['rss'][name]:.0f} MiB, {stats['cpu'][name]:.2f} cores"
                        for name in stats["rss"])
    print(f"{label}: sessions per replica {spread}; {servers}; "
          f"whole machine {stats['machine_cpu']:.2f} cores")
    for what in FreshLoad._fields:
        times = [getattr(load, what) for load in stats["loads"]]
        print(f"{label}: fresh / {what} in {', '.join(f'{s:.2f}' for s in times)} s "
              f"(median {statistics.median(times):.2f}, max {max(times):.2f}"
              f"{'; target ≤ 3 s' if what == 'drawn' else ''})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60,
                        help="students on two replicas; half of them on one (default 60)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--load-every", type=float, default=10.0)
    args = parser.parse_args()
    if args.sessions < 2 or args.sessions % 2 or not 5 <= args.seconds <= 600:
        parser.error("--sessions must be even and at least 2, --seconds in 5–600")
    with chromium(NORMAL_SHARES, STUDENT_SHARES) as (visitor, students):
        phases = [(1, args.sessions // 2), (2, args.sessions)]
        results = [(count, sessions, run_phase(count, sessions, visitor, students,
                                               args.seconds, args.load_every))
                   for count, sessions in phases]
    print(f"each phase: {args.seconds:.0f} s of training, a fresh visitor every "
          f"{args.load_every:.0f} s; {os.cpu_count()} cores")
    for count, sessions, stats in results:
        report(count, sessions, stats)


if __name__ == "__main__":
    main()

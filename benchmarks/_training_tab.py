"""One browser session on ``/training``, driven as a student would: seed, iterations, start, pause.

The page's buttons are found by their widget keys (Streamlit renders ``key=K``
as the CSS class ``st-key-K``), the same contract the browser tests use.
"""
import re
import time

from streamlit.proto.BackMsg_pb2 import BackMsg

from seq2seq_core.checkpoint import load_checkpoint

from .harness import VIEWPORT, exception_texts, wait_idle

PROGRESS = '[data-testid="stProgress"]'
# For every click and wait in a tab, instead of Playwright's 30 s for a click: a
# student's tab in a browser kept to few CPU shares (benchmarks.classroom_load) on
# a busy machine can take longer than that to draw what the server has sent. The
# page counts as idle once its script run has ended, with the start button (high on
# the page) drawn, while the runs table, chart and "use this run" button below may
# still be on their way: the click on that button gave up after 30 s in one
# classroom run of twelve, and on the pause button of such a tab in a run on a
# machine at load 40.
TAB_TIMEOUT_SECONDS = 120
_PROGRESS_NUMBERS = re.compile(r"iteration ([\d,]+) / ([\d,]+)")


class TrainingTab:
    """A browser context of its own (so a session of its own) with ``/training?lang=en`` open.

    Parameters
    ----------
    browser : playwright.sync_api.Browser
    base_url : str
    seed : int or None
        Typed into the page's seed box (None: the box is left as it is).
    iterations : int or None
        Set on the iterations slider; a multiple of 100 in 100–50 000 (None: left as it is).

    Attributes
    ----------
    page : playwright.sync_api.Page
    started, paused : float or None
        ``time.perf_counter()`` of the clicks on start and pause.
    connections : int
        Websocket connections the page has opened (one, unless it reconnected).
    fragment_reruns : int
        Reruns of a fragment alone the page has asked the server for: on
        ``/training``, one per redraw of the live charts.
    """

    def __init__(self, browser, base_url, seed, iterations):
        self.seed, self.iterations = seed, iterations
        self.context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        self.context.set_default_timeout(TAB_TIMEOUT_SECONDS * 1000)
        self.page = self.context.new_page()
        self.started = self.paused = None
        # Websockets the page opened: more than one means it lost its connection.
        self.connections = self.fragment_reruns = 0
        self.page.on("websocket", self._connected)
        self.page.goto(f"{base_url}/training?lang=en")
        self.page.locator(".st-key-train_start button").wait_for()
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS)
        if seed is not None:
            self._set_seed(seed)
        if iterations is not None:
            self._set_iterations(iterations)

    def _connected(self, websocket):
        self.connections += 1
        websocket.on("framesent", self._sent)

    def _sent(self, payload):
        if isinstance(payload, bytes):
            message = BackMsg.FromString(payload)
            if message.WhichOneof("type") == "rerun_script" and message.rerun_script.fragment_id:
                self.fragment_reruns += 1

    def _set_seed(self, seed):
        box = self.page.locator(".st-key-train_seed input")
        box.fill(str(seed))
        box.press("Enter")
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS)
        assert box.input_value() == str(seed), f"seed box shows {box.input_value()}, not {seed}"

    def _set_iterations(self, iterations):
        # The slider moves 100 per arrow key; Home/End jump to 100/50 000.
        slider = self.page.locator(".st-key-train_iterations input[type=range]")
        maximum, step = int(slider.get_attribute("max")), int(slider.get_attribute("step"))
        if iterations == maximum:
            slider.press("End")
        else:
            slider.press("Home")
            for _ in range((iterations - int(slider.get_attribute("min"))) // step):
                slider.press("ArrowRight")
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS)
        shown = int(slider.get_attribute("aria-valuetext").replace(",", ""))
        assert shown == iterations, f"iterations slider shows {shown}, not {iterations}"

    def follow_menu_link(self, url_path):
        """Open another page through the sidebar's menu: the same session, its run goes on.

        ``url_path`` is the page's path (``"training"``), ``""`` for the home page.
        """
        # The menu changes the page in the browser, without a navigation to wait for.
        self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{url_path}"]').click(
            no_wait_after=True)
        self.page.wait_for_function("(path) => location.pathname.endsWith('/' + path)",
                                    arg=url_path)
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS)

    def _press(self, key):
        """Click the button of widget ``key`` from the page's own JavaScript.

        Playwright's click first waits until the button is visible and stable over
        two painted frames, scrolls to it and then waits for navigations: seconds to
        minutes in a tab starved of CPU (30 tabs at load 50, a lecture hall in
        ``benchmarks.classroom_load``, where one pause click timed out after 120 s
        waiting for a navigation that never comes). A button press is all a
        Streamlit button needs.
        """
        self.page.locator(f".st-key-{key} button").first.evaluate("(button) => button.click()")

    def start(self):
        self._press("train_start")
        self.started = time.perf_counter()

    def pause(self):
        self._press("train_pause")
        self.paused = time.perf_counter()

    def progress(self):
        """tuple of (int, int): ``(iteration, total)`` as the progress bar says.

        (0, 0) before one shows.
        """
        bar = self.page.locator(PROGRESS)
        if bar.count() == 0:
            return 0, 0
        match = _PROGRESS_NUMBERS.search(bar.first.inner_text())
        return tuple(int(number.replace(",", "")) for number in match.groups()) if match else (0, 0)

    def wait_until_stopped(self, timeout=TAB_TIMEOUT_SECONDS):
        """Wait until the page shows training stopped (paused or ended); return the iteration.

        Stopped means the start button is enabled again (it is disabled while
        training) and the page is idle. Idle alone is not enough: between two
        chunks a page that is still training can be idle for a moment.
        """
        enabled_start = self.page.locator(".st-key-train_start button:not([disabled])")
        enabled_start.wait_for(timeout=timeout * 1000)
        wait_idle(self.page, timeout=timeout, settle=0.6)
        return self.progress()[0]

    def wait_until_finished(self, timeout):
        """Wait until the progress bar reaches the run's total; return the iteration reached."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            iteration, total = self.progress()
            if total and iteration >= total:
                return self.wait_until_stopped()
            time.sleep(0.5)
        raise TimeoutError(f"seed {self.seed}: run not finished after {timeout} s")

    def use_run(self):
        """Make the paused or finished run the current model, as the "use this run" button does."""
        self._press("train_use_run")
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS, settle=0.6)

    def download(self, key):
        """bytes of what the download button with widget key ``key`` gives."""
        with self.page.expect_download() as download_info:
            self.page.locator(f".st-key-{key} button").click()
        with open(download_info.value.path(), "rb") as file:
            return file.read()

    def current_model_files(self):
        """The current model as the page offers it: ``(metrics CSV text, Checkpoint)``."""
        csv_text = self.download("train_download_metrics").decode()
        checkpoint = load_checkpoint(self.download("train_download_model"))
        return csv_text, checkpoint

    def exceptions(self):
        """list of str: exception boxes on the page (none expected)."""
        return exception_texts(self.page)

    def close(self):
        self.context.close()

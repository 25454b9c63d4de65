"""One browser session on ``/training``, driven as a student would: seed, iterations, start, pause.

The page's buttons are found by their widget keys (Streamlit renders ``key=K``
as the CSS class ``st-key-K``), the same contract the browser tests use.
"""
import re
import time

from seq2seq_core.checkpoint import load_checkpoint

from .harness import VIEWPORT, exception_texts, wait_idle

PROGRESS = '[data-testid="stProgress"]'
_PROGRESS_NUMBERS = re.compile(r"iteration ([\d,]+) / ([\d,]+)")


class TrainingTab:
    """A browser context of its own (so a session of its own) with ``/training?lang=en`` open.

    Parameters
    ----------
    browser : playwright.sync_api.Browser
    base_url : str
    seed : int
        Typed into the page's seed box.
    iterations : int
        Set on the iterations slider; a multiple of 100 in 100–50 000.

    Attributes
    ----------
    page : playwright.sync_api.Page
    started, paused : float or None
        ``time.perf_counter()`` of the clicks on start and pause.
    connections : int
        Websocket connections the page has opened (one, unless it reconnected).
    """

    def __init__(self, browser, base_url, seed, iterations):
        self.seed, self.iterations = seed, iterations
        self.context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        self.page = self.context.new_page()
        self.started = self.paused = None
        # Websockets the page opened: more than one means it lost its connection.
        self.connections = 0
        self.page.on("websocket", self._connected)
        self.page.goto(f"{base_url}/training?lang=en")
        self.page.locator(".st-key-train_start button").wait_for(timeout=60_000)
        wait_idle(self.page, timeout=60)
        self._set_seed(seed)
        self._set_iterations(iterations)

    def _connected(self, websocket):
        self.connections += 1

    def _set_seed(self, seed):
        box = self.page.locator(".st-key-train_seed input")
        box.fill(str(seed))
        box.press("Enter")
        wait_idle(self.page, timeout=60)
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
        wait_idle(self.page, timeout=60)
        shown = int(slider.get_attribute("aria-valuetext").replace(",", ""))
        assert shown == iterations, f"iterations slider shows {shown}, not {iterations}"

    def start(self):
        self.page.locator(".st-key-train_start button").click()
        self.started = time.perf_counter()

    def pause(self):
        self.page.locator(".st-key-train_pause button").click()
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

    def wait_until_stopped(self, timeout=60.0):
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
        self.page.locator(".st-key-train_use_run button").click()
        wait_idle(self.page, timeout=60, settle=0.6)

    def download(self, key):
        """bytes of what the download button with widget key ``key`` gives."""
        with self.page.expect_download(timeout=60_000) as download_info:
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

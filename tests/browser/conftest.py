"""Real-browser harness: one Streamlit server and one headless Chromium for all browser tests.

Every test in ``tests/browser/`` is marked ``browser`` (``pytest -m "not browser"``
skips them). A test asks for the ``app`` fixture, a fresh browser tab on the
running app, and drives it with Playwright::

    def test_training_starts(app):
        page = app.open("/training", lang="en")   # waits, then checks no error box/dialog
        page.locator(".st-key-train_start button").click()
        app.wait()                                # until the rerun has finished
        app.screenshot("training-en")             # PNG in a temp folder (+ $SCREENSHOT_DIR)

``app.open`` and ``app.wait`` fail the test if the page shows an exception box
(``[data-testid="stException"]``) or Streamlit's "Page not found" dialog.
Screenshots go to a pytest temporary folder; set ``SCREENSHOT_DIR=docs/screenshots``
(or any folder) to keep copies. The server listens on 127.0.0.1 only, on a free
port in 8600–8699, and is always stopped at the end of the session.
"""
import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import harness
from benchmarks.harness import VIEWPORT

MAX_SCREENSHOT_HEIGHT = 8000
_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
_DRAWN = '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]'
_CONTENT_HEIGHT_JS = """() => Math.max(
    ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']
    .map((selector) => document.querySelector(selector)).filter(Boolean)
    .map((el) => el.scrollHeight))"""


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@contextlib.contextmanager
def running_app_server(log_dir):
    """Run ``streamlit run app.py`` on 127.0.0.1 until the ``with`` block ends; yield its base URL.

    The ``app_server`` (one per session) and ``fresh_app_server`` (one per
    test) fixtures start their servers with this; the log goes to ``log_dir``.
    At the end, any script run the server logged as failed fails the test that
    owns the server: an exception box that a later rerun replaced leaves no
    trace in the page, but it does in the log.
    """
    with harness.streamlit_server(ports=harness.TEST_PORTS, log_dir=log_dir, poll=0.2) as server:
        yield server.url
        errors = server.script_errors()
    assert not errors, f"script runs failed on the server (log in {log_dir}): {errors}"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The base URL of the app server shared by the session, e.g. ``http://127.0.0.1:8600``."""
    with running_app_server(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture
def fresh_app_server(tmp_path):
    """The base URL of a server started for this test alone, e.g. to open a freshly started app."""
    with running_app_server(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (which cannot download its own)."""
    with harness.chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory):
    """A temporary folder for this session's screenshots."""
    return tmp_path_factory.mktemp("screenshots")


class AppDriver:
    """One browser tab on the running app, with waits and checks that fit Streamlit.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The tab, for anything the helpers do not cover.
    base_url : str
    """

    def __init__(self, page, base_url, screenshot_dir):
        self.page = page
        self.base_url = base_url
        self._screenshot_dir = screenshot_dir

    def open(self, path, lang=None, query=""):
        """Go to ``path`` (``"/batches"``) with ``?lang=`` and more ``query``; return the page.

        Waits until the page is drawn and idle, and checks it (:meth:`wait`).
        """
        params = "&".join(part for part in (f"lang={lang}" if lang else "", query) if part)
        self.page.goto(f"{self.base_url}{path}{'?' + params if params else ''}")
        self.page.locator(_DRAWN).first.wait_for(timeout=30_000)
        self.wait()
        return self.page

    def wait(self, timeout=30.0, settle=0.6):
        """Wait until the app is connected and idle for ``settle`` seconds, then check it.

        Idle means: Streamlit's root says ``data-test-script-state="notRunning"``,
        no loading skeleton shows, and every plotly chart has drawn. A click may
        start a rerun a moment later, hence the ``settle`` seconds in a row.
        """
        self.page.locator(_CONNECTED).wait_for(timeout=timeout * 1000)
        try:
            harness.wait_idle(self.page, timeout=timeout, settle=settle)
        except TimeoutError:
            raise AssertionError(f"the app was still running after {timeout} s "
                                 f"at {self.page.url}") from None
        self.assert_healthy()

    def assert_healthy(self):
        """Fail if the page shows an exception box or the "Page not found" dialog."""
        exceptions = self.page.locator(harness.EXCEPTION_BOX)
        assert exceptions.count() == 0, (
            f"exception box at {self.page.url}:\n{exceptions.first.inner_text()}"
        )
        not_found = self.page.get_by_text("Page not found")
        assert not_found.count() == 0, f'"Page not found" dialog at {self.page.url}'

    def screenshot(self, name, full_page=True):
        """Save ``<name>.png`` to the session's temporary folder and to ``$SCREENSHOT_DIR`` if set.

        Streamlit scrolls inside its own container, not the document, so for a
        full-page picture the viewport is grown to the content's height first.
        """
        path = self._screenshot_dir / f"{name}.png"
        viewport = self.page.viewport_size
        if full_page:
            content_height = self.page.evaluate(_CONTENT_HEIGHT_JS)
            height = min(max(content_height, viewport["height"]), MAX_SCREENSHOT_HEIGHT)
            self.page.set_viewport_size({"width": viewport["width"], "height": height})
            self.page.wait_for_timeout(500)
        try:
            self.page.screenshot(path=path)
        finally:
            self.page.set_viewport_size(viewport)
        keep = os.environ.get("SCREENSHOT_DIR")
        if keep:
            assert korean_font_installed(), ("Korean would be drawn as empty boxes in the kept "
                                             "screenshots: apt-get install fonts-noto-cjk")
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / path.name)
        return path


def korean_font_installed():
    """bool: fontconfig knows a font with Korean glyphs (Chromium draws Hangul with it)."""
    listed = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


@pytest.fixture
def app(chromium, app_server, screenshot_dir):
    """A fresh browser context and tab on the shared app server, as an :class:`AppDriver`."""
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        yield AppDriver(context.new_page(), app_server, screenshot_dir)
    finally:
        context.close()


@pytest.fixture
def new_tab(chromium, screenshot_dir):
    """Open an :class:`AppDriver` on any base URL: ``new_tab(url, **context_options)``.

    ``context_options`` go to Playwright's ``new_context`` (e.g. ``viewport``,
    ``color_scheme="dark"``); the tab is closed after the test.
    """
    contexts = []

    def open_tab(base_url, **context_options):
        context = chromium.new_context(**({"viewport": VIEWPORT} | context_options))
        contexts.append(context)
        return AppDriver(context.new_page(), base_url, screenshot_dir)

    yield open_tab
    for context in contexts:
        context.close()

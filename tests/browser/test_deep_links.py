"""Every page's deep link opens in a fresh browser, in both languages, without an error."""
import pytest

from pages._shell import PAGE_NAMES
from seq2seq_core.i18n import LANGUAGES, t

PATHS = {name: "/" if name == "home" else f"/{name}" for name in PAGE_NAMES}


def assert_framed_page(page, name, lang):
    """The page runs inside ``app.py``: its menu entry is current and titled in ``lang``.

    The language switch shows, and the URL keeps ``lang``.
    """
    nav_link = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')
    assert t(f"shell.page.{name}", lang) in nav_link.inner_text()
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(t("common.language", lang)).count() == 1
    assert f"lang={lang}" in page.url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_deep_link_opens_its_page(app, name, lang):
    page = app.open(PATHS[name], lang=lang)
    assert_framed_page(page, name, lang)
    app.screenshot(f"deep-link-{name}-{lang}")


def test_deep_link_is_the_first_request_after_a_cold_start(new_tab, fresh_app_server):
    # A shared link opened right after the server starts must not fall back to
    # Streamlit's pages-folder mode (a menu of file names, no language switch).
    tab = new_tab(fresh_app_server)
    page = tab.open("/broadcasting", lang="en")
    assert_framed_page(page, "broadcasting", "en")
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("_shell").count() == 0
    counts = [nav.get_by_text(t(f"shell.page.{name}", "en"), exact=True).count()
              for name in PAGE_NAMES]
    assert counts == [1] * len(PAGE_NAMES)


def test_language_switch_keeps_the_url_in_step(app):
    page = app.open("/batches")
    assert "lang=ko" in page.url
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=False).click()
    app.wait()
    assert "lang=en" in page.url
    assert page.locator("h1").first.inner_text() == t("batches.title", "en")

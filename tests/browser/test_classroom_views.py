"""Shared links, presenter mode on a 1280×720 projector, and the dark theme, in a real browser."""
import re

import pytest

from pages._shell import PAGE_NAMES, SHARE_KEY
from seq2seq_core.i18n import t

PAGES = PAGE_NAMES
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def tab(new_tab, app_server):
    """``tab(**context_options)``: a fresh tab on the shared server."""
    return lambda **options: new_tab(app_server, **options)


def path(page):
    return "/" if page == "home" else f"/{page}"


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_fills_a_projector(tab, page, lang):
    app = tab(viewport=PROJECTOR)
    browser_page = app.open(path(page), lang=lang, query="present=1")
    zoom = browser_page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=\"stMainBlockContainer\"]')).zoom"
    )
    assert float(zoom) == pytest.approx(1.3)
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true", "sidebar starts collapsed"
    assert "present=1" in browser_page.url
    app.screenshot(f"present-{page}-{lang}", full_page=False)


@pytest.mark.parametrize("page", PAGES)
def test_dark_theme_draws_every_page(tab, page):
    app = tab(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    browser_page = app.open(path(page), lang="en")
    background = browser_page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
    )
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert red + green + blue < 120, f"not a dark background: {background}"
    app.screenshot(f"dark-{page}-en")


def test_a_shared_link_opens_exactly_that_view_in_a_fresh_browser(tab):
    app = tab(viewport={"width": 1280, "height": 900},
              permissions=["clipboard-read", "clipboard-write"])
    browser_page = app.open("/batches", lang="en", query="min_len=4&max_len=4&batch=25&seed=17")
    assert browser_page.get_by_text("x: (T=5, N=25, C=12)").count() == 1
    browser_page.locator(f".st-key-{SHARE_KEY} button").click()
    share_box = browser_page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
    share = share_box.locator("code").inner_text()
    assert "/batches?lang=en&min_len=4&max_len=4&batch=25&seed=17" in share
    share_box.hover()
    copy_button = '[data-testid="stPopoverBody"] button[aria-label="Copy to clipboard"]'
    browser_page.locator(copy_button).click()
    assert browser_page.evaluate("navigator.clipboard.readText()") == share.replace("\n", "")


def test_a_hostile_link_falls_back_with_a_notice(tab):
    app = tab(viewport={"width": 1280, "height": 900})
    browser_page = app.open("/hidden_states", lang="en", query="seq=" + "7" * 10_000)
    notice = t("shell.url.rejected", "en", params="seq").replace("`", "")
    assert browser_page.get_by_text(notice).count() == 1
    app.screenshot("hostile-link-en", full_page=False)

"""Home, /batches and /broadcasting in a real browser: the interactions a student tries first."""
import pytest

from seq2seq_core.i18n import LANGUAGES, t


def set_slider(page, key, value):
    """Move the slider with widget ``key`` to ``value`` with the keyboard, as a person could."""
    handle = page.locator(f".st-key-{key} input[type='range']")
    current = int(handle.input_value())
    handle.focus()
    for _ in range(abs(value - current)):
        handle.press("ArrowRight" if value > current else "ArrowLeft")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_try_it_answers_at_once(app, lang):
    page = app.open("/", lang=lang)
    box = page.locator(".st-key-home_try input")
    box.fill("9 8 7 6")
    box.press("Enter")
    app.wait()
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(t("home.try.score", lang, correct=5, total=5)).count() == 1
    app.screenshot(f"home-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_batches_min_above_max_shows_a_message(app, lang):
    page = app.open("/batches", lang=lang)
    app.screenshot(f"batches-{lang}")
    set_slider(page, "batches_max", 3)
    app.wait()
    set_slider(page, "batches_min", 5)
    app.wait()
    message = t("batches.error.min_above_max", lang, seq_len_min=5, seq_len_max=3)
    assert page.locator('[data-testid="stAlert"]').inner_text().strip() == message
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_broadcasting_mismatch_shows_numpys_error(app, lang):
    page = app.open("/broadcasting", lang=lang)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 2
    app.screenshot(f"broadcasting-{lang}")
    page.locator(".st-key-broadcasting_layout").get_by_text(t("broadcasting.layout.extra_row", lang)).click()
    app.wait()
    assert t("broadcasting.mismatch.title", lang) in page.locator('[data-testid="stAlert"]').inner_text()
    assert page.get_by_text("size 5 is different from 4").count() == 1
    app.screenshot(f"broadcasting-mismatch-{lang}")

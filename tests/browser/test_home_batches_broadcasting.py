"""Home, /batches and /broadcasting in a real browser: the interactions a student tries first."""
import json

import pytest

from benchmarks import harness
from seq2seq_core.i18n import LANGUAGES, t

# A first visit lands on the home page: 5.7 MB of JavaScript, fonts and styles
# when the share box was a code block and the vocabulary an st.table (each
# pulls in a large bundle), 3.1 MB without (measured 2026-11-29, Streamlit 1.67).
FIRST_VISIT_MEGABYTES = 4.0


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
    # the pretrained seq2seq's answer, then the attention model's in the story's last step
    assert main.get_by_text(t("home.try.score", lang, correct=5, total=5)).count() == 2
    app.screenshot(f"home-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_attention_step_links_to_the_attention_page(app, lang):
    page = app.open("/", lang=lang)
    page.get_by_role("link", name=t("home.attention.link", lang)).click()
    page.wait_for_url("**/attention?**")
    app.wait()
    assert page.get_by_role("heading", name=t("shell.page.attention", lang)).count() >= 1


def test_a_first_visit_loads_only_what_the_home_page_needs(app):
    page = app.open("/", lang="en")
    files = json.loads(page.evaluate(
        "JSON.stringify(performance.getEntriesByType('resource')"
        ".map(e => [e.name, e.encodedBodySize]))"))
    total = sum(size for _, size in files) / 1e6
    largest = sorted(files, key=lambda file: -file[1])[:5]
    assert total <= FIRST_VISIT_MEGABYTES, f"{total:.1f} MB on a first visit; largest: {largest}"


def test_the_benchmarks_fresh_load_timer_sees_the_servers_answer(chromium, app_server):
    load = harness.time_fresh_home_load(chromium, app_server)
    assert 0 < load.script < load.answered < load.drawn, load


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
    layout = page.locator(".st-key-broadcasting_layout")
    layout.get_by_text(t("broadcasting.layout.extra_row", lang)).click()
    app.wait()
    alert = page.locator('[data-testid="stAlert"]').inner_text()
    assert t("broadcasting.mismatch.title", lang) in alert
    assert page.get_by_text("size 5 is different from 4").count() == 1
    app.screenshot(f"broadcasting-mismatch-{lang}")

"""``/attention`` in a real browser: type a sequence, step through decoding, compare."""
import re

import pytest

from seq2seq_core.i18n import LANGUAGES, t

HEATMAP = '.st-key-attention_heatmap_chart .heatmaplayer'


def type_sequence(app, page, text):
    box = page.locator(".st-key-attention_input input")
    box.fill(text)
    box.press("Enter")
    app.wait()


def slider_value(page, key):
    return int(page.locator(f".st-key-{key} input[type=range]").get_attribute("value"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_type_step_through_and_compare(app, lang):
    page = app.open("/attention", lang=lang)
    type_sequence(app, page, "2 4 7 1 3")
    page.locator(HEATMAP).wait_for()
    # in the result line and in the comparison, where the basic model is right too
    assert page.get_by_text(t("attention.result.all_correct", lang, steps=6)).count() == 2
    # The heatmap's columns: the five digits and <END>, one per input position.
    assert page.locator(".st-key-attention_heatmap_chart").get_by_text("6·<END>").count() == 1

    for _ in range(2):
        page.locator(".st-key-attention_step_forward button").click()
        app.wait()
    assert slider_value(page, "attention_step") == 3
    summary = page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text=re.compile(r"^(Step 3:|단계 3:)"))
    assert summary.count() == 1
    equations = page.locator(".katex-mathml annotation").all_text_contents()
    assert any(r"c_{3} = \sum_{s=1}^{6}" in equation for equation in equations)
    page.locator(".st-key-attention_step_back button").click()
    app.wait()
    assert slider_value(page, "attention_step") == 2
    app.screenshot(f"attention-{lang}")

    length = page.locator(".st-key-attention_length input[type=range]")
    length.focus()
    for _ in range(9):  # 16 → 25: past the training lengths
        length.press("ArrowRight")
    app.wait()
    assert slider_value(page, "attention_length") == 25
    assert "length=25" in page.url and "step=2" in page.url
    assert page.get_by_text(re.compile(r"(A sequence of length 25:|길이 25의 수열)")).count() == 1
    title = t("attention.fig.lengths_title", lang)
    assert page.locator(".st-key-attention_lengths_chart").get_by_text(title).count() == 1


def test_a_link_to_a_step_opens_there_in_the_dark_theme(new_tab, app_server):
    app = new_tab(app_server, color_scheme="dark")
    page = app.open("/attention", lang="en", query="seq=9 8 7 6 5 4 3 2 1 0 1 2&step=7")
    page.locator(HEATMAP).wait_for()
    assert slider_value(page, "attention_step") == 7
    assert page.get_by_text(re.compile(r"^Step 7: read")).count() == 1
    app.screenshot("attention-dark-en")

"""``/hidden_states`` in a real browser: typed sequences draw heatmaps, typos give a message."""

import time

import pytest

from seq2seq_core.i18n import LANGUAGES, t

HEATMAP = '[data-testid="stPlotlyChart"] .heatmaplayer'
ERROR = '[data-testid="stAlertContentError"]'


def type_sequence(app, page, text):
    box = page.locator(".st-key-sequence_input input")
    box.fill(text)
    box.press("Enter")
    app.wait()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_typed_sequence_draws_heatmaps_and_a_typo_gives_a_message(app, lang):
    page = app.open("/hidden_states", lang=lang)
    type_sequence(app, page, "3 1 4 1 5 9 2 6")
    page.locator(HEATMAP).first.wait_for()
    assert (
        page.locator(HEATMAP).count() >= 3
    )  # encoder, decoder, probabilities (and the comparison)
    encoder_title = page.get_by_text(t("hidden_states.encoder_title", lang))
    assert encoder_title.count() >= 1
    # The last column of the encoder heatmap is the <END> read after the eighth digit.
    assert page.get_by_text("9·<END>").count() >= 1
    app.screenshot(f"hidden_states-{lang}")

    type_sequence(app, page, "3 x 4")  # app.wait() already fails on an exception box
    assert page.locator(ERROR).inner_text() == t("common.sequence.invalid", lang)
    assert (
        page.get_by_text(t("hidden_states.showing_last", lang, sequence="3 1 4 1 5 9 2 6")).count()
        == 1
    )
    assert page.locator(HEATMAP).count() >= 3  # the last good view stays
    app.screenshot(f"hidden_states-typo-{lang}", full_page=False)


def test_step_slider_moves_through_the_decoding(app):
    page = app.open("/hidden_states", lang="en")
    type_sequence(app, page, "1 2 3")
    slider = page.locator(".st-key-hidden_states_step input[type=range]")
    slider.focus()
    slider.press("End")  # the last step: <END>
    app.wait()
    assert page.get_by_text("Step 4.", exact=True).count() == 1  # bold, so its own element
    assert page.get_by_text("it should output <END> (the end)").count() == 1


def test_choices_survive_a_language_switch(app):
    # Option labels change with the language; the choices must stay and nothing may break.
    page = app.open("/hidden_states", lang="ko")
    type_sequence(app, page, "2 7 1 8 2 8")
    slider = page.locator(".st-key-hidden_states_step input[type=range]")
    slider.focus()
    slider.press("ArrowRight")
    app.wait()
    position = page.locator(".st-key-hidden_states_change_position input")
    position.click()
    position.fill(t("hidden_states.compare.position_option", "ko", position=3))
    position.press("Enter")
    app.wait()
    order = page.locator(".st-key-hidden_states_order")
    colour = page.locator(".st-key-hidden_states_pca_colour")
    order.get_by_text(t("hidden_states.order.index", "ko"), exact=True).click()
    app.wait()
    colour.get_by_text(t("hidden_states.bottleneck.colour.first_digit", "ko"), exact=True).click()
    app.wait()
    assert order.locator("input[type=radio]").nth(2).is_checked()
    page.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
    app.wait()
    assert order.locator("input[type=radio]").nth(2).is_checked()
    assert colour.locator("input[type=radio]").nth(1).is_checked()
    assert page.locator(".st-key-sequence_input input").input_value() == "2 7 1 8 2 8"
    assert slider.get_attribute("value") == "2"
    # Digit 3 (a 1) is still the one changed, to the first other digit: B reads 2 7 0 8 2 8.
    assert (
        page.locator('[data-testid="stMarkdownContainer"]')
        .filter(has_text="B: 2 7 0 8 2 8")
        .count()
        == 1
    )
    assert page.get_by_text(t("hidden_states.fig.first_digit_is", "en", digit=3)).count() >= 1


def test_a_run_that_ends_while_the_student_is_here_becomes_the_model_shown(app):
    page = app.open("/training", lang="en", query="iterations=3000")
    page.locator(".st-key-train_start button").click()
    page.locator('[data-testid="stSidebarNav"] a[href*="hidden_states"]').click()
    app.wait()
    info = page.locator('[data-testid="stAlertContentInfo"]').first
    assert "shipped pretrained model" in info.inner_text()  # meanwhile, the run trains on
    finished = "hidden 50, 3,000 of 3,000 iterations done"
    for digits in ["1 2 3", "4 5 6"] * 30:  # any rerun of this page, e.g. typing, picks it up
        if finished in info.inner_text():
            break
        time.sleep(0.5)
        type_sequence(app, page, digits)
    assert finished in info.inner_text()
    app.screenshot("hidden_states-after-a-run-en", full_page=False)

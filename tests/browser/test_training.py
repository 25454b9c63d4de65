"""The training page in a real browser: the curves grow while training, pause stops it at once."""
import pytest

from seq2seq_core.i18n import LANGUAGES, t

# What the loss chart plots now: the number of points of its moving average
# and the last iteration they reach (plotly's own copy of the data). While a run
# trains, the browser keeps hidden copies of replaced charts for a while, so
# only the visible chart counts.
LOSS_CURVE_JS = """() => {
    const plot = Array.from(document.querySelectorAll('.st-key-train_loss_chart .js-plotly-plot'))
        .find((element) => element.offsetParent !== null);
    if (!plot || !plot._fullData || plot._fullData.length < 2) return {points: 0, last: 0};
    const x = plot._fullData[1].x;
    return {points: x.length, last: x.length ? Number(x[x.length - 1]) : 0};
}"""
VISIBLE_PLOTS_JS = """(key) => Array.from(document.querySelectorAll(`.st-key-${key} .js-plotly-plot`))
    .filter((element) => element.offsetParent !== null).length"""
PROGRESS = '[data-testid="stProgress"]'
# The page lets a rerun finish every few seconds so that the browser drops the
# hidden copies: a handful of redraws' worth, never hundreds.
MOST_PLOTS_IN_THE_PAGE = 40


def loss_curve(page):
    return page.evaluate(LOSS_CURVE_JS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_curves_grow_while_training_and_pause_stops_it(app, lang):
    page = app.open("/training", lang=lang)
    page.locator(".st-key-train_start button").click()
    page.wait_for_function(f"() => ({LOSS_CURVE_JS})().points > 0", timeout=30_000)
    first = loss_curve(page)
    page.wait_for_timeout(2_500)
    second = loss_curve(page)
    assert second["points"] > first["points"]
    assert second["last"] > first["last"]
    # Several redraws happened meanwhile: the probes and both charts are there, once each.
    for chart in ("train_loss_chart", "train_accuracy_chart", "train_probe_chart"):
        assert page.evaluate(VISIBLE_PLOTS_JS, chart) == 1
    page.wait_for_timeout(4_000)
    assert page.locator(".js-plotly-plot").count() <= MOST_PLOTS_IN_THE_PAGE
    app.screenshot(f"training-running-{lang}")

    page.locator(".st-key-train_pause button").click()
    page.wait_for_timeout(1_000)  # pause acts within a second
    paused = page.locator(PROGRESS).inner_text()
    assert t("training.status.paused", lang) in paused
    page.wait_for_timeout(1_500)
    assert page.locator(PROGRESS).inner_text() == paused
    app.wait()
    assert page.locator(".st-key-train_start button").inner_text() == t("training.resume", lang)
    app.screenshot(f"training-paused-{lang}")

"""The training page in a real browser: the curves grow while training, pause stops it at once."""
import pytest

from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.kinds import DEFAULT_KIND
from seq2seq_core.probes import PROBE_LENGTHS
from seq2seq_core.run import run_label

LIVE_CHARTS = ("train_loss_chart", "train_accuracy_chart", "train_probe_chart")
# What the loss chart shows now: the number of points of its moving average and
# the last iteration they reach (plotly's own copy of the data). Each live chart
# is three stacked copies, all but one hidden (pages/_steady_chart.py), so only the
# one shown counts.
SHOWN_PLOTS_JS = """(key) => Array.from(document.querySelectorAll(`.st-key-${key} .js-plotly-plot`))
    .filter((element) => element.checkVisibility({visibilityProperty: true}))"""
LOSS_CURVE_JS = f"""() => {{
    const plot = ({SHOWN_PLOTS_JS})("train_loss_chart")[0];
    if (!plot || !plot._fullData || plot._fullData.length < 2) return {{points: 0, last: 0}};
    const x = plot._fullData[1].x;
    return {{points: x.length, last: x.length ? Number(x[x.length - 1]) : 0}};
}}"""
# Watches every frame the browser paints: a live chart that shows nothing (it
# blinks), shows two plots at once, or shows fewer points than a frame before
# (an older copy came back).
WATCH_FRAMES_JS = f"""(keys) => {{
    const shown = {SHOWN_PLOTS_JS};
    const loss = {LOSS_CURVE_JS};
    window.frameWatch = {{frames: 0, redraws: 0, blank: 0, double: 0, backwards: 0, mostPlots: 0}};
    let lastPoints = loss().points;
    const watch = () => {{
        const counts = keys.map((key) => shown(key).length);
        const points = loss().points;
        window.frameWatch.frames += 1;
        window.frameWatch.redraws += points > lastPoints ? 1 : 0;
        window.frameWatch.blank += counts.filter((count) => count === 0).length;
        window.frameWatch.double += counts.filter((count) => count > 1).length;
        window.frameWatch.backwards += points < lastPoints ? 1 : 0;
        window.frameWatch.mostPlots = Math.max(window.frameWatch.mostPlots,
                                               document.querySelectorAll(".js-plotly-plot").length);
        lastPoints = points;
        requestAnimationFrame(watch);
    }};
    requestAnimationFrame(watch);
}}"""
# The probe chart's rows (target, output, … per probe) and the tokens written in them.
PROBE_ROWS_JS = f"""() => {{
    const plot = ({SHOWN_PLOTS_JS})("train_probe_chart")[0];
    if (!plot || !plot._fullData || !plot._fullData.length) return {{rows: [], tokens: []}};
    return {{rows: Array.from(plot._fullData[0].y), tokens: plot._fullData[0].text}};
}}"""
PROGRESS = '[data-testid="stProgress"]'
# Three copies of each live chart, and the predecessors Streamlit keeps until a
# rerun ends (measured: at most 16 plots in 40 s of training): never the
# hundreds a page collects if replaced charts were kept.
MOST_PLOTS_IN_THE_PAGE = 10 * len(LIVE_CHARTS)
REDRAWS_WATCHED = 3  # redraws of the loss chart with more points, each frame between them checked


def loss_curve(page):
    return page.evaluate(LOSS_CURVE_JS)


def assert_probe_answers(page, lang):
    """The probe chart shows, under each probe's target, the model's answer of the same length."""
    probes = page.evaluate(PROBE_ROWS_JS)
    outputs = probes["rows"][1::2]
    assert len(outputs) == len(PROBE_LENGTHS), probes["rows"]
    for length, row, tokens in zip(PROBE_LENGTHS, outputs, probes["tokens"][1::2]):
        before_count = t("training.fig.probe_output", lang, length=length, right="\x00",
                         total=length + 1).split("\x00")[0]
        assert row.startswith(before_count) and row.endswith(f"/{length + 1}"), row
        assert sum(bool(token) for token in tokens) == length + 1, tokens


@pytest.mark.parametrize("kind", [DEFAULT_KIND, "attention"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_curves_grow_while_training_and_pause_stops_it(app, lang, kind):
    page = app.open("/training", lang=lang, query=f"model={kind}&iterations=10000")
    # Long enough not to end while watched. The default kind's screenshots are the README's.
    name = lang if kind == DEFAULT_KIND else f"{kind}-{lang}"
    page.locator(".st-key-train_start button").click()
    page.wait_for_function(f"() => ({LOSS_CURVE_JS})().points > 0", timeout=30_000)
    first = loss_curve(page)
    page.evaluate(WATCH_FRAMES_JS, list(LIVE_CHARTS))
    # However fast this machine paints (the frame rate is benchmarks.live_chart_frames'
    # business): every frame painted while the chart grew a few times is checked.
    page.wait_for_function(f"() => window.frameWatch.redraws >= {REDRAWS_WATCHED}", timeout=60_000)
    second = loss_curve(page)
    assert second["points"] > first["points"]
    assert second["last"] > first["last"]
    watched = page.evaluate("() => window.frameWatch")
    assert (watched["blank"], watched["double"], watched["backwards"]) == (0, 0, 0), watched
    assert watched["mostPlots"] <= MOST_PLOTS_IN_THE_PAGE
    assert page.locator(PROGRESS).inner_text().startswith(run_label(1, lang, kind=kind))
    assert_probe_answers(page, lang)
    app.screenshot(f"training-running-{name}")

    page.locator(".st-key-train_pause button").click()
    paused_text = t("training.status.paused", lang)
    page.wait_for_function(
        f"() => document.querySelector('{PROGRESS}')?.innerText.includes({paused_text!r})",
        timeout=30_000,
    )
    paused = page.locator(PROGRESS).inner_text()
    page.wait_for_timeout(1_500)
    assert page.locator(PROGRESS).inner_text() == paused
    app.wait()
    assert page.locator(".st-key-train_start button").inner_text() == t("training.resume", lang)
    assert_probe_answers(page, lang)
    app.screenshot(f"training-paused-{name}")

"""``/accuracy`` in a real browser: charts over lengths 1–30 with the attention model and the
training range, in both languages, without errors."""
import json

import pytest

from seq2seq_core.i18n import LANGUAGES, t


def chart_x_values(page):
    """The x values of every trace of every Plotly chart on the page, per chart."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
        .map((plot) => plot._fullData.map((trace) => Array.from(trace.x || [])))""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accuracy_page_charts_lengths_1_to_30(app, lang):
    page = app.open("/accuracy", lang=lang)
    page.locator(".js-plotly-plot").first.wait_for()
    charts = chart_x_values(page)
    assert len(charts) == 3  # exact match, token accuracy, position heatmap
    exact_match_traces = charts[0]
    assert exact_match_traces[0] == list(range(1, 31))
    names, bands = page.evaluate("""() => {
        const plot = document.querySelector('.js-plotly-plot');
        return [plot._fullData.map((trace) => trace.name),
                plot._fullLayout.shapes.map((shape) => [shape.x0, shape.x1])];
    }""")
    assert t("kinds.attention.shipped", lang) in names
    assert bands == [[0.5, 20.5]]  # lengths 1–20, the shipped models' training range
    assert page.get_by_role("link", name=t("accuracy.link.attention", lang)).count() == 1
    assert page.get_by_text(t("accuracy.fig.exact_title", lang)).count() >= 1
    assert page.get_by_text(t("accuracy.download", lang)).count() == 1
    app.screenshot(f"accuracy-{lang}")


def test_choosing_the_baseline_heatmap_draws_the_unread_boundary(app):
    page = app.open("/accuracy", lang="en")
    combobox = page.locator(".st-key-accuracy_heatmap_model [role='combobox']")
    combobox.scroll_into_view_if_needed()
    combobox.click()
    page.get_by_role("option", name=t("kinds.baseline.shipped", "en")).click()
    app.wait()
    heatmap_traces = json.loads(page.evaluate(
        "() => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot'))[2]"
        "._fullData.map((d) => d.type))"
    ))
    assert heatmap_traces == ["heatmap", "scatter"]
    app.screenshot("accuracy-baseline-heatmap-en")

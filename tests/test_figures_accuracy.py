"""Figures of the accuracy page: the data they draw and their labels in both languages."""
import numpy as np
import plotly.graph_objects as go
import pytest

from seq2seq_core.evaluate import LengthEvaluation, wilson_interval
from seq2seq_core.figures.accuracy import (
    MODEL_COLOURS,
    exact_match_figure,
    position_heatmap,
    token_accuracy_figure,
)
from seq2seq_core.i18n import LANGUAGES, t


def evaluation(lengths, exact_correct, samples=50):
    lengths = np.asarray(lengths)
    position_correct = np.zeros((len(lengths), lengths.max() + 1), dtype=int)
    for row, length in enumerate(lengths):
        position_correct[row, : length + 1] = samples - np.arange(length + 1)
    return LengthEvaluation(lengths, samples, np.asarray(exact_correct),
                            position_correct.sum(axis=1), position_correct)


GOOD = evaluation([1, 2, 3, 4], [50, 49, 30, 0])
POOR = evaluation([1, 2, 3, 4], [50, 5, 4, 0])
CURVES = [("good", GOOD), ("poor", POOR)]


def test_exact_match_draws_each_model_with_its_wilson_interval():
    figure = exact_match_figure(CURVES, [(1, 3)], "en")
    assert [trace.name for trace in figure.data] == ["good", "poor"]
    for trace, (_, result) in zip(figure.data, CURVES):
        np.testing.assert_array_equal(trace.x, result.lengths)
        np.testing.assert_allclose(trace.y, result.exact_match)
        low, high = wilson_interval(result.exact_correct, result.samples)
        np.testing.assert_allclose(trace.y + trace.error_y.array, high)
        np.testing.assert_allclose(trace.y - trace.error_y.arrayminus, low)
    assert [trace.line.color for trace in figure.data] == list(MODEL_COLOURS[:2])


def test_the_one_pass_ceiling_is_drawn_only_when_asked():
    assert len(exact_match_figure(CURVES, [], "en").data) == 2
    ceiling = exact_match_figure(CURVES, [], "en", one_pass_ceiling=True).data[-1]
    np.testing.assert_allclose(ceiling.y, [1, 0.1, 0.1, 0.01])
    assert ceiling.name == t("accuracy.fig.ceiling", "en")


def test_each_training_range_is_shaded_over_its_lengths():
    figure = token_accuracy_figure(CURVES, [(1, 2), (1, 3)], "en")
    assert [(shape.x0, shape.x1) for shape in figure.layout.shapes] == [(0.5, 2.5), (0.5, 3.5)]
    label = t("accuracy.fig.training_range", "en", min_len=1, max_len=3)
    assert figure.layout.annotations[1].text == label


def test_token_accuracy_draws_the_share_of_right_tokens():
    figure = token_accuracy_figure(CURVES, [(1, 3)], "en")
    np.testing.assert_allclose(figure.data[0].y, GOOD.token_accuracy)
    assert figure.layout.xaxis.range == (0.5, 4.5)


def test_the_heatmap_shows_position_accuracy_with_blank_missing_positions():
    figure = position_heatmap("good", GOOD, "en")
    (heatmap,) = figure.data
    np.testing.assert_array_equal(heatmap.z, GOOD.position_accuracy)
    assert np.isnan(heatmap.z[0, 2]) and heatmap.z[0, 1] == pytest.approx(49 / 50)
    assert (heatmap.zmin, heatmap.zmax) == (0, 1)
    assert heatmap.colorscale == go.Heatmap(colorscale="Cividis").colorscale  # colour-blind safe
    assert list(heatmap.x) == [1, 2, 3, 4, 5]


def test_the_baseline_heatmap_marks_the_unread_outputs():
    figure = position_heatmap("baseline", GOOD, "en", unread_boundary=True)
    boundary = figure.data[1]
    # the first L // 2 outputs are digits a one-pass model has not read yet
    np.testing.assert_allclose(boundary.x, [0.5, 1.5, 1.5, 2.5])
    np.testing.assert_array_equal(boundary.y, GOOD.lengths)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_title_and_axis_is_in_the_chosen_language(lang):
    for figure in (exact_match_figure(CURVES, [(1, 3)], lang, one_pass_ceiling=True),
                   token_accuracy_figure(CURVES, [(1, 3)], lang),
                   position_heatmap("good", GOOD, lang, unread_boundary=True)):
        x_title = figure.layout.xaxis.title.text
        texts = [figure.layout.title.text, x_title, figure.layout.yaxis.title.text]
        texts += [trace.hovertemplate for trace in figure.data]
        other = "ko" if lang == "en" else "en"
        assert all(texts), texts
        assert x_title in (t("accuracy.fig.length", lang), t("accuracy.fig.position", lang))
        assert x_title not in (t("accuracy.fig.length", other), t("accuracy.fig.position", other))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shared_training_range_is_one_labelled_band_behind_both_charts(lang):
    for figure in (exact_match_figure(CURVES, [(1, 3)], lang, one_pass_ceiling=True),
                   token_accuracy_figure(CURVES, [(1, 3)], lang)):
        (band,) = figure.layout.shapes
        assert (band.type, band.x0, band.x1, band.layer) == ("rect", 0.5, 3.5, "below")
        # the band spans the plot's height whatever the y range
        assert (band.yref, band.y0, band.y1) == ("y domain", 0, 1)
        (label,) = figure.layout.annotations
        assert label.text == t("accuracy.fig.training_range", lang, min_len=1, max_len=3)

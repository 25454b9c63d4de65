"""Heatmaps of the hidden-state page: data, colour scales, labels (hidden_states_heatmaps)."""

import numpy as np
import pytest

from seq2seq_core.data import END, START
from seq2seq_core.figures.hidden_states_heatmaps import (
    DIFFERENCE_SCALE,
    decoder_axis_labels,
    encoder_axis_labels,
    hidden_difference_heatmap,
    hidden_state_heatmap,
    probability_heatmap,
    token_label,
)
from seq2seq_core.i18n import LANGUAGES, t

rng = np.random.default_rng(0)
HIDDEN = np.maximum(rng.normal(size=(4, 6)), 0)  # T=4 steps, D=6 units, ReLU-like
ORDER = np.array([5, 0, 3, 1, 2, 4])
DEAD = np.array([False, False, True, False, False, False])


def test_token_labels_are_escaped_for_plotly_and_steps_keep_them_unique():
    assert token_label(3) == "3"
    assert token_label(END) == "&lt;END&gt;"  # plotly would swallow a raw <END> as a tag
    assert encoder_axis_labels([3, 3, END]) == ["1·3", "2·3", "3·&lt;END&gt;"]
    assert decoder_axis_labels([START, 4, 2], [4, 2, END], [4, 9, END]) == [
        "1·&lt;START&gt;→4",
        "✗ 2·4→2",
        "3·2→&lt;END&gt;",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hidden_state_heatmap_shows_units_in_order_from_zero(lang):
    labels = encoder_axis_labels([1, 2, 3, END])
    figure = hidden_state_heatmap(
        HIDDEN, ORDER, labels, "title", lang, dead_units=DEAD, highlight_step=2
    )
    heatmap = figure.data[0]
    np.testing.assert_array_equal(heatmap.z, HIDDEN[:, ORDER].T)  # row i is unit ORDER[i]
    assert list(heatmap.y) == ["5", "0", "3", "1", "2†", "4"]  # unit 2 is dead
    assert list(heatmap.x) == labels
    assert heatmap.zmin == 0 and heatmap.zmax == pytest.approx(HIDDEN.max())  # ReLU: 0 means silent
    assert heatmap.colorscale[0][1] != heatmap.colorscale[-1][1]
    assert "%{z:.4f}" in heatmap.hovertemplate and "%{y}" in heatmap.hovertemplate
    assert figure.layout.xaxis.title.text == t("hidden_states.fig.step", lang)
    assert figure.layout.yaxis.title.text == t("hidden_states.fig.unit", lang)
    (outline,) = figure.layout.shapes
    assert (outline.x0, outline.x1) == (0.5, 1.5)  # step 2 is the second category


def test_dead_marks_follow_the_unit_not_the_row():
    figure = hidden_state_heatmap(
        HIDDEN, np.arange(6), encoder_axis_labels([1, 2, 3, END]), "", "en", dead_units=DEAD
    )
    assert list(figure.data[0].y) == ["0", "1", "2†", "3", "4", "5"]


def test_shared_colour_top_lets_two_heatmaps_be_compared():
    figure = hidden_state_heatmap(
        HIDDEN, ORDER, encoder_axis_labels([1, 2, 3, END]), "", "en", zmax=10.0
    )
    assert figure.data[0].zmax == 10.0
    silent = hidden_state_heatmap(
        np.zeros((2, 3)), np.arange(3), ["1·1", "2·&lt;END&gt;"], "", "en"
    )
    assert (
        silent.data[0].zmax > silent.data[0].zmin
    )  # an all-zero sequence still has a colour scale


def test_difference_heatmap_is_diverging_and_centred_at_zero():
    difference = np.array([[0.5, -2.0], [0.0, 1.0]])
    figure = hidden_difference_heatmap(
        difference, np.array([1, 0]), ["1·1", "2·&lt;END&gt;"], "", "ko"
    )
    heatmap = figure.data[0]
    np.testing.assert_array_equal(heatmap.z, difference[:, [1, 0]].T)
    assert (heatmap.zmin, heatmap.zmid, heatmap.zmax) == (-2.0, 0, 2.0)
    assert [colour for _, colour in heatmap.colorscale] == list(DIFFERENCE_SCALE)
    assert "Δh" in heatmap.hovertemplate


def test_probability_heatmap_marks_targets_and_flags_wrong_steps():
    probabilities = np.full((3, 12), 1 / 12)
    targets, predictions = np.array([4, 9, END]), np.array([4, 2, END])
    labels = decoder_axis_labels([START, 4, 2], predictions, targets)
    figure = probability_heatmap(
        probabilities, targets, predictions, labels, "en", highlight_step=3
    )
    heatmap, target_marks, wrong_marks = figure.data
    np.testing.assert_array_equal(heatmap.z, probabilities.T)
    assert (heatmap.zmin, heatmap.zmax) == (0, 1)
    assert list(heatmap.y)[END] == "&lt;END&gt;"
    assert list(target_marks.x) == labels and list(target_marks.y) == ["4", "9", "&lt;END&gt;"]
    assert list(wrong_marks.x) == ["✗ 2·4→2"] and list(wrong_marks.y) == ["2"]
    assert (target_marks.name, wrong_marks.name) == ("Target", "Wrong choice")
    assert figure.layout.shapes[0].x0 == 1.5

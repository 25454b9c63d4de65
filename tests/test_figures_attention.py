"""The attention page's figures: what a student reads off them."""
import numpy as np

from seq2seq_core.data import END
from seq2seq_core.figures.attention import (
    attention_heatmap,
    length_curves_figure,
    output_axis_labels,
    step_vectors_figure,
)


def test_wrong_outputs_are_marked_and_labels_stay_unique_for_repeated_digits():
    labels = output_axis_labels(np.array([3, 3, END]), np.array([3, 4, END]))
    assert labels == ["1→3", "✗ 2→3", "3→&lt;END&gt;"]


def test_the_heatmap_outlines_the_chosen_output_step_across_all_inputs():
    weights = np.eye(3)[::-1]
    figure = attention_heatmap(weights, np.array([1, 2, END]), np.array([2, 1, END]),
                               np.array([2, 1, END]), "en", step=2)
    outline = figure.layout.shapes[0]
    assert (outline.y0, outline.y1) == (0.5, 1.5) and (outline.x0, outline.x1) == (-0.5, 2.5)
    assert (figure.data[0].zmin, figure.data[0].zmax) == (0, 1)


def test_the_vectors_share_one_scale_centred_at_zero_with_the_state_on_top():
    figure = step_vectors_figure(np.array([0.0, 3.0]), np.array([-1.0, 0.5]), "ko")
    heatmap = figure.data[0]
    assert (heatmap.zmin, heatmap.zmid, heatmap.zmax) == (-3.0, 0, 3.0)
    assert figure.layout.yaxis.autorange == "reversed"
    assert heatmap.y[0].startswith("h_t")


def test_the_length_chart_shades_the_training_lengths_and_marks_the_chosen_one():
    lengths = np.arange(1, 31)
    figure = length_curves_figure(lengths, [("a", np.ones(30)), ("b", np.zeros(30))], (3, 12),
                                  25, "en")
    band, line = figure.layout.shapes
    assert (band.x0, band.x1) == (2.5, 12.5)
    assert line.x0 == line.x1 == 25
    assert [trace.name for trace in figure.data] == ["a", "b"]

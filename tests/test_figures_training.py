"""Figures of the training page: their data, scales and labels in both languages."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from seq2seq_core.curves import training_curves
from seq2seq_core.figures.training import (
    PROBE_COLOURS,
    RUN_COLOURS,
    accuracy_figure,
    comparison_figure,
    loss_figure,
    probe_figure,
)
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.probes import ProbeResult
from seq2seq_core.train import METRIC_NAMES

RNG = np.random.default_rng(0)
HISTORY = {
    "loss": np.exp(-np.linspace(0, 4, 3000)) * 2.5 + RNG.random(3000) * 0.1,
    "token_accuracy": np.linspace(0.1, 0.95, 3000),
    "sequence_accuracy": np.linspace(0.0, 0.6, 3000),
}
CURVES = training_curves(HISTORY, total_iterations=10_000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_loss_figure_shows_raw_values_faintly_under_their_moving_average(lang):
    figure = loss_figure(CURVES, 10_000, lang)
    raw, smoothed = figure.data
    np.testing.assert_array_equal(raw.x, CURVES.iterations)
    np.testing.assert_array_equal(raw.y, CURVES.raw["loss"])
    np.testing.assert_array_equal(smoothed.y, CURVES.smoothed["loss"])
    assert raw.opacity < 0.5 and smoothed.opacity is None
    assert raw.name == t("training.fig.raw", lang)
    assert smoothed.name == t("training.fig.smoothed", lang, window=100)
    assert figure.layout.yaxis.type == "log"
    assert list(figure.layout.xaxis.range) == [0, 10_000]  # the whole run, so progress shows
    assert figure.layout.xaxis.title.text == t("training.fig.iteration", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_accuracy_figure_shows_token_and_sequence_accuracy_on_a_fixed_scale(lang):
    figure = accuracy_figure(CURVES, 10_000, lang)
    token, sequence = figure.data
    np.testing.assert_array_equal(token.y, CURVES.smoothed["token_accuracy"])
    np.testing.assert_array_equal(sequence.y, CURVES.smoothed["sequence_accuracy"])
    assert token.name == t("training.metric.token_accuracy", lang)
    assert sequence.name == t("training.metric.sequence_accuracy", lang)
    assert token.line.color != sequence.line.color and sequence.line.dash == "dash"
    assert list(figure.layout.yaxis.range) == [0, 1.02]
    assert figure.layout.title.text == t("training.fig.accuracy_title", lang, window=100)


@pytest.mark.parametrize("metric", METRIC_NAMES)
def test_comparison_figure_overlays_one_curve_per_run(metric):
    shorter = training_curves({name: values[:1000] for name, values in HISTORY.items()}, 1000)
    figure = comparison_figure([("Run 1", CURVES), ("Run 2", shorter)], metric, "en")
    assert [trace.name for trace in figure.data] == ["Run 1", "Run 2"]
    assert [trace.line.color for trace in figure.data] == list(RUN_COLOURS[:2])
    np.testing.assert_array_equal(figure.data[1].y, shorter.smoothed[metric])
    assert (figure.layout.yaxis.type == "log") == (metric == "loss")
    assert t(f"training.metric.{metric}", "en") in figure.layout.title.text


def test_the_comparison_palette_has_a_colour_per_kept_run():
    from seq2seq_core.runs import MAX_RUNS

    assert len(set(RUN_COLOURS)) >= MAX_RUNS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_probe_figure_puts_each_output_under_its_target_right_and_wrong_marked(lang):
    short = ProbeResult(np.array([1, 2]), np.array([2, 1, 11]), np.array([2, 7, 11]))
    longer = ProbeResult(np.array([3, 4, 5]), np.array([5, 4, 3, 11]), np.array([5, 4, 3, 11]))
    figure = probe_figure([short, longer], lang)
    heatmap = figure.data[0]
    z = np.array(heatmap.z, dtype=float)
    assert z.shape == (4, 4)
    np.testing.assert_array_equal(z[0, :3], [0, 0, 0])  # target row
    np.testing.assert_array_equal(z[1, :3], [1, 2, 1])  # right, wrong, right
    assert np.isnan(z[0, 3]) and np.isnan(z[1, 3])  # past the end of the short probe
    np.testing.assert_array_equal(z[3], [1, 1, 1, 1])
    assert list(heatmap.text[1][:3]) == ["2", "7", "END"]
    assert list(heatmap.y) == [
        t("training.fig.probe_target", lang, length=2),
        t("training.fig.probe_output", lang, length=2, right=2, total=3),
        t("training.fig.probe_target", lang, length=3),
        t("training.fig.probe_output", lang, length=3, right=4, total=4),
    ]
    # Grey targets; right and wrong are the blue and orange ends of a diverging
    # scale, a pair colour-blind viewers tell apart.
    assert heatmap.colorscale[0][1] == PROBE_COLOURS[0]
    assert heatmap.colorscale[-1][1] == PROBE_COLOURS[2]
    assert figure.layout.xaxis.title.text == t("training.fig.position", lang)


def test_a_run_stopped_after_one_iteration_still_shows_its_point():
    one = training_curves({name: values[:1] for name, values in HISTORY.items()}, 10_000)
    assert loss_figure(one, 10_000, "en").data[1].mode == "markers"
    assert comparison_figure([("Run 1", one)], "loss", "en").data[0].mode == "markers"
    assert loss_figure(CURVES, 10_000, "en").data[1].mode == "lines"


def test_building_figures_waits_for_pandas_and_pil_to_be_imported_whole():
    # plotly peeks at sys.modules for pandas and PIL.Image; the figures package
    # imports them properly first (see seq2seq_core/figures/__init__.py).
    code = ("import sys; import seq2seq_core.figures.training; "
            "assert hasattr(sys.modules['pandas'], 'Series'); "
            "assert hasattr(sys.modules['PIL.Image'], 'Image')")
    subprocess.run([sys.executable, "-c", code], check=True,
                   cwd=Path(__file__).resolve().parents[1])

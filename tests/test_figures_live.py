"""Live figures of the training page: each redraw draws what a figure built from scratch draws."""
import numpy as np
import plotly.graph_objects as go
import pytest

from seq2seq_core.curves import training_curves
from seq2seq_core.figures.live import REDRAW_SECONDS, LiveFigures, redraw_seconds
from seq2seq_core.figures.training import accuracy_figure, loss_figure, probe_figure
from seq2seq_core.i18n import LANGUAGES
from seq2seq_core.probes import ProbeResult
from seq2seq_core.worker import CHUNK_SECONDS

RNG = np.random.default_rng(0)
HISTORY = {
    "loss": np.exp(-np.linspace(0, 4, 3000)) * 2.5 + RNG.random(3000) * 0.1,
    "token_accuracy": np.linspace(0.1, 0.95, 3000),
    "sequence_accuracy": np.linspace(0.0, 0.6, 3000),
}
TOTAL = 10_000
PROBES = [ProbeResult(np.array([1, 2]), np.array([2, 1, 11]), np.array([2, 7, 11]))]
RIGHT_PROBES = [ProbeResult(np.array([1, 2]), np.array([2, 1, 11]), np.array([2, 1, 11]))]


def curves_after(iterations):
    return training_curves({name: values[:iterations] for name, values in HISTORY.items()}, TOTAL)


def built(spec):
    """The figure plotly builds and checks from a dict, as st.plotly_chart does with a dict."""
    return go.Figure(spec)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_redraw_after_more_training_draws_what_figures_built_from_scratch_draw(lang):
    live = LiveFigures()
    live.draw(1, curves_after(1), TOTAL, PROBES, lang)  # one point: markers, not lines
    later = curves_after(2500)
    loss, accuracy, probes = live.draw(1, later, TOTAL, RIGHT_PROBES, lang)
    assert built(loss) == loss_figure(later, TOTAL, lang)
    assert built(accuracy) == accuracy_figure(later, TOTAL, lang)
    assert built(probes) == probe_figure(RIGHT_PROBES, lang)


def test_the_figures_follow_a_new_run_and_a_new_language():
    live = LiveFigures()
    live.draw(1, curves_after(100), TOTAL, PROBES, "ko")
    longer_run = training_curves(HISTORY, 50_000)  # another smoothing window and x range
    loss, accuracy, probes = live.draw(2, longer_run, 50_000, PROBES, "en")
    assert built(loss) == loss_figure(longer_run, 50_000, "en")
    assert built(accuracy) == accuracy_figure(longer_run, 50_000, "en")
    assert built(probes) == probe_figure(PROBES, "en")


def test_the_probe_figure_is_the_same_object_while_the_answers_stay_the_same():
    live = LiveFigures()
    first = live.draw(1, curves_after(100), TOTAL, PROBES, "en")[2]
    assert live.draw(1, curves_after(200), TOTAL, PROBES, "en")[2] is first
    assert live.draw(1, curves_after(300), TOTAL, RIGHT_PROBES, "en")[2] is not first


@pytest.mark.parametrize("slots", [1, 2])
def test_however_many_runs_are_live_the_server_redraws_at_most_one_panel_per_chunk_and_slot(slots):
    assert redraw_seconds(1, slots) == REDRAW_SECONDS  # a run alone: the charts move smoothly
    for live_runs in range(1, 101):
        panels_per_second = live_runs / redraw_seconds(live_runs, slots)
        assert panels_per_second <= slots / CHUNK_SECONDS + 1e-9, live_runs

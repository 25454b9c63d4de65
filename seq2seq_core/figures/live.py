"""The training page's live figures as plotly dicts: built once a run, then only points move."""
from ..worker import CHUNK_SECONDS
from .training import (
    accuracy_figure,
    accuracy_points,
    loss_figure,
    loss_points,
    probe_figure,
    probe_points,
)

__all__ = ["REDRAW_SECONDS", "LiveFigures", "redraw_seconds"]

REDRAW_SECONDS = 0.4  # the live charts redraw twice a second or more while a run trains alone


def redraw_seconds(live_runs, slots=1):
    """Seconds between two redraws of a live panel while ``live_runs`` runs train or wait in line.

    With ``slots`` runs training at a time, each live run trains a chunk once every
    ``live_runs / slots`` chunks, and its panel redraws about as often, never more
    often than every :data:`REDRAW_SECONDS`: the server then redraws at most
    ``slots / CHUNK_SECONDS`` panels a second however many students watch.
    """
    return max(REDRAW_SECONDS, CHUNK_SECONDS * live_runs / slots)


def _with_points(spec, points):
    """dict: figure dict ``spec``, each trace updated with its entry of ``points`` (x, y …)."""
    return {"data": [trace | new for trace, new in zip(spec["data"], points)],
            "layout": spec["layout"]}


class LiveFigures:
    """The loss, accuracy and probe figures of the run being watched, redrawn cheaply.

    Plotly checks every property of a ``go.Figure`` it builds, which costs
    milliseconds a figure, several times a second on the training page. Here the
    figures of :mod:`seq2seq_core.figures.training` are built once per run and
    language, and each redraw gives their dicts the new points; the probe figure
    takes new answers only when they change. The dicts draw exactly what the
    built figures draw (``tests/test_figures_live.py``).
    """

    def __init__(self):
        self._styled_of = None  # (run, iterations, lang) the figures were built for
        self._specs = None
        self._answers = None  # the probe predictions the probe figure shows
        self._probe_spec = None

    def draw(self, run, curves, total_iterations, probes, lang):
        """The three figures of ``run`` now, as dicts ``st.plotly_chart`` can send.

        Parameters
        ----------
        run : hashable
            Which run the curves belong to (its number).
        curves : seq2seq_core.curves.Curves
        total_iterations : int
        probes : list of seq2seq_core.probes.ProbeResult
        lang : {"ko", "en"}

        Returns
        -------
        (dict, dict, dict)
            Loss, accuracy and probe figures; the probe dict is the same object
            as long as the answers are the same.
        """
        styled_of = (run, total_iterations, lang)
        answers = [result.predictions.tolist() for result in probes]
        if self._styled_of != styled_of:
            self._specs = (loss_figure(curves, total_iterations, lang).to_dict(),
                           accuracy_figure(curves, total_iterations, lang).to_dict(),
                           probe_figure(probes, lang).to_dict())
            self._styled_of = styled_of
            self._probe_spec, self._answers = self._specs[2], answers
        elif self._answers != answers:
            self._probe_spec = _with_points(self._specs[2], [probe_points(probes, lang)])
            self._answers = answers
        loss_spec, accuracy_spec, _ = self._specs
        return (_with_points(loss_spec, loss_points(curves)),
                _with_points(accuracy_spec, accuracy_points(curves)), self._probe_spec)

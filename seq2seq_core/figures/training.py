"""Figures of the training page: live loss and accuracy, runs overlaid, answers on probes."""
import numpy as np
import plotly.graph_objects as go

from ..data import TOKEN_LABELS
from ..i18n import t

__all__ = ["RUN_COLOURS", "loss_figure", "loss_points", "accuracy_figure", "accuracy_points",
           "comparison_figure", "probe_figure", "probe_points"]

LOSS_COLOUR = "#1f6feb"
TOKEN_COLOUR = "#1f6feb"
SEQUENCE_COLOUR = "#e66101"
# Okabe–Ito colours that read on light and dark backgrounds (its black and
# yellow do not), one per kept run.
RUN_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
# Probe cells: a neutral target row, then right (blue) and wrong (orange) outputs,
# the PuOr ends, told apart without colour vision by the target row above them.
PROBE_COLOURS = ("#6b6b6b", "#2166ac", "#b35806")
_TARGET, _RIGHT, _WRONG = 0, 1, 2
CHART_HEIGHT = 320
# Labels at 1 and 3 times powers of ten (0.01, 0.03, 0.1 … 3): enough ticks for the
# narrow range of a late run, and none of plotly's small "2" and "5" labels
# between decades, which read as a second, unrelated scale.
LOG_AXIS = dict(type="log",
                tickvals=[base * 10.0**power for power in range(-4, 2) for base in (1, 3)],
                exponentformat="none")
ACCURACY_AXIS = dict(range=[0, 1.02], tickformat=".0%")


def _iteration_axis(total_iterations, lang):
    # A fixed range, so that the curve visibly grows towards the end of the run.
    return dict(title=t("training.fig.iteration", lang), range=[0, total_iterations])


def _points(curves, values):
    """dict: the part of a metric's trace that changes as the run trains (x, y, mode)."""
    # A run that stopped after one iteration (e.g. diverged) still shows its point.
    mode = "lines" if len(curves.iterations) > 1 else "markers"
    return dict(x=curves.iterations, y=values, mode=mode)


def _curve(curves, values, name, line, hovertemplate, **options):
    """One metric of a run against its iterations."""
    return go.Scatter(**_points(curves, values), name=name, line=line,
                      hovertemplate=hovertemplate, **options)


def loss_points(curves):
    """list of dict: x, y and mode of each trace of :func:`loss_figure`, in its order."""
    return [_points(curves, curves.raw["loss"]), _points(curves, curves.smoothed["loss"])]


def accuracy_points(curves):
    """list of dict: x, y and mode of each trace of :func:`accuracy_figure`, in its order."""
    return [_points(curves, curves.smoothed[name])
            for name in ("token_accuracy", "sequence_accuracy")]


def _layout(title, xaxis, yaxis):
    # One layout dict for the constructor: plotly's update_* calls cost several
    # milliseconds each, and these charts are redrawn a few times a second.
    return dict(
        title=title,
        xaxis=xaxis,
        yaxis=yaxis,
        height=CHART_HEIGHT,
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
        # Keeps a zoom the user chose while the chart is redrawn with new points.
        uirevision="training",
    )


def loss_figure(curves, total_iterations, lang):
    """Loss against iteration, log scale: every (thinned) value faint, the moving average on top.

    Parameters
    ----------
    curves : seq2seq_core.curves.Curves
    total_iterations : int
        The run's length; the x axis spans [0, total_iterations].
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        Two traces, raw then smoothed.
    """
    hover = t("training.fig.hover", lang)
    styles = [dict(name=t("training.fig.raw", lang), line=dict(color=LOSS_COLOUR, width=0.8),
                   hovertemplate=hover, opacity=0.2),
              dict(name=t("training.fig.smoothed", lang, window=curves.window),
                   line=dict(color=LOSS_COLOUR, width=2.5), hovertemplate=hover)]
    return go.Figure(
        [go.Scatter(**points, **style) for points, style in zip(loss_points(curves), styles)],
        layout=_layout(t("training.fig.loss_title", lang), _iteration_axis(total_iterations, lang),
                       dict(title=t("training.fig.loss", lang), **LOG_AXIS)),
    )


def accuracy_figure(curves, total_iterations, lang):
    """Token then exact-sequence accuracy (moving averages) against iteration, y fixed to [0, 1].

    Takes the arguments of :func:`loss_figure`; returns a figure of two traces.
    """
    hover = t("training.fig.hover_percent", lang)
    styles = [dict(name=t("training.metric.token_accuracy", lang),
                   line=dict(color=TOKEN_COLOUR, width=2.5), hovertemplate=hover),
              dict(name=t("training.metric.sequence_accuracy", lang),
                   line=dict(color=SEQUENCE_COLOUR, width=2.5, dash="dash"), hovertemplate=hover)]
    return go.Figure(
        [go.Scatter(**points, **style) for points, style in zip(accuracy_points(curves), styles)],
        layout=_layout(t("training.fig.accuracy_title", lang, window=curves.window),
                       _iteration_axis(total_iterations, lang),
                       ACCURACY_AXIS | dict(title=t("training.fig.accuracy", lang))),
    )


def comparison_figure(labelled_curves, metric, lang):
    """One ``metric`` of several runs overlaid as moving averages, a trace per run.

    ``labelled_curves`` holds a legend label and the :class:`~seq2seq_core.curves.Curves`
    of each run, at most ``len(RUN_COLOURS)``.
    """
    is_loss = metric == "loss"
    hover = t("training.fig.hover" if is_loss else "training.fig.hover_percent", lang)
    yaxis = (dict(title=t("training.fig.loss", lang), **LOG_AXIS) if is_loss
             else ACCURACY_AXIS | dict(title=t("training.fig.accuracy", lang)))
    return go.Figure(
        [
            _curve(curves, curves.smoothed[metric], label,
                   dict(color=RUN_COLOURS[index % len(RUN_COLOURS)], width=2.5), hover)
            for index, (label, curves) in enumerate(labelled_curves)
        ],
        layout=_layout(
            t("training.fig.compare_title", lang, metric=t(f"training.metric.{metric}", lang)),
            dict(title=t("training.fig.iteration", lang)), yaxis,
        ) | dict(showlegend=True),
    )


def probe_points(results, lang):
    """dict: the part of :func:`probe_figure`'s heatmap that follows the answers (z, text, y …)."""
    width = max(len(result.targets) for result in results)
    z = np.full((2 * len(results), width), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover_target = np.full(z.shape, "", dtype=object)
    row_labels = []
    for index, result in enumerate(results):
        length = len(result.targets)
        target_row, output_row = 2 * index, 2 * index + 1
        z[target_row, :length] = _TARGET
        z[output_row, :length] = np.where(result.correct, _RIGHT, _WRONG)
        text[target_row, :length] = [TOKEN_LABELS[token].strip("<>") for token in result.targets]
        text[output_row, :length] = [TOKEN_LABELS[token].strip("<>")
                                     for token in result.predictions]
        hover_target[target_row, :length] = text[target_row, :length]
        hover_target[output_row, :length] = text[target_row, :length]
        digits = len(result.digits)
        row_labels += [
            t("training.fig.probe_target", lang, length=digits),
            t("training.fig.probe_output", lang, length=digits, right=int(result.correct.sum()),
              total=length),
        ]
    return dict(z=z, x=np.arange(1, width + 1), y=row_labels, text=text, customdata=hover_target)


def probe_figure(results, lang):
    """The model's output on each probe sequence under its target, right and wrong tokens coloured.

    Parameters
    ----------
    results : list of seq2seq_core.probes.ProbeResult
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap: two rows per probe (target, then output), a column per output
        position; ``z`` is 0 in target rows, 1 for a right and 2 for a wrong output
        token, NaN past a sequence's end.
    """
    points = probe_points(results, lang)
    colours = PROBE_COLOURS
    return go.Figure(go.Heatmap(
        **points,
        texttemplate="%{text}",
        textfont=dict(color="white", size=13),
        zmin=0,
        zmax=2,
        colorscale=[[0, colours[0]], [1 / 3, colours[0]], [1 / 3, colours[1]], [2 / 3, colours[1]],
                    [2 / 3, colours[2]], [1, colours[2]]],
        showscale=False,
        xgap=3,
        ygap=3,
        hovertemplate=t("training.fig.probe_hover", lang) + "<extra></extra>",
    ), layout=dict(
        title=t("training.fig.probe_title", lang),
        height=70 + 30 * len(points["y"]),
        margin=dict(l=10, r=10, t=50, b=10),
        xaxis=dict(title=t("training.fig.position", lang), dtick=1, side="top"),
        yaxis=dict(autorange="reversed", type="category"),
    ))

"""Figures of the accuracy page: accuracy by length per model, accuracy per output position."""
import numpy as np
import plotly.graph_objects as go

from ..baseline import one_pass_exact_match_ceiling
from ..evaluate import wilson_interval
from ..i18n import t

__all__ = ["MODEL_COLOURS", "exact_match_figure", "token_accuracy_figure", "position_heatmap"]

# Okabe–Ito: told apart with every common colour-vision deficiency, on light and dark themes.
MODEL_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_TRAINING_SHADE = "rgba(128, 128, 128, 0.18)"  # grey reads as "background" on both themes
_CEILING_COLOUR = "#999999"
_BOUNDARY_COLOUR = "#D55E00"  # vermillion: stands out on every colour of Cividis and on both themes


def _length_figure(title, axis_title, lengths, training_ranges, lang):
    figure = go.Figure()
    for low, high in training_ranges:
        figure.add_vrect(
            x0=low - 0.5, x1=high + 0.5, fillcolor=_TRAINING_SHADE, line_width=0, layer="below",
            annotation_text=t("accuracy.fig.training_range", lang, min_len=low, max_len=high),
            annotation_position="top left", annotation_font_size=11,
        )
    figure.update_layout(
        title=title,
        xaxis=dict(title=t("accuracy.fig.length", lang),
                   range=[lengths.min() - 0.5, lengths.max() + 0.5],
                   dtick=1 if len(lengths) <= 15 else 5, tick0=0),
        # headroom above 100 % for the training-range label; ticks stop at 100 %
        yaxis=dict(title=axis_title, range=[-0.03, 1.13], tickvals=np.linspace(0, 1, 6),
                   tickformat=".0%"),
        height=470,
        # Fixed margins, so that charts side by side keep equal plot areas whatever their legends.
        margin=dict(l=70, r=10, t=60, b=150, autoexpand=False),
        legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0),
        hovermode="closest",
    )
    return figure


def _all_lengths(curves):
    return np.unique(np.concatenate([evaluation.lengths for _, evaluation in curves]))


def _model_line(index, name, lengths, values, hovertemplate, **options):
    """The line of the ``index``-th model, in its colour, on a chart by length."""
    return go.Scatter(
        x=lengths, y=values, name=name, mode="lines+markers", marker_size=5,
        line=dict(color=MODEL_COLOURS[index % len(MODEL_COLOURS)], width=2),
        hovertemplate=hovertemplate + "<extra></extra>", **options,
    )


def exact_match_figure(curves, training_ranges, lang, one_pass_ceiling=False):
    """Exact-match accuracy by length, a line per model, with Wilson 95 % intervals.

    Parameters
    ----------
    curves : Sequence[Tuple[str, LengthEvaluation]]
        A display name and an evaluation per model; colours follow this order.
    training_ranges : Iterable[Tuple[int, int]]
        The (min_len, max_len) ranges the models were trained on, each shaded.
    lang : {"ko", "en"}
    one_pass_ceiling : bool
        Also draw :func:`~seq2seq_core.baseline.one_pass_exact_match_ceiling`, dotted.

    Returns
    -------
    plotly.graph_objects.Figure
        A ``Scatter`` per model (``x`` lengths, ``y`` exact match, ``error_y`` to
        the Wilson bounds), then the ceiling.
    """
    lengths = _all_lengths(curves)
    figure = _length_figure(t("accuracy.fig.exact_title", lang), t("accuracy.fig.exact_axis", lang),
                            lengths, training_ranges, lang)
    for index, (name, evaluation) in enumerate(curves):
        low, high = wilson_interval(evaluation.exact_correct, evaluation.samples)
        exact = evaluation.exact_match
        figure.add_trace(_model_line(
            index, name, evaluation.lengths, exact,
            t("accuracy.fig.exact_hover", lang, name=name, samples=evaluation.samples),
            error_y=dict(type="data", symmetric=False, array=high - exact, arrayminus=exact - low,
                         thickness=1, width=3),
            customdata=np.stack([low, high, evaluation.exact_correct], axis=-1),
        ))
    if one_pass_ceiling:
        figure.add_trace(go.Scatter(
            x=lengths, y=one_pass_exact_match_ceiling(lengths),
            name=t("accuracy.fig.ceiling", lang), mode="lines",
            line=dict(color=_CEILING_COLOUR, dash="dot", width=2),
            hovertemplate=t("accuracy.fig.ceiling_hover", lang) + "<extra></extra>",
        ))
    return figure


def token_accuracy_figure(curves, training_ranges, lang):
    """Token accuracy by length (``<END>`` included), a line per model.

    Takes the arguments of :func:`exact_match_figure`; returns a ``Scatter`` per model.
    """
    lengths = _all_lengths(curves)
    figure = _length_figure(t("accuracy.fig.token_title", lang), t("accuracy.fig.token_axis", lang),
                            lengths, training_ranges, lang)
    for index, (name, evaluation) in enumerate(curves):
        figure.add_trace(_model_line(index, name, evaluation.lengths, evaluation.token_accuracy,
                                     t("accuracy.fig.token_hover", lang, name=name)))
    return figure


def position_heatmap(name, evaluation, lang, unread_boundary=False):
    """Token accuracy per (length, output position) of one model.

    Parameters
    ----------
    name : str
        The model's display name, for the title.
    evaluation : LengthEvaluation
        Its ``position_accuracy``, shape-(L, P), is drawn.
    lang : {"ko", "en"}
    unread_boundary : bool
        For a one-pass model, also the line left of which outputs are digits not yet
        read (the first ``L // 2``).

    Returns
    -------
    plotly.graph_objects.Figure
        A ``Heatmap`` (``x`` positions 1…P, ``y`` lengths, Cividis from 0 to 1), then the line.
    """
    accuracy = evaluation.position_accuracy
    positions = np.arange(1, accuracy.shape[1] + 1)
    figure = go.Figure(go.Heatmap(
        z=accuracy, x=positions, y=evaluation.lengths, zmin=0, zmax=1, colorscale="Cividis",
        colorbar=dict(title=t("accuracy.fig.token_axis", lang), tickformat=".0%"),
        hovertemplate=t("accuracy.fig.position_hover", lang) + "<extra></extra>",
    ))
    if unread_boundary:
        lengths = evaluation.lengths
        figure.add_trace(go.Scatter(
            x=lengths // 2 + 0.5, y=lengths, mode="lines",
            line=dict(color=_BOUNDARY_COLOUR, dash="dash", width=3, shape="vhv"),
            name=t("accuracy.fig.unread", lang), showlegend=True, customdata=lengths // 2,
            hovertemplate=t("accuracy.fig.unread_hover", lang) + "<extra></extra>",
        ))
    figure.update_layout(
        title=t("accuracy.fig.position_title", lang, name=name),
        xaxis=dict(title=t("accuracy.fig.position", lang), dtick=1 if len(positions) <= 16 else 5,
                   range=[0.5, positions.max() + 0.5]),
        yaxis=dict(title=t("accuracy.fig.length", lang),
                   dtick=1 if len(evaluation.lengths) <= 16 else 5,
                   range=[evaluation.lengths.min() - 0.5, evaluation.lengths.max() + 0.5]),
        height=460,
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.15, xanchor="left", x=0),
    )
    return figure

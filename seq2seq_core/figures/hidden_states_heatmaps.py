"""Heatmaps of the hidden-state page: units × time for one sequence, and its output probabilities.

Hidden states are ReLU outputs (≥ 0): a sequential scale from 0 (Cividis, readable
with every colour-vision deficiency). Differences of two sequences' states: a
diverging red–blue scale centred at 0. Probabilities: Viridis from 0 to 1. Marks
that matter (the current step, the target, wrong steps) also differ in shape.
"""

import html

import numpy as np
import plotly.graph_objects as go
from plotly.colors import diverging

from ..data import TOKEN_LABELS, VOCAB_SIZE
from ..i18n import t

__all__ = [
    "token_label",
    "encoder_axis_labels",
    "decoder_axis_labels",
    "hidden_state_heatmap",
    "hidden_difference_heatmap",
    "probability_heatmap",
]

HIGHLIGHT_COLOUR = "#ff4b4b"  # Streamlit's accent red: visible on both ends of Cividis and Viridis
# Blue for negative, white at 0, red for positive.
DIFFERENCE_SCALE = diverging.RdBu[::-1]


def token_label(token):
    """The label of vocabulary index ``token``, escaped so that plotly shows ``<END>`` literally."""
    return html.escape(TOKEN_LABELS[int(token)])


def encoder_axis_labels(encoder_inputs):
    """Encoder time labels ``step·token``, e.g. ``["1·3", "2·&lt;END&gt;"]``, for shape-(T,) inputs.

    The step number keeps them unique, so that they can serve as plotly
    categories (a repeated digit would otherwise merge two columns).
    """
    return [f"{step}·{token_label(token)}" for step, token in enumerate(encoder_inputs, start=1)]


def decoder_axis_labels(decoder_inputs, predictions, targets):
    """Decoder time labels ``step·input→output``, ✗ first where wrong, e.g. ``"✗ 2·6→3"``.

    Parameters
    ----------
    decoder_inputs, predictions, targets : ndarray of int, shape-(T,)

    Returns
    -------
    list of str, length T
    """
    return [
        f"{'✗ ' if predicted != target else ''}{step}·{token_label(read)}→{token_label(predicted)}"
        for step, (read, predicted, target) in enumerate(
            zip(decoder_inputs, predictions, targets), start=1
        )
    ]


def _step_highlight(figure, step, rows):
    """Outline column ``step`` (1-based; category axes put column i at i-1) across ``rows`` rows."""
    figure.add_shape(
        type="rect",
        x0=step - 1.5,
        x1=step - 0.5,
        y0=-0.5,
        y1=rows - 0.5,
        line=dict(color=HIGHLIGHT_COLOUR, width=3),
    )


def _tick_label_room(time_labels):
    """Pixels to add to a figure's height for its time-axis labels.

    Past a dozen steps plotly turns the labels upright, and they take height from
    the plot area unless the figure grows by about their length.
    """
    if len(time_labels) <= 12:
        return 0
    return int(6.5 * max(len(html.unescape(label)) for label in time_labels))


def _units_by_time(z, unit_order, time_labels, title, lang, dead_units, highlight_step, hover,
                   colour):
    """``z`` (shape-(T, D)) as D rows (units in ``unit_order``) × T columns.

    Both axes are categories with unique labels, so the hovertemplate ``hover``
    can name the unit (``%{y}``) and the step (``%{x}``) without per-cell data.
    """
    steps, units = z.shape
    unit_order = np.asarray(unit_order)
    dead = np.zeros(units, dtype=bool) if dead_units is None else np.asarray(dead_units, dtype=bool)
    # The dagger marks dead units on the axis and in the hover text alike.
    unit_names = [f"{unit}†" if dead[unit] else str(unit) for unit in unit_order]
    figure = go.Figure(
        go.Heatmap(
            z=z[:, unit_order].T,
            x=list(time_labels),
            y=unit_names,
            hovertemplate=hover + "<extra></extra>",
            **colour,
        )
    )
    if highlight_step is not None:
        _step_highlight(figure, highlight_step, units)
    figure.update_layout(
        title=title,
        xaxis=dict(title=t("hidden_states.fig.step", lang), type="category"),
        yaxis=dict(
            title=t("hidden_states.fig.unit", lang),
            type="category",
            autorange="reversed",
            tickfont=dict(size=9),
        ),
        height=int(np.clip(160 + 9 * units, 320, 900)) + _tick_label_room(time_labels),
        margin=dict(l=10, r=10, t=50, b=10),
    )
    return figure


def hidden_state_heatmap(
    hidden, unit_order, time_labels, title, lang, dead_units=None, highlight_step=None, zmax=None
):
    """One sequence's hidden states as units × time, coloured from 0 (ReLU: silent) upward.

    Parameters
    ----------
    hidden : ndarray, shape-(T, D)
        The states h_1 … h_T.
    unit_order : ndarray of int, shape-(D,)
        Row order, top to bottom (e.g. :func:`~seq2seq_core.unit_order.order_by_peak_time`).
    time_labels : list of str, length T
        Unique column labels (:func:`encoder_axis_labels`, :func:`decoder_axis_labels`).
    title : str
    lang : {"ko", "en"}
    dead_units : ndarray of bool, shape-(D,), optional
        Units to mark with † (never active over many sequences).
    highlight_step : int, optional
        Column (1-based) to outline.
    zmax : float, optional
        Top of the colour scale, shared to compare heatmaps; the largest value when omitted.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap, ``z`` = ``hidden[:, unit_order].T``, shape-(D, T).
    """
    hidden = np.asarray(hidden)
    top = float(hidden.max()) if zmax is None else float(zmax)
    colour = dict(colorscale="Cividis", zmin=0, zmax=max(top, 1e-6),
                  colorbar=dict(title=dict(text="h", side="top")))
    return _units_by_time(hidden, unit_order, time_labels, title, lang, dead_units, highlight_step,
                          t("hidden_states.fig.hover_hidden", lang), colour)


def hidden_difference_heatmap(difference, unit_order, time_labels, title, lang, dead_units=None):
    """Two sequences' hidden states subtracted, ``h_B - h_A``, shape-(T, D), as units × time.

    Takes the arguments of :func:`hidden_state_heatmap`; returns one heatmap with
    ``z`` = ``difference[:, unit_order].T`` on a diverging scale, limits ±max|difference|.
    """
    difference = np.asarray(difference)
    limit = max(float(np.abs(difference).max()), 1e-6)
    colour = dict(colorscale=DIFFERENCE_SCALE, zmin=-limit, zmax=limit, zmid=0,
                  colorbar=dict(title=dict(text="Δh", side="top")))
    return _units_by_time(difference, unit_order, time_labels, title, lang, dead_units, None,
                          t("hidden_states.fig.hover_difference", lang), colour)


def probability_heatmap(
    probabilities, targets, predictions, time_labels, lang, highlight_step=None
):
    """The decoder's output probabilities as tokens × time, targets boxed, wrong choices crossed.

    Parameters
    ----------
    probabilities : ndarray, shape-(T, K)
    targets, predictions : ndarray of int, shape-(T,)
    time_labels : list of str, length T
        Unique column labels (:func:`decoder_axis_labels`).
    lang : {"ko", "en"}
    highlight_step : int, optional
        Column (1-based) to outline.

    Returns
    -------
    plotly.graph_objects.Figure
        The heatmap (``z`` shape-(K, T)), the targets (an open square per step)
        and the wrong choices (a cross per wrong step).
    """
    probabilities = np.asarray(probabilities)
    time_labels = np.array(time_labels, dtype=object)
    token_names = np.array([token_label(token) for token in range(VOCAB_SIZE)], dtype=object)
    wrong = np.flatnonzero(np.asarray(predictions) != np.asarray(targets))
    figure = go.Figure(
        [
            go.Heatmap(
                z=probabilities.T,
                x=time_labels,
                y=token_names,
                colorscale="Viridis",
                zmin=0,
                zmax=1,
                colorbar=dict(
                    title=dict(text=t("hidden_states.fig.probability", lang), side="top")
                ),
                hovertemplate=t("hidden_states.fig.hover_probability", lang) + "<extra></extra>",
            ),
            go.Scatter(
                x=time_labels,
                y=token_names[np.asarray(targets)],
                mode="markers",
                name=t("hidden_states.fig.target", lang),
                hoverinfo="skip",
                marker=dict(
                    symbol="square-open", size=16, color=HIGHLIGHT_COLOUR, line=dict(width=3)
                ),
            ),
            go.Scatter(
                x=time_labels[wrong],
                y=token_names[np.asarray(predictions)[wrong]],
                mode="markers",
                name=t("hidden_states.fig.wrong", lang),
                hoverinfo="skip",
                marker=dict(
                    symbol="x", size=13, color="white", line=dict(color="black", width=1.5)
                ),
            ),
        ]
    )
    if highlight_step is not None:
        _step_highlight(figure, highlight_step, VOCAB_SIZE)
    figure.update_layout(
        title=t("hidden_states.fig.probabilities_title", lang),
        xaxis=dict(title=t("hidden_states.fig.step", lang), type="category"),
        yaxis=dict(
            title=t("hidden_states.fig.token", lang),
            type="category",
            autorange="reversed",
            categoryorder="array",
            categoryarray=token_names,
        ),
        showlegend=True,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1),
        height=440 + _tick_label_room(time_labels),
        margin=dict(l=10, r=10, t=70, b=10),
    )
    return figure

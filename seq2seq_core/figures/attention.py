"""Figures of the attention page: the weights heatmap, one decoding step, exact match by length.

Weights and probabilities use Viridis from 0 to 1, as on the hidden-state page;
scores and vectors, which can be negative, a diverging scale centred at 0. Wrong
outputs carry a ✗ on the axis, the current step a red outline, so that neither
depends on colour alone.
"""
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import TOKEN_LABELS
from ..i18n import t
from .hidden_states_heatmaps import (
    DIFFERENCE_SCALE,
    HIGHLIGHT_COLOUR,
    encoder_axis_labels,
    token_label,
)

__all__ = [
    "output_axis_labels",
    "attention_heatmap",
    "step_scores_figure",
    "step_vectors_figure",
    "output_distribution_figure",
    "length_curves_figure",
]

TRAINING_RANGE_COLOUR = "rgba(128, 128, 128, 0.18)"  # readable on light and dark themes


def output_axis_labels(predictions, targets):
    """Output step labels ``step→output``, ✗ first where wrong, e.g. ``"✗ 3→6"``.

    Parameters
    ----------
    predictions, targets : ndarray of int, shape-(T,)

    Returns
    -------
    list of str, length T (unique, so that they can be plotly categories)
    """
    return [f"{'✗ ' if predicted != target else ''}{step}→{token_label(predicted)}"
            for step, (predicted, target) in enumerate(zip(predictions, targets), start=1)]


def attention_heatmap(weights, encoder_inputs, predictions, targets, lang, step=None):
    """Output step × input position: how much each output reads each encoder state.

    Parameters
    ----------
    weights : ndarray, shape-(T, S)
        One sequence's attention weights, rows summing to 1.
    encoder_inputs : ndarray of int, shape-(S,)
    predictions, targets : ndarray of int, shape-(T,)
    lang : {"ko", "en"}
    step : int, optional
        A 1-based output step to outline.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    rows, columns = weights.shape
    y_labels = output_axis_labels(predictions, targets)
    figure = go.Figure(go.Heatmap(
        z=weights, x=encoder_axis_labels(encoder_inputs), y=y_labels, zmin=0, zmax=1,
        colorscale="Viridis", colorbar=dict(title=t("attention.fig.weight", lang)),
        hovertemplate=t("attention.fig.weight_hover", lang) + "<extra></extra>",
    ))
    if step is not None:
        figure.add_shape(type="rect", x0=-0.5, x1=columns - 0.5, y0=step - 1.5, y1=step - 0.5,
                         line=dict(color=HIGHLIGHT_COLOUR, width=3))
    side = int(np.clip(150 + 22 * max(rows, columns), 320, 820))
    figure.update_layout(
        title=t("attention.fig.heatmap_title", lang),
        xaxis=dict(title=t("attention.fig.input_position", lang), type="category"),
        yaxis=dict(title=t("attention.fig.output_step", lang), type="category",
                   autorange="reversed"),
        height=side, margin=dict(t=50, l=80, r=20, b=40),
    )
    return figure


def step_scores_figure(scores, weights, encoder_inputs, lang):
    """One step's scores ``ē_sᵀ W_a h_t`` and their softmax, per input position.

    Parameters
    ----------
    scores, weights : ndarray, shape-(S,)
    encoder_inputs : ndarray of int, shape-(S,)
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        Two rows of bars sharing the input positions.
    """
    labels = encoder_axis_labels(encoder_inputs)
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                           subplot_titles=(t("attention.fig.scores", lang),
                                           t("attention.fig.weights", lang)))
    figure.add_trace(go.Bar(x=labels, y=scores, marker_color="#7f7f7f",
                            name=t("attention.fig.scores", lang)), row=1, col=1)
    figure.add_trace(go.Bar(x=labels, y=weights, marker_color=HIGHLIGHT_COLOUR,
                            name=t("attention.fig.weights", lang)), row=2, col=1)
    figure.update_yaxes(range=[0, 1], row=2, col=1)
    figure.update_xaxes(type="category", title=t("attention.fig.input_position", lang),
                        row=2, col=1)
    figure.update_layout(height=380, showlegend=False, margin=dict(t=40, b=20))
    return figure


def step_vectors_figure(decoder_state, context, lang):
    """One step's decoder state h_t and context c_t, both shape-(D,), as two rows of cells."""
    vectors = np.stack([decoder_state, context])
    limit = float(np.abs(vectors).max()) or 1.0
    figure = go.Figure(go.Heatmap(
        z=vectors, y=[t("attention.fig.state", lang), t("attention.fig.context", lang)],
        x=list(range(len(decoder_state))), colorscale=DIFFERENCE_SCALE, zmid=0,
        zmin=-limit, zmax=limit,
        hovertemplate=t("attention.fig.vector_hover", lang) + "<extra></extra>",
    ))
    figure.update_layout(
        height=190, margin=dict(t=30, b=30),
        xaxis=dict(title=t("attention.fig.unit", lang)),
        yaxis=dict(type="category", autorange="reversed"),  # h_t on top, as the caption says
    )
    return figure


def output_distribution_figure(probabilities, target, lang):
    """One step's output probabilities over the 12 tokens, shape-(K,); the target's bar outlined."""
    labels = [TOKEN_LABELS[token] for token in range(len(probabilities))]
    outline = [3 if token == target else 0 for token in range(len(probabilities))]
    figure = go.Figure(go.Bar(
        x=labels, y=probabilities, marker=dict(color="#4c78a8", line=dict(
            color=HIGHLIGHT_COLOUR, width=outline)),
        hovertemplate="%{x}: %{y:.3f}<extra></extra>",
    ))
    figure.update_layout(
        title=t("attention.fig.output", lang), height=260, margin=dict(t=40, b=20),
        xaxis=dict(type="category"), yaxis=dict(range=[0, 1]),
    )
    return figure


def length_curves_figure(lengths, curves, training_range, chosen_length, lang):
    """Exact match by length, one line per model, the training range shaded.

    Parameters
    ----------
    lengths : ndarray of int, shape-(M,)
    curves : list of (str, ndarray shape-(M,))
        Each model's label and exact match per length.
    training_range : tuple of int
        (min_len, max_len) the models were trained on.
    chosen_length : int
        Marked with a vertical line.
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
    """
    figure = go.Figure()
    low, high = training_range
    figure.add_vrect(x0=low - 0.5, x1=high + 0.5, fillcolor=TRAINING_RANGE_COLOUR, line_width=0,
                     annotation_text=t("attention.fig.trained_lengths", lang, low=low, high=high),
                     annotation_position="bottom left")  # the curves start at the top
    for (label, exact), dash in zip(curves, ("solid", "dash", "dot")):
        figure.add_trace(go.Scatter(x=lengths, y=exact, name=label, mode="lines+markers",
                                    line=dict(dash=dash)))
    figure.add_vline(x=chosen_length, line=dict(color=HIGHLIGHT_COLOUR, width=2))
    figure.update_layout(
        title=t("attention.fig.lengths_title", lang), height=360,
        xaxis=dict(title=t("attention.fig.length", lang), dtick=2),
        yaxis=dict(title=t("attention.fig.exact_match", lang), range=[-0.02, 1.02],
                   tickformat=".0%"),
        legend=dict(orientation="h", y=-0.25),
    )
    return figure

"""Figure of the hidden-state page: the bottleneck (encoder's last states) of many sequences."""

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative

from ..i18n import t
from .hidden_states_heatmaps import HIGHLIGHT_COLOUR

__all__ = ["bottleneck_scatter"]

DIGIT_SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "cross",
    "x",
    "star",
    "hexagon",
    "pentagon",
)


def bottleneck_scatter(
    projected, explained, colour_values, colour_by, hover_texts, lang, marked=None, marked_text=""
):
    """The encoder's last states of ``S`` sequences on their first two principal components.

    Parameters
    ----------
    projected : ndarray, shape-(S, 2)
    explained : ndarray, shape-(2,)
        Fraction of variance along each component, for the axis titles.
    colour_values : ndarray of int, shape-(S,)
        The lengths or the first digits.
    colour_by : {"length", "first_digit"}
        Lengths get a sequential colour bar; first digits a legend entry each,
        with a colour-blind-safe palette and a marker shape of their own.
    hover_texts : sequence of str, length S
        Each point's sequence, written out.
    lang : {"ko", "en"}
    marked : ndarray, shape-(2,), optional
        A point to draw as a large star (the sequence typed on the page).
    marked_text : str
        Its legend and hover label.

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter of all S points by length, or one per digit present; then the star.
    """
    projected = np.asarray(projected)
    colour_values = np.asarray(colour_values)
    hover_texts = np.asarray(hover_texts, dtype=object)
    hover = t(f"hidden_states.fig.hover_{colour_by}", lang) + "<extra></extra>"
    if colour_by == "length":
        traces = [
            go.Scatter(
                x=projected[:, 0],
                y=projected[:, 1],
                mode="markers",
                text=hover_texts,
                customdata=colour_values,
                hovertemplate=hover,
                showlegend=False,
                marker=dict(
                    color=colour_values,
                    colorscale="Viridis",
                    size=7,
                    opacity=0.85,
                    colorbar=dict(title=dict(text=t("hidden_states.fig.length", lang), side="top")),
                ),
            )
        ]
    else:
        traces = [
            go.Scatter(
                x=projected[chosen, 0],
                y=projected[chosen, 1],
                mode="markers",
                text=hover_texts[chosen],
                customdata=colour_values[chosen],
                hovertemplate=hover,
                name=t("hidden_states.fig.first_digit_is", lang, digit=digit),
                marker=dict(
                    symbol=DIGIT_SYMBOLS[digit], size=8, opacity=0.85, color=qualitative.Safe[digit]
                ),
            )
            for digit in range(10)
            if (chosen := colour_values == digit).any()
        ]
    if marked is not None:
        traces.append(
            go.Scatter(
                x=[marked[0]],
                y=[marked[1]],
                mode="markers",
                name=marked_text,
                hovertext=marked_text,
                hoverinfo="text",
                marker=dict(
                    symbol="star",
                    size=20,
                    color=HIGHLIGHT_COLOUR,
                    line=dict(color="white", width=1.5),
                ),
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(
        title=t("hidden_states.fig.pca_title", lang, sequences=len(projected)),
        xaxis=dict(
            title=t("hidden_states.fig.component", lang, number=1, percent=100 * explained[0])
        ),
        yaxis=dict(
            title=t("hidden_states.fig.component", lang, number=2, percent=100 * explained[1])
        ),
        # Lengths have a colour bar on the right, so their one legend entry (the
        # star) goes above the plot; the ten digits need the right-hand column.
        legend=(
            dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1)
            if colour_by == "length"
            else dict(orientation="v")
        ),
        height=560,
        margin=dict(l=10, r=10, t=90, b=10),
    )
    return figure

"""Figures of the batch-generation page: one sequence's one-hot rows, lengths of many batches."""
import numpy as np
import plotly.graph_objects as go

from ..data import TOKEN_LABELS
from ..i18n import t

__all__ = ["one_hot_heatmap", "length_histogram"]


def one_hot_heatmap(x, column, lang):
    """Sequence ``column`` of a one-hot batch ``x``, shape-(T, N, 12), as time × 12 channels.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap, ``z`` = ``x[:, column, :]``, shape-(T, 12); channels labelled
        ``0``–``9``, ``<START>``, ``<END>``, steps by the token they hold.
    """
    rows = np.asarray(x)[:, column, :]
    tokens = rows.argmax(axis=-1)
    time_labels = [f"t={step} · {TOKEN_LABELS[token]}" for step, token in enumerate(tokens)]
    figure = go.Figure(
        go.Heatmap(
            z=rows,
            x=list(TOKEN_LABELS),
            y=time_labels,
            zmin=0,
            zmax=1,
            colorscale=[[0, "#f3f5f9"], [1, "#1f6feb"]],
            showscale=False,
            xgap=2,
            ygap=2,
            texttemplate="%{z:.0f}",
            hovertemplate=t("batches.fig.hover", lang) + "<extra></extra>",
        )
    )
    figure.update_layout(
        title=t("batches.fig.heatmap_title", lang, column=column),
        xaxis=dict(title=t("batches.fig.channel", lang), side="top", type="category"),
        yaxis=dict(title=t("batches.fig.time", lang), autorange="reversed", type="category"),
        height=max(240, 40 + 28 * rows.shape[0]),
        margin=dict(l=10, r=10, t=90, b=10),
    )
    return figure


def length_histogram(lengths, seq_len_min, seq_len_max, lang):
    """How many of ``B`` batches had each length in the range, and how many a uniform draw expects.

    Parameters
    ----------
    lengths : ndarray, shape-(B,)
    seq_len_min, seq_len_max : int
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        A bar per length and a dashed line at ``B / (seq_len_max - seq_len_min + 1)``.
    """
    possible = np.arange(seq_len_min, seq_len_max + 1)
    counts = np.array([(np.asarray(lengths) == length).sum() for length in possible])
    expected = len(lengths) / len(possible)
    figure = go.Figure(
        go.Bar(x=possible, y=counts, name=t("batches.fig.count", lang), marker_color="#1f6feb")
    )
    figure.add_hline(
        y=expected,
        line_dash="dash",
        line_color="#d1242f",
        annotation_text=t("batches.fig.expected", lang, expected=f"{expected:.0f}"),
        annotation_position="top right",
        annotation_bgcolor="rgba(255, 255, 255, 0.85)",
        annotation_font_color="#1b1f24",  # dark on its light box in either theme
    )
    figure.update_layout(
        title=t("batches.fig.histogram_title", lang, n_batches=len(lengths)),
        xaxis=dict(title=t("batches.fig.length", lang), dtick=1 if len(possible) <= 30 else None),
        yaxis=dict(title=t("batches.fig.count", lang)),
        height=320,
        margin=dict(l=10, r=10, t=60, b=10),
        bargap=0.15,
    )
    return figure

"""Figures of the broadcasting page: one step's matrix product, both memory layouts."""
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..broadcasting import memory_steps
from ..i18n import t as tr  # ``t`` is the time step here, as in the notebook

__all__ = ["step_product_figure", "memory_layout_figure"]

_BLUES = "Blues"
_HIGHLIGHT = [[0, "#e6e9ef"], [1, "#1f6feb"]]


def _matrix(z, name):
    return go.Heatmap(
        z=z,
        x=[f"{j}" for j in range(z.shape[1])],
        y=[f"{i}" for i in range(z.shape[0])],
        colorscale=_BLUES,
        showscale=False,
        xgap=2,
        ygap=2,
        texttemplate="%{z}",
        name=name,
        hovertemplate=f"{name}[%{{y}}, %{{x}}] = %{{z}}<extra></extra>",
    )


def step_product_figure(x, w, t, lang):
    """The one (N, C) @ (C, K) product that the broadcast does at step ``t``.

    Parameters
    ----------
    x : ndarray, shape-(T, N, C)
    w : ndarray, shape-(C, K)
    t : int
        The time step, 0 ≤ t < T.
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        Three annotated heatmaps side by side: ``x[t]``, ``w`` and ``(x @ w)[t]``.
    """
    x_t = np.asarray(x)[t]
    product = x_t @ w
    (N, C), K = x_t.shape, w.shape[1]
    figure = make_subplots(
        rows=1,
        cols=3,
        column_widths=[C, K, K],
        horizontal_spacing=0.08,
        subplot_titles=(
            f"x[{t}] · (N={N}, C={C})",
            f"W · (C={C}, K={K})",
            f"(x @ W)[{t}] · (N={N}, K={K})",
        ),
    )
    matrices = ((x_t, f"x[{t}]"), (w, "W"), (product, f"(x @ W)[{t}]"))
    for column, (z, name) in enumerate(matrices, start=1):
        figure.add_trace(_matrix(z, name), row=1, col=column)
        figure.update_yaxes(autorange="reversed", row=1, col=column)
    figure.update_yaxes(title_text="n", row=1, col=1)
    figure.update_yaxes(title_text="c", row=1, col=2)
    figure.update_yaxes(title_text="n", row=1, col=3)
    figure.update_xaxes(title_text="c", row=1, col=1)
    figure.update_xaxes(title_text="k", row=1, col=2)
    figure.update_xaxes(title_text="k", row=1, col=3)
    figure.update_layout(
        title=tr("broadcasting.fig.step_title", lang, t=t),
        height=160 + 40 * max(N, C),
        margin=dict(l=10, r=10, t=90, b=10),
    )
    return figure


def memory_layout_figure(T, N, C, t, lang):
    """The elements of step ``t`` in memory order, for (T, N, C) and (N, T, C).

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap, 2 rows × ``T * N * C`` memory positions, ``z`` 1 where an
        element belongs to step ``t``: time-first (one run), then batch-first
        (``N`` runs of ``C``).
    """
    steps = np.stack(memory_steps(T, N, C))
    rows = [tr("broadcasting.fig.time_first", lang), tr("broadcasting.fig.batch_first", lang)]
    figure = go.Figure(
        go.Heatmap(
            z=(steps == t).astype(int),
            customdata=steps,
            y=rows,
            zmin=0,
            zmax=1,
            colorscale=_HIGHLIGHT,
            showscale=False,
            xgap=1,
            ygap=6,
            hovertemplate=tr("broadcasting.fig.memory_hover", lang) + "<extra></extra>",
        )
    )
    figure.update_layout(
        title=tr("broadcasting.fig.memory_title", lang, t=t),
        xaxis=dict(title=tr("broadcasting.fig.memory_axis", lang)),
        yaxis=dict(autorange="reversed"),
        height=240,
        margin=dict(l=10, r=10, t=60, b=10),
    )
    return figure

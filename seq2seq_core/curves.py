"""A run's metrics made drawable: a trailing moving average and a thinned copy of a long history."""
import dataclasses

import numpy as np

from .train import METRIC_NAMES

__all__ = ["MAX_PLOT_POINTS", "smoothing_window", "moving_average", "plot_indices", "Curves",
           "training_curves"]

MAX_PLOT_POINTS = 600  # per curve; a chart is a few hundred pixels wide


def smoothing_window(iterations):
    """The moving-average window for a run of ``iterations``: 1 % of it, within [10, 500]."""
    return int(np.clip(iterations // 100, 10, 500))


def moving_average(values, window):
    """Trailing mean over the last ``window`` values (fewer at the start): drawable while training.

    Parameters
    ----------
    values : array_like, shape-(n,)
    window : int
        ≥ 1.

    Returns
    -------
    ndarray, shape-(n,)
        Element ``i`` is the mean of ``values[max(0, i - window + 1) : i + 1]``.
    """
    values = np.asarray(values, dtype=np.float64)
    sums = np.concatenate([[0.0], np.cumsum(values)])
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(ends - window, 0)
    return (sums[ends] - sums[starts]) / (ends - starts)


def plot_indices(n, total, max_points):
    """Which of the ``n`` iterations done to plot: evenly spaced, always the last.

    The spacing depends on the run's length ``total``, not on ``n``, so a chart of a
    run in progress gains points steadily and keeps one density.

    Parameters
    ----------
    n : int
        Iterations done.
    total : int
        Iterations of the whole run, ≥ n.
    max_points : int
        Most points a complete run gets (plus its last iteration).

    Returns
    -------
    ndarray of int, shape-(m,)
        Increasing, in ``[0, n)``; empty when ``n = 0``.
    """
    if n == 0:
        return np.arange(0)
    stride = -(-total // max_points)
    indices = np.arange(0, n, stride)
    return indices if indices[-1] == n - 1 else np.append(indices, n - 1)


@dataclasses.dataclass(frozen=True)
class Curves:
    """A run's metrics thinned for plotting, raw and as a moving average.

    Attributes
    ----------
    iterations : ndarray of int, shape-(m,)
        Iteration numbers, counting from 1, ending at the last one done.
    raw, smoothed : dict of str to ndarray, shape-(m,)
        The metrics at those iterations; ``smoothed`` is the trailing mean over ``window``.
    window : int
    """

    iterations: np.ndarray
    raw: dict
    smoothed: dict
    window: int


def training_curves(history, total_iterations, max_points=MAX_PLOT_POINTS):
    """:class:`Curves` of ``history`` (shape-(n,) per metric), a run of ``total_iterations``."""
    window = smoothing_window(total_iterations)
    done = len(history["loss"])
    indices = plot_indices(done, max(total_iterations, done), max_points)
    return Curves(
        iterations=indices + 1,
        raw={name: np.asarray(history[name])[indices] for name in METRIC_NAMES},
        smoothed={name: moving_average(history[name], window)[indices] for name in METRIC_NAMES},
        window=window,
    )

"""Orders of hidden units for a heatmap's rows: by when each peaks, or by what it fires with."""
import numpy as np

__all__ = ["order_by_peak_time", "order_by_similarity"]


def order_by_peak_time(hidden, last=None):
    """Order units by the step at which they peak, so that a sequence draws a diagonal.

    Parameters
    ----------
    hidden : ndarray, shape-(T, D)
        One sequence's hidden states (ReLU, so ≥ 0).
    last : ndarray of bool, shape-(D,), optional
        Units to put at the end whatever their peak (e.g. dead units).

    Returns
    -------
    ndarray of int, shape-(D,)
        Earliest peak first, ties broken by the larger peak; then the units
        silent over the whole sequence, then ``last``.
    """
    hidden = np.asarray(hidden)
    units = hidden.shape[1]
    last = np.zeros(units, dtype=bool) if last is None else np.asarray(last, dtype=bool)
    peak_value = hidden.max(axis=0)
    silent = peak_value <= 0
    # np.lexsort sorts by the last key first.
    return np.lexsort((-peak_value, hidden.argmax(axis=0), silent, last))


def order_by_similarity(activations):
    """Order units so that neighbours fire together: a greedy nearest-neighbour chain.

    The chain starts at the unit of largest variance and goes on, each time, to
    the unplaced unit best correlated with the last one placed.

    Parameters
    ----------
    activations : ndarray, shape-(S, D)
        ``S`` observations (steps of many sequences) of ``D`` units.

    Returns
    -------
    ndarray of int, shape-(D,)
        Units that never vary come last, in index order.
    """
    activations = np.asarray(activations, dtype=np.float64)
    centred = activations - activations.mean(axis=0)
    spread = np.sqrt((centred**2).sum(axis=0))
    varying = np.flatnonzero(spread > 0)
    constant = np.flatnonzero(spread <= 0)
    if len(varying) == 0:
        return constant
    normalised = centred[:, varying] / spread[varying]
    correlation = normalised.T @ normalised  # shape-(V, V), Pearson correlation
    placed = np.zeros(len(varying), dtype=bool)
    chain = [int(spread[varying].argmax())]
    placed[chain[0]] = True
    for _ in range(len(varying) - 1):
        candidates = np.where(placed, -np.inf, correlation[chain[-1]])
        chain.append(int(candidates.argmax()))
        placed[chain[-1]] = True
    return np.concatenate([varying[chain], constant])

"""The notebook's (T, N, C) @ (C, K) demonstration, as arrays and checks a page can show.

``x @ w`` broadcasts one (N, C) @ (C, K) product over the leading time axis.
"""
import dataclasses

import numpy as np

__all__ = [
    "WEIGHT_LAYOUTS",
    "demo_arrays",
    "weight_shape",
    "ProductCheck",
    "compare_products",
    "matmul_error",
    "StepLayout",
    "step_layout",
    "memory_steps",
]

# How the weight matrix may be laid out: the right way, and two common mistakes.
WEIGHT_LAYOUTS = ("correct", "transposed", "extra_row")


def weight_shape(C, K, layout="correct"):
    """The weight's shape: (C, K) ``"correct"``, (K, C) ``"transposed"`` (the usual slip),
    (C + 1, K) ``"extra_row"`` (a bias row glued on); see :data:`WEIGHT_LAYOUTS`.
    """
    return {"correct": (C, K), "transposed": (K, C), "extra_row": (C + 1, K)}[layout]


def demo_arrays(T, N, C, K, layout="correct"):
    """The notebook's arrays: ``arange`` reshaped, so that every entry is easy to trace.

    Parameters
    ----------
    T, N, C, K : int
        Time steps, sequences, input channels and output channels, all ≥ 1.
    layout : {"correct", "transposed", "extra_row"}, optional
        The weight's shape, see :func:`weight_shape`.

    Returns
    -------
    x : ndarray of int64, shape-(T, N, C)
    w : ndarray of int64, shape-(C, K) (or as ``layout`` says)
    """
    rows, columns = weight_shape(C, K, layout)
    return np.arange(T * N * C).reshape(T, N, C), np.arange(rows * columns).reshape(rows, columns)


@dataclasses.dataclass(frozen=True)
class ProductCheck:
    """The broadcast product and three other ways to compute it.

    Attributes
    ----------
    broadcast : ndarray, shape-(T, N, K)
        ``x @ w``.
    per_step : ndarray, shape-(T, N, K)
        ``x[t] @ w`` for each ``t``, stacked: what the RNN loop computes.
    einsum : ndarray, shape-(T, N, K)
        ``np.einsum("tnc,ck->tnk", x, w)``.
    batch_first : ndarray, shape-(N, T, K)
        ``x.transpose(1, 0, 2) @ w``: the notebook's earlier (N, T, C) layout.
    """

    broadcast: np.ndarray
    per_step: np.ndarray
    einsum: np.ndarray
    batch_first: np.ndarray

    @property
    def matches_per_step(self):
        return bool(np.array_equal(self.broadcast, self.per_step))

    @property
    def matches_einsum(self):
        return bool(np.array_equal(self.broadcast, self.einsum))

    @property
    def matches_batch_first(self):
        """Whether the batch-first result, transposed back to (T, N, K), is the same."""
        return bool(np.array_equal(self.broadcast, self.batch_first.transpose(1, 0, 2)))


def compare_products(x, w):
    """:class:`ProductCheck` of ``x``, shape-(T, N, C), and ``w``, shape-(C, K)."""
    return ProductCheck(
        broadcast=x @ w,
        per_step=np.stack([x_t @ w for x_t in x]),
        einsum=np.einsum("tnc,ck->tnk", x, w),
        batch_first=x.transpose(1, 0, 2) @ w,
    )


def matmul_error(x_shape, w_shape):
    """str: NumPy's own error for ``x @ w`` with these shapes, as the notebook shows it; or None."""
    try:
        np.zeros(x_shape) @ np.zeros(w_shape)
    except ValueError as error:
        return str(error)
    return None


@dataclasses.dataclass(frozen=True)
class StepLayout:
    """Where step ``t`` is in memory: ``x[t]`` of a (T, N, C) array, ``x[:, t]`` of (N, T, C).

    Attributes
    ----------
    time_first_contiguous, batch_first_contiguous : bool
        Whether that shape-(N, C) view is one contiguous block.
    time_first_strides, batch_first_strides : tuple of int
        Its byte strides.
    """

    time_first_contiguous: bool
    time_first_strides: tuple
    batch_first_contiguous: bool
    batch_first_strides: tuple


def step_layout(x, t):
    """:class:`StepLayout` of step ``t`` of ``x``, shape-(T, N, C), and of its batch-first copy."""
    time_first = x[t]
    batch_first = np.ascontiguousarray(x.transpose(1, 0, 2))[:, t]
    return StepLayout(
        time_first_contiguous=bool(time_first.flags["C_CONTIGUOUS"]),
        time_first_strides=time_first.strides,
        batch_first_contiguous=bool(batch_first.flags["C_CONTIGUOUS"]),
        batch_first_strides=batch_first.strides,
    )


def memory_steps(T, N, C):
    """Which time step each element in memory belongs to, in both layouts.

    Returns
    -------
    time_first : ndarray, shape-(T * N * C,)
        For a C-ordered (T, N, C) array: runs of ``N * C`` equal values.
    batch_first : ndarray, shape-(T * N * C,)
        For (N, T, C): runs of ``C``, each step scattered over ``N`` places.
    """
    steps = np.arange(T)
    time_first = np.broadcast_to(steps[:, None, None], (T, N, C)).ravel()
    batch_first = np.broadcast_to(steps[None, :, None], (N, T, C)).ravel()
    return time_first, batch_first

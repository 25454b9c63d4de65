"""The notebook's (T, N, C) @ (C, K) demonstration, as arrays and checks a page can show.

``x @ w`` with ``x`` of shape-(T, N, C) and ``w`` of shape-(C, K) broadcasts one
(N, C) @ (C, K) product over the leading time axis, giving shape-(T, N, K).
The functions here build the notebook's arrays, check that product against an
explicit loop, ``np.einsum`` and the old batch-first layout, capture NumPy's own
message for shapes that do not fit, and describe how each layout keeps one time
step in memory.
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
    """Return the shape of the weight matrix for one of :data:`WEIGHT_LAYOUTS`.

    ``"correct"`` is (C, K); ``"transposed"`` is (K, C), the usual slip;
    ``"extra_row"`` is (C + 1, K), as if a bias row had been glued on.
    """
    return {"correct": (C, K), "transposed": (K, C), "extra_row": (C + 1, K)}[layout]


def demo_arrays(T, N, C, K, layout="correct"):
    """Build the notebook's arrays: ``arange`` reshaped, so every entry is easy to trace.

    Parameters
    ----------
    T, N, C, K : int
        Time steps, sequences, input channels and output channels, all ≥ 1.
    layout : {"correct", "transposed", "extra_row"}, optional
        The weight's shape, see :func:`weight_shape`.

    Returns
    -------
    x : ndarray, shape-(T, N, C), dtype int64
    w : ndarray, shape-(C, K) (or as ``layout`` says), dtype int64
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
    """Compute ``x @ w`` four ways.

    Parameters
    ----------
    x : ndarray, shape-(T, N, C)
    w : ndarray, shape-(C, K)

    Returns
    -------
    ProductCheck
    """
    return ProductCheck(
        broadcast=x @ w,
        per_step=np.stack([x_t @ w for x_t in x]),
        einsum=np.einsum("tnc,ck->tnk", x, w),
        batch_first=x.transpose(1, 0, 2) @ w,
    )


def matmul_error(x_shape, w_shape):
    """Return NumPy's own error message for ``x @ w`` with these shapes, or ``None`` if it works.

    Parameters
    ----------
    x_shape : tuple of int
        E.g. ``(T, N, C)``.
    w_shape : tuple of int
        E.g. ``(C, K)``.

    Returns
    -------
    str or None
        The text of the ``ValueError`` that ``np.matmul`` raises, exactly as a
        student would see it in the notebook.
    """
    try:
        np.zeros(x_shape) @ np.zeros(w_shape)
    except ValueError as error:
        return str(error)
    return None


@dataclasses.dataclass(frozen=True)
class StepLayout:
    """How one time step of a batch sits in memory, in the time-first and batch-first layouts.

    Attributes
    ----------
    time_first_contiguous : bool
        Whether ``x[t]`` of a shape-(T, N, C) array is one contiguous block.
    time_first_strides : tuple of int
        Byte strides of ``x[t]``, shape-(N, C).
    batch_first_contiguous : bool
        Whether ``x[:, t]`` of a shape-(N, T, C) array is one contiguous block.
    batch_first_strides : tuple of int
        Byte strides of that shape-(N, C) view.
    """

    time_first_contiguous: bool
    time_first_strides: tuple
    batch_first_contiguous: bool
    batch_first_strides: tuple


def step_layout(x, t):
    """Describe how step ``t`` of ``x`` is stored time-first and, after a copy, batch-first.

    Parameters
    ----------
    x : ndarray, shape-(T, N, C)
    t : int
        The time step, 0 ≤ t < T.

    Returns
    -------
    StepLayout
    """
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

    Parameters
    ----------
    T, N, C : int

    Returns
    -------
    time_first : ndarray, shape-(T * N * C,)
        The step ``t`` of each element of a C-ordered shape-(T, N, C) array, in
        memory order: ``N * C`` equal values in a row.
    batch_first : ndarray, shape-(T * N * C,)
        The same for a shape-(N, T, C) array: runs of ``C`` values, each step
        scattered over ``N`` places.
    """
    steps = np.arange(T)
    time_first = np.broadcast_to(steps[:, None, None], (T, N, C)).ravel()
    batch_first = np.broadcast_to(steps[None, :, None], (N, T, C)).ravel()
    return time_first, batch_first

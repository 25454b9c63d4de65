"""One step of each cell of :mod:`seq2seq_core.cells`, forward and backward, in a few NumPy calls.

:mod:`seq2seq_core.cell_recurrence` runs these steps over whole sequences inside
fused MyGrad operations. Each step works on one batch, in place on arrays that the
loop owns; what the backward steps multiply by is computed for all steps at once
before the backward loop (``slopes``), so that each backward step is a few products.
Arrays as large as all steps are never temporaries: a fresh one of more than 128 kB
costs its pages' first touch at every iteration, more than the arithmetic on it.
Shapes: N sequences, D hidden units, B blocks of D columns of gate terms
(1 for tanh, 3 for a GRU, 4 for an LSTM), S vectors in the state (2 for an LSTM's
h and c, else 1). A state is one array, shape-(S, N, D), h first, and a step's cache
holds one (N, D) array per kept quantity, shape-(K, N, D): the element-wise work runs
on contiguous arrays, which NumPy handles several times faster than column slices.
"""
import dataclasses
from typing import Callable

import numpy as np

from .recurrence import _array

__all__ = ["FastCell", "FAST_CELLS"]


@dataclasses.dataclass(frozen=True)
class FastCell:
    """A cell's step as the fast path needs it.

    Going back through a step is linear in the gradient arriving at its state, with
    coefficients that depend on the forward pass alone; ``slopes`` computes them for
    all steps at once, so that the backward loop does only a few products per step.

    Attributes
    ----------
    blocks : int
        B: the gate terms' width is B·D.
    states : int
        S: a state has shape (S, N, D).
    cache_blocks : int
        K: what the forward step keeps for the backward pass, shape-(K, N, D).
    separate_h_terms : bool
        True when the gate terms coming from ``h_{t-1} W_hh`` get another gradient than
        those coming from ``x_t W_xh + b_h`` (a GRU's candidate); else one array serves both.
    forward : callable
        ``forward(x_terms, h_terms, prev, state, cache)``: x_terms ``x_t W_xh + b_h`` and
        h_terms ``h_{t-1} W_hh``, shape-(N, B·D), may be overwritten; prev, the state
        before the step, shape-(S, N, D); writes the new state, shape-(S, N, D), and the
        cache, shape-(K, N, D).
    slopes : callable
        ``slopes(states, prev_states, cache, workspace) -> coefficients``: every step's
        states and the states before them, shape-(T, S, N, D), and caches, shape-(T, K, N, D);
        a tuple of arrays, each with the steps first, valid until the workspace's next use.
    backward_step : callable
        ``backward_step(grad_state, coefficients, t, grad_x, grad_h) -> grad_prev``:
        grad_state dL/d(state_t), shape-(S, N, D), may be overwritten; writes dL/d(x_terms)
        into grad_x and dL/d(h_terms) into grad_h, shape-(N, B·D) (the same array unless
        ``separate_h_terms``); returns dL/d(state_{t-1}) except through h_terms,
        shape-(S, N, D), or None when that is zero.
    """

    blocks: int
    states: int
    cache_blocks: int
    separate_h_terms: bool
    forward: Callable
    slopes: Callable
    backward_step: Callable


def _sigmoid(a, out):
    """σ(a) = (1 + tanh(a / 2)) / 2 into ``out``: never overflows, unlike 1 / (1 + exp(-a))."""
    np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5


def _blocks(a, blocks):
    """``a``, shape-(N, B·D), viewed block first: shape-(B, N, D)."""
    return a.reshape(a.shape[0], blocks, a.shape[1] // blocks).transpose(1, 0, 2)


def tanh_forward(x_terms, h_terms, prev, state, cache):
    """h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh); keeps nothing but h_t."""
    np.add(x_terms, h_terms, out=state[0])
    np.tanh(state[0], out=state[0])


def tanh_slopes(states, prev_states, cache, workspace=None):
    """(1 - h_t²,): tanh's slope at every step, shape-(T, N, D)."""
    slope = _array(workspace, "cell_slope", states.shape[:1] + states.shape[2:], states.dtype)
    np.multiply(states[:, 0], states[:, 0], out=slope)
    np.subtract(1, slope, out=slope)
    return (slope,)


def tanh_backward_step(grad_state, coefficients, t, grad_x, grad_h):
    """Through tanh: dL/da = dL/dh_t (1 - h_t²); no path to h_{t-1} but through W_hh."""
    np.multiply(grad_state[0], coefficients[0][t], out=grad_x)


def gru_forward(x_terms, h_terms, prev, state, cache):
    """The GRU's step (see :class:`~seq2seq_core.cells.GRU`); keeps z, r, n and h_{t-1} W_hn."""
    dim = state.shape[-1]
    gates = x_terms[:, :2 * dim]
    gates += h_terms[:, :2 * dim]
    _sigmoid(_blocks(gates, 2), out=cache[:2])
    z, r, n, h_n = cache
    np.copyto(h_n, h_terms[:, 2 * dim:])
    np.multiply(r, h_n, out=n)
    n += x_terms[:, 2 * dim:]
    np.tanh(n, out=n)
    h = state[0]
    np.subtract(prev[0], n, out=h)  # h_t = n + z (h_{t-1} - n)
    h *= z
    h += n


def gru_slopes(states, prev_states, cache, workspace=None):
    """dL/d(gate terms) per unit of dL/dh_t, x side and h side, shape-(T, 3, N, D); and z."""
    z, r, n, h_n = (cache[:, k] for k in range(4))
    x_side = _array(workspace, "cell_slope", cache[:, :3].shape, states.dtype)
    slope_z, slope_r, slope_n = (x_side[:, k] for k in range(3))
    # h_t = (1 - z) n + z h_{t-1}, n = tanh(·): dn = (1 - z)(1 - n²)
    np.multiply(n, n, out=slope_n)
    np.subtract(1, slope_n, out=slope_n)
    np.subtract(1, z, out=slope_z)
    slope_n *= slope_z
    slope_z *= z  # dz = (h_{t-1} - n) σ'(z)
    np.subtract(prev_states[:, 0], n, out=slope_r)
    slope_z *= slope_r
    np.subtract(1, r, out=slope_r)  # r enters as r ⊙ (h_{t-1} W_hn): dr = dn h_n σ'(r)
    slope_r *= r
    slope_r *= h_n
    slope_r *= slope_n
    h_side = _array(workspace, "cell_slope_h", x_side.shape, x_side.dtype)
    np.copyto(h_side, x_side)
    h_side[:, 2] *= r
    return x_side, h_side, z


def gru_backward_step(grad_state, coefficients, t, grad_x, grad_h):
    """Back through the GRU's step: the gates' terms, then h_{t-1}'s direct share z ⊙ dL/dh_t."""
    x_side, h_side, z = coefficients
    np.multiply(grad_state[0], x_side[t], out=_blocks(grad_x, 3))
    np.multiply(grad_state[0], h_side[t], out=_blocks(grad_h, 3))
    return grad_state * z[t]


def lstm_forward(x_terms, h_terms, prev, state, cache):
    """The LSTM's step (see :class:`~seq2seq_core.cells.LSTM`); keeps i, f, o, g and tanh(c_t)."""
    x_terms += h_terms
    gates = _blocks(x_terms, 4)
    _sigmoid(gates[:3], out=cache[:3])
    np.tanh(gates[3], out=cache[3])
    i, f, o, g, tanh_c = cache
    h, c = state
    np.multiply(f, prev[1], out=c)
    np.multiply(i, g, out=tanh_c)
    c += tanh_c
    np.tanh(c, out=tanh_c)
    np.multiply(o, tanh_c, out=h)


def lstm_slopes(states, prev_states, cache, workspace=None):
    """The coefficients of the LSTM's backward step, for all steps at once.

    Returns
    -------
    through_h : ndarray, shape-(T, N, D)
        d(c_t's gradient) per unit of dL/dh_t: o (1 - tanh²(c_t)).
    gate_slopes : ndarray, shape-(T, 4, N, D)
        dL/d(gate terms) per unit of dL/dc_t (blocks i, f, g) or of dL/dh_t (block o).
    f : ndarray, shape-(T, N, D)
        The forget gate: c_{t-1}'s direct share of dL/dc_t.
    """
    i, f, o, g, tanh_c = (cache[:, k] for k in range(5))
    through_h = _array(workspace, "cell_slope_h", tanh_c.shape, states.dtype)
    np.multiply(tanh_c, tanh_c, out=through_h)
    np.subtract(1, through_h, out=through_h)
    through_h *= o
    gate_slopes = _array(workspace, "cell_slope", cache[:, :4].shape, states.dtype)
    sigmoids = gate_slopes[:, :3]
    np.subtract(1, cache[:, :3], out=sigmoids)  # σ' of i, f, o
    sigmoids *= cache[:, :3]
    slope_i, slope_f, slope_o, slope_g = (gate_slopes[:, k] for k in range(4))
    slope_i *= g  # c_t = f c_{t-1} + i g
    slope_f *= prev_states[:, 1]
    slope_o *= tanh_c  # h_t = o tanh(c_t)
    np.multiply(g, g, out=slope_g)
    np.subtract(1, slope_g, out=slope_g)
    slope_g *= i
    return through_h, gate_slopes, f


def lstm_backward_step(grad_state, coefficients, t, grad_x, grad_h):
    """Back through the LSTM's step: the gates' terms, then c_{t-1}'s direct share f ⊙ dL/dc_t."""
    through_h, gate_slopes, f = coefficients
    grad_h_t, grad_c = grad_state
    grad_c += grad_h_t * through_h[t]  # dL/dc_t: from c_{t+1} and through h_t
    gates = _blocks(grad_x, 4)
    np.multiply(grad_c, gate_slopes[t], out=gates)
    np.multiply(grad_h_t, gate_slopes[t, 2], out=gates[2])  # o: from h_t
    grad_prev = np.zeros_like(grad_state)
    np.multiply(grad_c, f[t], out=grad_prev[1])
    return grad_prev


FAST_CELLS = {
    "tanh": FastCell(1, 1, 0, False, tanh_forward, tanh_slopes, tanh_backward_step),
    "gru": FastCell(3, 1, 4, True, gru_forward, gru_slopes, gru_backward_step),
    "lstm": FastCell(4, 2, 5, False, lstm_forward, lstm_slopes, lstm_backward_step),
}
"""The fast steps of the cells of :data:`~seq2seq_core.model.CELLS`, but the notebook's relu,
whose fast path is :mod:`seq2seq_core.recurrence`."""

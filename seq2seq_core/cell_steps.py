"""One step of each cell of :mod:`seq2seq_core.cells`, forward and backward, in a few NumPy calls.

:mod:`seq2seq_core.cell_recurrence` runs these steps over whole sequences inside
fused MyGrad operations. Each step works on one batch, in place on arrays that the
loop owns. Shapes: N sequences, D hidden units, B blocks of D columns of gate terms
(1 for tanh, 3 for a GRU, 4 for an LSTM), S vectors in the state (2 for an LSTM's
h and c, else 1); a state is one array, shape-(N, S·D), h first.
"""
import dataclasses
from typing import Callable

import numpy as np

__all__ = ["FastCell", "FAST_CELLS"]


@dataclasses.dataclass(frozen=True)
class FastCell:
    """A cell's step as the fast path needs it.

    Attributes
    ----------
    blocks : int
        B: the gate terms' width is B·D.
    states : int
        S: the state's width is S·D.
    cache_blocks : int
        What the forward step keeps for the backward step: a cache of width cache_blocks·D.
    separate_h_terms : bool
        True when the gate terms coming from ``h_{t-1} W_hh`` get another gradient than
        those coming from ``x_t W_xh + b_h`` (a GRU's candidate); else one array serves both.
    forward : callable
        ``forward(x_terms, h_terms, prev, state, cache)``: x_terms ``x_t W_xh + b_h`` and
        h_terms ``h_{t-1} W_hh``, shape-(N, B·D), may be overwritten; prev, the state
        before the step, shape-(N, S·D); writes the new state, shape-(N, S·D), and the
        cache, shape-(N, cache_blocks·D).
    backward : callable
        ``backward(grad_state, prev, state, cache, grad_x, grad_h) -> grad_prev``:
        grad_state dL/d(state), shape-(N, S·D), may be overwritten; writes dL/d(x_terms)
        into grad_x and dL/d(h_terms) into grad_h, shape-(N, B·D) (the same array unless
        ``separate_h_terms``); returns dL/d(prev) except through h_terms, shape-(N, S·D).
    """

    blocks: int
    states: int
    cache_blocks: int
    separate_h_terms: bool
    forward: Callable
    backward: Callable


def _sigmoid(a, out):
    """σ(a) = (1 + tanh(a / 2)) / 2 into ``out``: never overflows, unlike 1 / (1 + exp(-a))."""
    np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5


def _sigmoid_slope(s):
    """σ' from σ: s (1 - s), a new array."""
    return s * (1 - s)


def tanh_forward(x_terms, h_terms, prev, state, cache):
    """h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh); keeps nothing but h_t."""
    np.add(x_terms, h_terms, out=state)
    np.tanh(state, out=state)


def tanh_backward(grad_state, prev, state, cache, grad_x, grad_h):
    """Through tanh: dL/da = dL/dh_t (1 - h_t²); no path to h_{t-1} but through W_hh."""
    np.multiply(state, state, out=grad_x)
    np.subtract(1, grad_x, out=grad_x)
    grad_x *= grad_state
    return np.zeros_like(grad_state)


def gru_forward(x_terms, h_terms, prev, state, cache):
    """The GRU's step (see :class:`~seq2seq_core.cells.GRU`); keeps z, r, n and h_{t-1} W_hn."""
    dim = state.shape[1]
    gates = x_terms[:, :2 * dim]
    gates += h_terms[:, :2 * dim]
    _sigmoid(gates, out=cache[:, :2 * dim])
    z, r, n, h_n = (cache[:, k * dim:(k + 1) * dim] for k in range(4))
    h_n[...] = h_terms[:, 2 * dim:]
    np.multiply(r, h_n, out=n)
    n += x_terms[:, 2 * dim:]
    np.tanh(n, out=n)
    np.subtract(prev, n, out=state)  # h_t = n + z (h_{t-1} - n)
    state *= z
    state += n


def gru_backward(grad_state, prev, state, cache, grad_x, grad_h):
    """Back through the GRU's step: the gates' terms, then h_{t-1}'s direct share z ⊙ dL/dh_t."""
    dim = state.shape[1]
    z, r, n, h_n = (cache[:, k * dim:(k + 1) * dim] for k in range(4))
    grad_z, grad_r, grad_n = (grad_x[:, k * dim:(k + 1) * dim] for k in range(3))
    np.subtract(1, z, out=grad_n)
    grad_n *= grad_state
    grad_n *= 1 - n * n  # through tanh
    np.subtract(prev, n, out=grad_z)
    grad_z *= grad_state
    grad_z *= _sigmoid_slope(z)
    np.multiply(grad_n, h_n, out=grad_r)
    grad_r *= _sigmoid_slope(r)
    grad_h[:, :2 * dim] = grad_x[:, :2 * dim]
    np.multiply(grad_n, r, out=grad_h[:, 2 * dim:])  # the candidate sees r ⊙ (h_{t-1} W_hn)
    return grad_state * z


def lstm_forward(x_terms, h_terms, prev, state, cache):
    """The LSTM's step (see :class:`~seq2seq_core.cells.LSTM`); keeps i, f, o, g and tanh(c_t)."""
    dim = state.shape[1] // 2
    gates = cache[:, :4 * dim]
    np.add(x_terms, h_terms, out=gates)
    _sigmoid(gates[:, :3 * dim], out=gates[:, :3 * dim])
    np.tanh(gates[:, 3 * dim:], out=gates[:, 3 * dim:])
    i, f, o, g, tanh_c = (cache[:, k * dim:(k + 1) * dim] for k in range(5))
    h, c = state[:, :dim], state[:, dim:]
    np.multiply(f, prev[:, dim:], out=c)
    c += i * g
    np.tanh(c, out=tanh_c)
    np.multiply(o, tanh_c, out=h)


def lstm_backward(grad_state, prev, state, cache, grad_x, grad_h):
    """Back through the LSTM's step: the gates' terms, then c_{t-1}'s direct share f ⊙ dL/dc_t."""
    dim = state.shape[1] // 2
    i, f, o, g, tanh_c = (cache[:, k * dim:(k + 1) * dim] for k in range(5))
    grad_h_t, grad_c = grad_state[:, :dim], grad_state[:, dim:]
    grad_c += grad_h_t * o * (1 - tanh_c * tanh_c)  # dL/dc_t: from c_{t+1} and through h_t
    grad_i, grad_f, grad_o, grad_g = (grad_x[:, k * dim:(k + 1) * dim] for k in range(4))
    np.multiply(grad_c, g, out=grad_i)
    grad_i *= _sigmoid_slope(i)
    np.multiply(grad_c, prev[:, dim:], out=grad_f)
    grad_f *= _sigmoid_slope(f)
    np.multiply(grad_h_t, tanh_c, out=grad_o)
    grad_o *= _sigmoid_slope(o)
    np.multiply(grad_c, i, out=grad_g)
    grad_g *= 1 - g * g
    grad_prev = np.zeros_like(grad_state)
    np.multiply(grad_c, f, out=grad_prev[:, dim:])
    return grad_prev


FAST_CELLS = {
    "tanh": FastCell(1, 1, 0, False, tanh_forward, tanh_backward),
    "gru": FastCell(3, 1, 4, True, gru_forward, gru_backward),
    "lstm": FastCell(4, 2, 5, False, lstm_forward, lstm_backward),
}
"""The fast steps of the cells of :data:`~seq2seq_core.model.CELLS`, but the notebook's relu,
whose fast path is :mod:`seq2seq_core.recurrence`."""

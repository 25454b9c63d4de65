"""The fast path of a seq2seq model with a tanh, GRU or LSTM cell: fused MyGrad operations.

As in :mod:`seq2seq_core.recurrence` (the notebook's relu), each RNN is one
:class:`~mygrad.operation_base.Operation` with a hand-written backward pass: a one-hot
input's product is a row gather from ``W_xh + b_h``, each step is a few NumPy calls
on the whole batch (:mod:`seq2seq_core.cell_steps`), and the weight gradients are one
matrix product over all steps. A state is one array, shape-(S, N, D): h, then an
LSTM's c, so that an LSTM's h and c travel from encoder to decoder together. Tests
compare the loss and every gradient with :class:`~seq2seq_core.model.Seq2Seq` built
with the same cell. The plain-NumPy forward functions also serve predictions.
"""
import mygrad as mg
import numpy as np

from .cell_steps import FAST_CELLS
from .data import START
from .recurrence import _array, _FusedOperation, seq2seq_loss, sequence_cross_entropy

__all__ = [
    "cell_encode_forward",
    "cell_greedy_decode_forward",
    "CellEncoderRecurrence",
    "CellDecoderRecurrence",
    "cell_logits",
    "any_cell_loss",
]


def _scratch(cell, workspace, role, steps, batch_size, dim, dtype):
    """A part's per-step states, shape-(T, S, N, D), and caches, shape-(T, K, N, D)."""
    states = _array(workspace, f"{role}_states", (steps, cell.states, batch_size, dim), dtype)
    cache = _array(workspace, f"{role}_cache", (steps, cell.cache_blocks, batch_size, dim), dtype)
    return states, cache


def _hidden_rows(workspace, name, states):
    """The h of states shape-(T, S, N, D) as rows, shape-(T·N, D): a view unless S > 1."""
    if states.shape[1] == 1:
        return states.reshape(-1, states.shape[-1])
    rows = _array(workspace, name, states[:, 0].shape, states.dtype)
    np.copyto(rows, states[:, 0])
    return rows.reshape(-1, states.shape[-1])


def cell_encode_forward(cell, table, w_hh, tokens, workspace=None):
    """Run a cell over known input tokens from a zero state.

    Parameters
    ----------
    cell : FastCell
    table : ndarray, shape-(C, B·D)
        ``W_xh + b_h``: row ``c`` is the gate terms of token ``c``.
    w_hh : ndarray, shape-(D, B·D)
    tokens : ndarray of int, shape-(T, N)
    workspace : Workspace, optional

    Returns
    -------
    states : ndarray, shape-(T, S, N, D)
        The states after every step: h_t, then an LSTM's c_t.
    cache : ndarray, shape-(T, K, N, D)
        What the backward pass needs.
    """
    steps, batch_size = tokens.shape
    dim = w_hh.shape[0]
    x_terms = _array(workspace, "cell_encoder_x_terms", tokens.shape + table.shape[1:], table.dtype)
    np.take(table, tokens, axis=0, out=x_terms, mode="clip")  # valid tokens: no checking copy
    states, cache = _scratch(cell, workspace, "cell_encoder", steps, batch_size, dim, table.dtype)
    h_terms = np.empty((batch_size, w_hh.shape[1]), dtype=table.dtype)
    prev = np.zeros(states.shape[1:], dtype=table.dtype)
    for t in range(steps):
        np.matmul(prev[0], w_hh, out=h_terms)
        cell.forward(x_terms[t], h_terms, prev, states[t], cache[t])
        prev = states[t]
    return states, cache


def cell_greedy_decode_forward(cell, table, w_hh, w_hy, b_y, state0, steps, workspace=None):
    """Decode greedily with a cell: each step's best-scoring token is the next step's input.

    Parameters
    ----------
    cell : FastCell
    table : ndarray, shape-(C, B·D)
        The decoder's ``W_xh + b_h``.
    w_hh : ndarray, shape-(D, B·D)
    w_hy : ndarray, shape-(D, K)
    b_y : ndarray, shape-(1, K)
    state0 : ndarray, shape-(S, N, D)
        The encoder's last state.
    steps : int
        Number T of steps to decode.
    workspace : Workspace, optional

    Returns
    -------
    states : ndarray, shape-(T, S, N, D)
        The decoder's states; ``states[:, 0]`` are its hidden states.
    cache : ndarray, shape-(T, K, N, D)
    logits : ndarray, shape-(T, N, K)
    inputs : ndarray of int, shape-(T, N)
        ``<START>``, then each step's argmax.
    """
    batch_size = state0.shape[1]
    dim, dtype = w_hh.shape[0], table.dtype
    states, cache = _scratch(cell, workspace, "cell_decoder", steps, batch_size, dim, dtype)
    logits = _array(workspace, "logits", (steps, batch_size, w_hy.shape[1]), dtype)
    inputs = _array(workspace, "decoder_inputs", (steps, batch_size), np.intp)
    x_terms = np.empty((batch_size, table.shape[1]), dtype=dtype)
    h_terms = np.empty_like(x_terms)
    inputs[0] = START
    prev = state0
    for t in range(steps):
        np.matmul(prev[0], w_hh, out=h_terms)
        np.take(table, inputs[t], axis=0, out=x_terms, mode="clip")
        cell.forward(x_terms, h_terms, prev, states[t], cache[t])
        np.matmul(states[t, 0], w_hy, out=logits[t])
        logits[t] += b_y
        if t + 1 < steps:
            np.argmax(logits[t], axis=-1, out=inputs[t + 1])
        prev = states[t]
    return states, cache, logits, inputs


def cell_backward(cell, states, state0, cache, w_hh, one_hot_inputs, grad_hidden=None,
                  grad_final=None, workspace=None):
    """Back-propagate through a cell's recurrence over all steps.

    Parameters
    ----------
    cell : FastCell
    states, cache : ndarray
        As returned by the forward function, shapes (T, S, N, D) and (T, K, N, D).
    state0 : ndarray, shape-(S, N, D), or None
        The initial state; ``None`` for zeros.
    w_hh : ndarray, shape-(D, B·D)
    one_hot_inputs : ndarray, shape-(T, N, C)
    grad_hidden : ndarray, shape-(T, N, D), optional
        dL/dh_t from outside the recurrence (a decoder's output layer).
    grad_final : ndarray, shape-(S, N, D), optional
        dL/d(state_T) (an encoder's last state, which starts the decoder).
    workspace : Workspace, optional

    Returns
    -------
    grad_w_xh, grad_b_h, grad_w_hh, grad_state0 : ndarray
        Shapes (C, B·D), (1, B·D), (D, B·D), (S, N, D).
    """
    steps, batch_size = states.shape[0], states.shape[2]
    dim, gate_width = w_hh.shape
    dtype = states.dtype
    grad_x = _array(workspace, "cell_grad_x", (steps, batch_size, gate_width), dtype)
    grad_h = (_array(workspace, "cell_grad_h", grad_x.shape, dtype)
              if cell.separate_h_terms else grad_x)
    prev_states = _array(workspace, "cell_prev_states", states.shape, dtype)
    prev_states[1:] = states[:-1]
    prev_states[0] = 0 if state0 is None else state0
    coefficients = cell.slopes(states, prev_states, cache, workspace)
    carry = (np.zeros(states.shape[1:], dtype=dtype) if grad_final is None
             else np.array(grad_final, dtype=dtype))
    w_hh_t = np.ascontiguousarray(w_hh.T)
    for t in range(steps - 1, -1, -1):
        if grad_hidden is not None:
            carry[0] += grad_hidden[t]
        direct = cell.backward_step(carry, coefficients, t, grad_x[t], grad_h[t])
        if direct is None:
            carry = (grad_h[t] @ w_hh_t)[np.newaxis]
        else:
            carry = direct
            carry[0] += grad_h[t] @ w_hh_t
    prev_hidden = _hidden_rows(workspace, "cell_prev_hidden", prev_states)  # h_{t-1}, every t
    grad_w_hh = prev_hidden.T @ grad_h.reshape(-1, gate_width)
    flat_inputs = one_hot_inputs.reshape(-1, one_hot_inputs.shape[-1])
    grad_w_xh = flat_inputs.T @ grad_x.reshape(-1, gate_width)
    # every one-hot row sums to 1, so the bias gradient is the column sum of grad_w_xh
    grad_b_h = grad_w_xh.sum(axis=0, keepdims=True)
    return grad_w_xh, grad_b_h, grad_w_hh, carry


class CellEncoderRecurrence(_FusedOperation):
    """The last state of a tanh, GRU or LSTM encoder reading known inputs from a zero state.

    Variables: ``w_xh`` shape-(C, B·D), ``b_h`` shape-(1, B·D), ``w_hh`` shape-(D, B·D).
    Keyword arguments: ``x``, the one-hot inputs, shape-(T, N, C); ``cell``, a
    :class:`~seq2seq_core.cell_steps.FastCell`; ``workspace``. Output: the state after
    the last step, shape-(S, N, D) (h_T, then an LSTM's c_T).
    """

    def __call__(self, w_xh, b_h, w_hh, *, x, cell, workspace=None):
        self.variables = (w_xh, b_h, w_hh)
        self.x, self.cell, self.workspace = x, cell, workspace
        self.states, self.cache = cell_encode_forward(
            cell, w_xh.data + b_h.data, w_hh.data, x.argmax(axis=-1), workspace
        )
        return self.states[-1].copy()

    def _all_gradients(self, grad):
        grad_w_xh, grad_b_h, grad_w_hh, _ = cell_backward(
            self.cell, self.states, None, self.cache, self.variables[2].data, self.x,
            grad_final=grad, workspace=self.workspace,
        )
        return grad_w_xh, grad_b_h, grad_w_hh


class CellDecoderRecurrence(_FusedOperation):
    """The scores of a greedy, free-running tanh, GRU or LSTM decoder.

    Variables: ``state0`` shape-(S, N, D), ``w_xh`` shape-(C, B·D), ``b_h`` shape-(1, B·D),
    ``w_hh`` shape-(D, B·D), ``w_hy`` shape-(D, K), ``b_y`` shape-(1, K). Keyword
    arguments: ``steps``, the number T of steps; ``cell``; ``workspace``. Output: the
    scores, shape-(T, N, K). No gradient flows through the argmax that picks each next input.
    """

    def __call__(self, state0, w_xh, b_h, w_hh, w_hy, b_y, *, steps, cell, workspace=None):
        self.variables = (state0, w_xh, b_h, w_hh, w_hy, b_y)
        self.cell, self.workspace = cell, workspace
        self.states, self.cache, logits, self.inputs = cell_greedy_decode_forward(
            cell, w_xh.data + b_h.data, w_hh.data, w_hy.data, b_y.data, state0.data, steps,
            workspace,
        )
        return logits

    def _all_gradients(self, grad):
        state0, w_xh, _, w_hh, w_hy, _ = (v.data for v in self.variables)
        dim = w_hh.shape[0]
        hidden = _hidden_rows(self.workspace, "cell_hidden", self.states)
        flat_grad_logits = grad.reshape(-1, grad.shape[-1])
        grad_w_hy = hidden.T @ flat_grad_logits
        grad_b_y = flat_grad_logits.sum(axis=0, keepdims=True)
        grad_hidden = _array(self.workspace, "cell_grad_hidden", grad.shape[:2] + (dim,),
                             self.states.dtype)
        np.matmul(flat_grad_logits, w_hy.T, out=grad_hidden.reshape(-1, dim))
        vocab_size = w_xh.shape[0]
        one_hot_inputs = _array(
            self.workspace, "one_hot_inputs", self.inputs.shape + (vocab_size,), self.states.dtype
        )
        np.take(np.eye(vocab_size, dtype=self.states.dtype), self.inputs, axis=0,
                out=one_hot_inputs, mode="clip")
        grad_w_xh, grad_b_h, grad_w_hh, grad_state0 = cell_backward(
            self.cell, self.states, state0, self.cache, w_hh, one_hot_inputs,
            grad_hidden=grad_hidden, workspace=self.workspace,
        )
        return grad_state0, grad_w_xh, grad_b_h, grad_w_hh, grad_w_hy, grad_b_y


def cell_logits(model, x, workspace=None):
    """The scores of a :class:`~seq2seq_core.model.Seq2Seq` with a tanh, GRU or LSTM cell.

    Parameters
    ----------
    model : Seq2Seq
        Its ``cell`` a key of :data:`~seq2seq_core.cell_steps.FAST_CELLS`.
    x : ndarray, shape-(T, N, C)
        One-hot digits, then ``<END>``.
    workspace : Workspace, optional
        Reused scratch arrays; the result is valid until the workspace's next use.

    Returns
    -------
    Tensor, shape-(T, N, K)
        Equal to ``model(x)``, gradients included.
    """
    cell = FAST_CELLS[model.cell]
    enc, dec = model.encoder, model.decoder
    final_state = mg.execute_op(
        CellEncoderRecurrence, enc.fc_x2h.weight, enc.fc_x2h.bias, enc.fc_h2h.weight,
        op_kwargs={"x": x, "cell": cell, "workspace": workspace},
    )
    return mg.execute_op(
        CellDecoderRecurrence, final_state, dec.fc_x2h.weight, dec.fc_x2h.bias,
        dec.fc_h2h.weight, dec.fc_h2y.weight, dec.fc_h2y.bias,
        op_kwargs={"steps": len(x), "cell": cell, "workspace": workspace},
    )


def any_cell_loss(model, x, targets, workspace=None):
    """The seq2seq kind's ``loss`` for any cell (see :class:`~seq2seq_core.kinds.ModelKind`).

    The notebook's relu takes its own fast path, :func:`~seq2seq_core.recurrence.seq2seq_loss`.
    """
    if model.cell not in FAST_CELLS:
        return seq2seq_loss(model, x, targets, workspace)
    logits = cell_logits(model, x, workspace)
    return sequence_cross_entropy(logits, targets, workspace), logits

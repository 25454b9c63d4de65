"""The fast path: the seq2seq forward and backward passes as fused MyGrad operations.

Each RNN is one :class:`mygrad.operation_base.Operation` whose forward loop and
hand-written backward pass touch NumPy a few times per step, instead of a dozen
small MyGrad operations per step (:mod:`seq2seq_core.model`): a one-hot input's
product is a row gather from ``W_xh + b_h``, the ReLU masks are computed once per
batch, the weight gradients are one matrix product over all steps, and with a
:class:`Workspace` every batch-sized array is reused between iterations. Tests
compare the loss and every gradient with :class:`~seq2seq_core.model.Seq2Seq`.
The plain-NumPy forward functions also serve evaluation and traces.
"""
import math

import mygrad as mg
import numpy as np
from mygrad.operation_base import Operation

from .data import START

__all__ = [
    "Workspace",
    "encode_forward",
    "greedy_decode_forward",
    "EncoderRecurrence",
    "GreedyDecoderRecurrence",
    "SequenceCrossEntropy",
    "sequence_cross_entropy",
    "seq2seq_logits",
    "seq2seq_loss",
]


class Workspace:
    """Scratch arrays that one training loop reuses from iteration to iteration.

    An array handed out under a name stays valid until that name is asked for again,
    so a workspace belongs to one loop (one :class:`Trainer`), whose iterations never
    overlap. Without a workspace, every function here allocates.
    """

    def __init__(self):
        self._buffers = {}

    def array(self, name, shape, dtype):
        """An uninitialised array of ``shape`` and ``dtype``, reused under ``name``."""
        size = math.prod(shape)
        buffer = self._buffers.get(name)
        if buffer is None or buffer.size < size or buffer.dtype != dtype:
            buffer = self._buffers[name] = np.empty(size, dtype=dtype)
        return buffer[:size].reshape(shape)


def _array(workspace, name, shape, dtype):
    if workspace is None:
        return np.empty(shape, dtype=dtype)
    return workspace.array(name, shape, dtype)


def encode_forward(table, w_hh, tokens, h0=None, workspace=None):
    """Run the ReLU recurrence over known input tokens.

    Parameters
    ----------
    table : ndarray, shape-(C, D)
        ``W_xh + b_h``: row ``c`` is the input term of token ``c``.
    w_hh : ndarray, shape-(D, D)
    tokens : ndarray of int, shape-(T, N)
    h0 : ndarray, shape-(N, D), optional
        Initial state; zeros when omitted.
    workspace : Workspace, optional

    Returns
    -------
    ndarray, shape-(T, N, D)
        The hidden states h_1 … h_T.
    """
    steps, batch_size = tokens.shape
    hidden = _array(workspace, "encoder_hidden", (steps, batch_size, table.shape[1]), table.dtype)
    np.take(table, tokens, axis=0, out=hidden)  # the input terms; each becomes its state
    recurrent = np.empty(hidden.shape[1:], dtype=hidden.dtype)
    if h0 is not None:
        np.matmul(h0, w_hh, out=recurrent)
        hidden[0] += recurrent
    np.maximum(hidden[0], 0, out=hidden[0])
    for t in range(1, steps):
        np.matmul(hidden[t - 1], w_hh, out=recurrent)
        hidden[t] += recurrent
        np.maximum(hidden[t], 0, out=hidden[t])
    return hidden


def greedy_decode_forward(table, w_hh, w_hy, b_y, h0, steps, workspace=None):
    """Decode greedily: each step's best-scoring token is the next step's input.

    Parameters
    ----------
    table : ndarray, shape-(C, D)
        The decoder's ``W_xh + b_h``.
    w_hh : ndarray, shape-(D, D)
    w_hy : ndarray, shape-(D, K)
    b_y : ndarray, shape-(1, K)
    h0 : ndarray, shape-(N, D)
        The encoder's last hidden state.
    steps : int
        Number T of steps to decode.
    workspace : Workspace, optional

    Returns
    -------
    hidden : ndarray, shape-(T, N, D)
        The decoder's hidden states.
    logits : ndarray, shape-(T, N, K)
        The scores of every step.
    inputs : ndarray of int, shape-(T, N)
        The token fed in at every step: ``<START>``, then the previous argmax.
    """
    batch_size, dim = h0.shape
    hidden = _array(workspace, "decoder_hidden", (steps, batch_size, dim), table.dtype)
    logits = _array(workspace, "logits", (steps, batch_size, w_hy.shape[1]), table.dtype)
    inputs = _array(workspace, "decoder_inputs", (steps, batch_size), np.intp)
    input_terms = np.empty((batch_size, dim), dtype=table.dtype)
    inputs[0] = START
    h_prev = h0
    for t in range(steps):
        h_t = hidden[t]
        np.matmul(h_prev, w_hh, out=h_t)
        np.take(table, inputs[t], axis=0, out=input_terms)
        h_t += input_terms
        np.maximum(h_t, 0, out=h_t)
        np.matmul(h_t, w_hy, out=logits[t])
        logits[t] += b_y
        if t + 1 < steps:
            np.argmax(logits[t], axis=-1, out=inputs[t + 1])
        h_prev = h_t
    return hidden, logits, inputs


def _recurrence_backward(grad_pre, hidden, h0, w_hh, one_hot_inputs, last_only=False,
                         workspace=None):
    """Back-propagate through ``h_t = ReLU(x_t W_xh + b_h + h_{t-1} W_hh)``.

    Parameters
    ----------
    grad_pre : ndarray, shape-(T, N, D)
        dL/dh_t from everything but the recurrence itself; overwritten with
        dL/d(pre-activation) of every step. With ``last_only`` only its last step
        is read.
    hidden : ndarray, shape-(T, N, D)
        The states h_1 … h_T of the forward pass.
    h0 : ndarray, shape-(N, D) or None
        The initial state; ``None`` for zeros.
    w_hh : ndarray, shape-(D, D)
    one_hot_inputs : ndarray, shape-(T, N, C)
        The one-hot inputs x_t.
    last_only : bool, optional (default=False)
        True when only dL/dh_T is non-zero (an encoder whose last state alone
        reaches the loss): saves one addition per step.
    workspace : Workspace, optional

    Returns
    -------
    grad_w_xh, grad_b_h, grad_w_hh, grad_h0 : ndarray
        Shapes (C, D), (1, D), (D, D), (N, D).
    """
    steps, batch_size, dim = hidden.shape
    active = _array(workspace, "active", hidden.shape, np.bool_)
    np.greater(hidden, 0, out=active)  # the ReLU masks, once for the whole batch
    w_hh_t = np.ascontiguousarray(w_hh.T)
    carry = np.zeros((batch_size, dim), dtype=hidden.dtype)
    for t in range(steps - 1, -1, -1):
        g = grad_pre[t]
        if last_only and t < steps - 1:
            np.multiply(carry, active[t], out=g)
        else:
            g += carry
            g *= active[t]
        np.matmul(g, w_hh_t, out=carry)
    grad_w_hh = hidden[:-1].reshape(-1, dim).T @ grad_pre[1:].reshape(-1, dim)
    if h0 is not None:
        grad_w_hh += h0.T @ grad_pre[0]
    grad_w_xh = one_hot_inputs.reshape(-1, one_hot_inputs.shape[-1]).T @ grad_pre.reshape(-1, dim)
    # every one-hot row sums to 1, so the bias gradient is the column sum of grad_w_xh
    grad_b_h = grad_w_xh.sum(axis=0, keepdims=True)
    return grad_w_xh, grad_b_h, grad_w_hh, carry


class _FusedOperation(Operation):
    """Shared backward bookkeeping: all gradients are computed on the first request."""

    can_return_view = False
    _grads = None

    def backward_var(self, grad, index, **kwargs):
        if self._grads is None:
            self._grads = self._all_gradients(grad)
        return self._grads[index]


class EncoderRecurrence(_FusedOperation):
    """The hidden states of a ReLU RNN reading known inputs, from a zero initial state.

    Variables: ``w_xh`` shape-(C, D), ``b_h`` shape-(1, D), ``w_hh`` shape-(D, D).
    Keyword arguments: ``x``, the one-hot inputs, shape-(T, N, C); ``final_only``;
    ``workspace``. Output: h_1 … h_T, shape-(T, N, D), or only h_T, shape-(N, D),
    when ``final_only`` (all that a seq2seq encoder passes on).
    """

    def __call__(self, w_xh, b_h, w_hh, *, x, final_only=False, workspace=None):
        self.variables = (w_xh, b_h, w_hh)
        self.x, self.final_only, self.workspace = x, final_only, workspace
        self.hidden = encode_forward(
            w_xh.data + b_h.data, w_hh.data, x.argmax(axis=-1), workspace=workspace
        )
        return self.hidden[-1].copy() if final_only else self.hidden

    def _all_gradients(self, grad):
        grad_hidden = _array(self.workspace, "grad_hidden", self.hidden.shape, self.hidden.dtype)
        if self.final_only:
            grad_hidden[-1] = grad
        else:
            grad_hidden[...] = grad
        grad_w_xh, grad_b_h, grad_w_hh, _ = _recurrence_backward(
            grad_hidden, self.hidden, None, self.variables[2].data, self.x,
            last_only=self.final_only, workspace=self.workspace,
        )
        return grad_w_xh, grad_b_h, grad_w_hh


class GreedyDecoderRecurrence(_FusedOperation):
    """The scores of a greedy, free-running ReLU RNN decoder.

    Variables: ``h0`` shape-(N, D), ``w_xh`` shape-(C, D), ``b_h`` shape-(1, D),
    ``w_hh`` shape-(D, D), ``w_hy`` shape-(D, K), ``b_y`` shape-(1, K).
    Keyword arguments: ``steps``, the number T of steps; ``workspace``.
    Output: the scores, shape-(T, N, K). As in the notebook, no gradient flows
    through the argmax that picks each next input.
    """

    def __call__(self, h0, w_xh, b_h, w_hh, w_hy, b_y, *, steps, workspace=None):
        self.variables = (h0, w_xh, b_h, w_hh, w_hy, b_y)
        self.workspace = workspace
        self.hidden, logits, self.inputs = greedy_decode_forward(
            w_xh.data + b_h.data, w_hh.data, w_hy.data, b_y.data, h0.data, steps, workspace
        )
        return logits

    def _all_gradients(self, grad):
        h0, w_xh, _, w_hh, w_hy, _ = self.variables
        dim = self.hidden.shape[-1]
        flat_grad_logits = grad.reshape(-1, grad.shape[-1])
        grad_w_hy = self.hidden.reshape(-1, dim).T @ flat_grad_logits
        grad_b_y = flat_grad_logits.sum(axis=0, keepdims=True)
        grad_hidden = _array(self.workspace, "grad_hidden", self.hidden.shape, self.hidden.dtype)
        np.matmul(flat_grad_logits, w_hy.data.T, out=grad_hidden.reshape(-1, dim))
        vocab_size = w_xh.shape[0]
        one_hot_inputs = _array(
            self.workspace, "one_hot_inputs", self.inputs.shape + (vocab_size,), self.hidden.dtype
        )
        np.take(np.eye(vocab_size, dtype=self.hidden.dtype), self.inputs, axis=0,
                out=one_hot_inputs)
        grad_w_xh, grad_b_h, grad_w_hh, grad_h0 = _recurrence_backward(
            grad_hidden, self.hidden, h0.data, w_hh.data, one_hot_inputs,
            workspace=self.workspace,
        )
        return grad_h0, grad_w_xh, grad_b_h, grad_w_hh, grad_w_hy, grad_b_y


# MyGrad's own loss spends most of its time turning a Python range into an index array.
class SequenceCrossEntropy(Operation):
    """Mean softmax cross-entropy over all steps and sequences.

    The value and gradient of ``mygrad.nnet.losses.softmax_crossentropy`` on the
    scores reshaped to (T·N, K) (a test checks both), in a handful of NumPy calls.

    Variables: ``logits``, shape-(T, N, K). Keyword arguments: ``targets``, ints,
    shape-(T, N); ``workspace``. Output: a scalar.
    """

    def __call__(self, logits, *, targets, workspace=None):
        self.variables = (logits,)
        scores = logits.data
        # Shifting by the overall maximum (one fast reduction) rather than each
        # row's (slow for rows of 12) is exact unless a row lies so far below the
        # maximum that all its exponentials underflow; then shift row by row.
        probabilities = _array(workspace, "probabilities", scores.shape, scores.dtype)
        np.subtract(scores, scores.max(), out=probabilities)
        target_scores = np.take_along_axis(probabilities, targets[..., np.newaxis], axis=-1)
        np.exp(probabilities, out=probabilities)
        normalizer = probabilities @ np.ones((scores.shape[-1], 1), dtype=scores.dtype)
        if normalizer.min() < np.finfo(scores.dtype).tiny:
            np.subtract(scores, scores.max(axis=-1, keepdims=True), out=probabilities)
            target_scores = np.take_along_axis(probabilities, targets[..., np.newaxis], axis=-1)
            np.exp(probabilities, out=probabilities)
            normalizer = probabilities.sum(axis=-1, keepdims=True)
        count = targets.size
        loss = (np.log(normalizer) - target_scores).sum() / count
        probabilities /= normalizer
        target_probabilities = np.take_along_axis(probabilities, targets[..., np.newaxis], axis=-1)
        np.put_along_axis(probabilities, targets[..., np.newaxis], target_probabilities - 1,
                          axis=-1)
        probabilities /= count
        self.grad_logits = probabilities
        return np.asarray(loss, dtype=scores.dtype)

    def backward_var(self, grad, index, **kwargs):
        return grad * self.grad_logits


def sequence_cross_entropy(logits, targets, workspace=None):
    """Tensor, shape-(): :class:`SequenceCrossEntropy` of ``logits`` and ``targets`` (T, N)."""
    return mg.execute_op(
        SequenceCrossEntropy, logits, op_kwargs={"targets": targets, "workspace": workspace}
    )


def seq2seq_logits(model, x, workspace=None):
    """The scores of :class:`~seq2seq_core.model.Seq2Seq` on ``x``, as a MyGrad graph.

    Parameters
    ----------
    model : Seq2Seq
    x : ndarray, shape-(T, N, C)
        One-hot digits, then ``<END>``.
    workspace : Workspace, optional
        Reused scratch arrays; the result is valid until the workspace's next use.

    Returns
    -------
    Tensor, shape-(T, N, K)
        Equal to ``model(x)``, gradients included.
    """
    enc, dec = model.encoder, model.decoder
    final_state = mg.execute_op(
        EncoderRecurrence, enc.fc_x2h.weight, enc.fc_x2h.bias, enc.fc_h2h.weight,
        op_kwargs={"x": x, "final_only": True, "workspace": workspace},
    )
    return mg.execute_op(
        GreedyDecoderRecurrence, final_state, dec.fc_x2h.weight, dec.fc_x2h.bias,
        dec.fc_h2h.weight, dec.fc_h2y.weight, dec.fc_h2y.bias,
        op_kwargs={"steps": len(x), "workspace": workspace},
    )


def seq2seq_loss(model, x, targets, workspace=None):
    """The seq2seq kind's ``loss`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    logits = seq2seq_logits(model, x, workspace)
    return sequence_cross_entropy(logits, targets, workspace), logits

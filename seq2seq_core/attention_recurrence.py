"""The attention model's fast path: its greedy decoder with attention as one fused MyGrad operation.

The forward loop must go step by step (each argmax picks the next input), but
no gradient flows through the argmax and the context does not feed the
recurrence, so the backward pass handles attention for all steps at once with a
few batched products, then reuses the notebook recurrence's backward
(:func:`~seq2seq_core.recurrence._recurrence_backward`). Tests compare the loss
and every gradient with :class:`~seq2seq_core.attention.AttentionSeq2Seq`.
"""
import dataclasses

import mygrad as mg
import numpy as np

from .data import START
from .recurrence import (
    EncoderRecurrence,
    _array,
    _FusedOperation,
    _recurrence_backward,
    sequence_cross_entropy,
)
from .trace import Trace, encode

__all__ = [
    "attention_decode_forward",
    "AttentionDecoderRecurrence",
    "attention_logits",
    "attention_loss",
    "AttentionTrace",
    "attention_trace",
    "predict_attention_tokens",
]


def attention_decode_forward(table, w_hh, w_hy, w_cy, b_y, w_a, encoder_hidden, steps,
                             workspace=None):
    """Decode greedily, attending to every encoder state at each step.

    Parameters
    ----------
    table : ndarray, shape-(C, D)
        The decoder's ``W_xh + b_h``.
    w_hh : ndarray, shape-(D, D)
    w_hy, w_cy : ndarray, shape-(D, K)
        The output layer's weights for the decoder state and for the context.
    b_y : ndarray, shape-(1, K)
    w_a : ndarray, shape-(D, D)
        The score's matrix: ``score(h_t, ē_s) = ē_sᵀ W_a h_t``.
    encoder_hidden : ndarray, shape-(S, N, D)
        The encoder's states ē_1 … ē_S; the last starts the decoder.
    steps : int
        Number T of steps to decode.
    workspace : Workspace, optional

    Returns
    -------
    hidden : ndarray, shape-(T, N, D)
        The decoder's states.
    logits : ndarray, shape-(T, N, K)
    inputs : ndarray of int, shape-(T, N)
        ``<START>``, then each step's argmax.
    weights : ndarray, shape-(T, N, S)
        The attention weights; each ``weights[t, n]`` sums to 1.
    enc, keys : ndarray, shape-(N, S, D)
        The encoder's states batch first, and ``enc W_a``, for the backward pass.
    outputs : ndarray, shape-(N, S, K)
        ``enc W_cy``: what each position adds to the scores when fully attended.
    """
    batch_size, dim = encoder_hidden.shape[1:]
    enc = np.ascontiguousarray(encoder_hidden.transpose(1, 0, 2))  # shape-(N, S, D)
    keys = (enc.reshape(-1, dim) @ w_a).reshape(enc.shape)
    # c_t W_cy = Σ_s a_ts (ē_s W_cy): a step needs its weights times K numbers per
    # position, not a context of D numbers first (the contexts are never formed).
    outputs = (enc.reshape(-1, dim) @ w_cy).reshape(enc.shape[:2] + w_cy.shape[1:])
    dtype = table.dtype
    hidden = _array(workspace, "decoder_hidden", (steps, batch_size, dim), dtype)
    logits = _array(workspace, "logits", (steps, batch_size, w_hy.shape[1]), dtype)
    inputs = _array(workspace, "decoder_inputs", (steps, batch_size), np.intp)
    weights = _array(workspace, "attention_weights", (steps, batch_size, enc.shape[1]), dtype)
    input_terms = np.empty((batch_size, dim), dtype=dtype)
    context_terms = np.empty(logits.shape[1:], dtype=dtype)
    scratch = (np.empty((batch_size, enc.shape[1]), dtype=dtype),
               np.empty((batch_size, 1), dtype=dtype), np.ones((enc.shape[1], 1), dtype=dtype),
               np.finfo(dtype).tiny)
    inputs[0] = START
    h_prev = encoder_hidden[-1]
    for t in range(steps):
        h_t = hidden[t]
        np.matmul(h_prev, w_hh, out=h_t)
        np.take(table, inputs[t], axis=0, out=input_terms)
        h_t += input_terms
        np.maximum(h_t, 0, out=h_t)
        a_t = weights[t]  # shape-(N, S): scores, then their softmax
        np.matmul(keys, h_t[:, :, np.newaxis], out=a_t[:, :, np.newaxis])
        _softmax_rows(a_t, *scratch)
        np.matmul(h_t, w_hy, out=logits[t])
        np.matmul(a_t[:, np.newaxis, :], outputs, out=context_terms[:, np.newaxis, :])
        logits[t] += context_terms  # c_t W_cy
        logits[t] += b_y
        if t + 1 < steps:
            np.argmax(logits[t], axis=-1, out=inputs[t + 1])
        h_prev = h_t
    return hidden, logits, inputs, weights, enc, keys, outputs


def _softmax_rows(scores, shifted, sums, ones, tiny):
    """Softmax of each row of ``scores``, shape-(N, S), in place.

    ``shifted`` shape-(N, S) and ``sums`` shape-(N, 1) are scratch, ``ones`` shape-(S, 1),
    ``tiny`` the dtype's smallest normal number.

    Shifted by the overall maximum (one reduction, not N), unless some row lies so far
    below it that all its exponentials underflow; then row by row.
    """
    np.subtract(scores, scores.max(), out=shifted)
    np.exp(shifted, out=shifted)
    np.matmul(shifted, ones, out=sums)
    if sums.min() < tiny:
        np.subtract(scores, scores.max(axis=1, keepdims=True), out=shifted)
        np.exp(shifted, out=shifted)
        np.matmul(shifted, ones, out=sums)
    np.divide(shifted, sums, out=scores)


class AttentionDecoderRecurrence(_FusedOperation):
    """The scores of the greedy ReLU RNN decoder with attention.

    Variables: ``encoder_hidden`` shape-(S, N, D), ``w_a`` shape-(D, D), ``w_xh``
    shape-(C, D), ``b_h`` shape-(1, D), ``w_hh`` shape-(D, D), ``w_hy`` and ``w_cy``
    shape-(D, K), ``b_y`` shape-(1, K). Keyword arguments: ``steps``, the number T of
    steps; ``workspace``. Output: the scores, shape-(T, N, K). No gradient flows
    through the argmax that picks each next input.
    """

    def __call__(self, encoder_hidden, w_a, w_xh, b_h, w_hh, w_hy, w_cy, b_y, *, steps,
                 workspace=None):
        self.variables = (encoder_hidden, w_a, w_xh, b_h, w_hh, w_hy, w_cy, b_y)
        self.workspace = workspace
        (self.hidden, logits, self.inputs, self.weights, self.enc, self.keys,
         self.outputs) = attention_decode_forward(
            w_xh.data + b_h.data, w_hh.data, w_hy.data, w_cy.data, b_y.data, w_a.data,
            encoder_hidden.data, steps, workspace,
        )
        return logits

    def _all_gradients(self, grad):
        encoder_hidden, w_a, w_xh, _, w_hh, w_hy, w_cy, _ = (v.data for v in self.variables)
        hidden, enc, keys, outputs = self.hidden, self.enc, self.keys, self.outputs
        weights = np.ascontiguousarray(self.weights.transpose(1, 0, 2))  # shape-(N, T, S)
        dim, classes = hidden.shape[-1], grad.shape[-1]
        flat_grad = grad.reshape(-1, classes)
        grad_w_hy = hidden.reshape(-1, dim).T @ flat_grad
        grad_b_y = np.ones((1, len(flat_grad)), dtype=grad.dtype) @ flat_grad

        # Attention, every step at once, batch first: shape-(N, T, ·) and shape-(N, S, ·).
        # The context c_t = Σ_s a_ts ē_s is never formed: its terms go through ē_s W_cy.
        dec = hidden.transpose(1, 0, 2)
        batch_grad = np.ascontiguousarray(grad.transpose(1, 0, 2))  # shape-(N, T, K)
        weighted_grad = weights.transpose(0, 2, 1) @ batch_grad  # Σ_t a_ts g_t, shape-(N, S, K)
        grad_w_cy = enc.reshape(-1, dim).T @ weighted_grad.reshape(-1, classes)
        grad_weights = batch_grad @ outputs.transpose(0, 2, 1)  # shape-(N, T, S)
        grad_scores = grad_weights
        ones = np.ones((weights.shape[-1], 1), dtype=grad.dtype)
        grad_scores -= (grad_weights * weights) @ ones
        grad_scores *= weights  # through the softmax
        grad_keys = grad_scores.transpose(0, 2, 1) @ dec  # shape-(N, S, D)
        grad_w_a = enc.reshape(-1, dim).T @ grad_keys.reshape(-1, dim)
        grad_enc = weighted_grad.reshape(-1, classes) @ w_cy.T  # through the contexts
        grad_enc += grad_keys.reshape(-1, dim) @ w_a.T  # through the scores
        grad_enc = grad_enc.reshape(enc.shape)

        grad_hidden = _array(self.workspace, "grad_hidden", hidden.shape, hidden.dtype)
        np.matmul(flat_grad, w_hy.T, out=grad_hidden.reshape(-1, dim))
        grad_hidden += (grad_scores @ keys).transpose(1, 0, 2)
        vocab_size = w_xh.shape[0]
        one_hot_inputs = _array(
            self.workspace, "one_hot_inputs", self.inputs.shape + (vocab_size,), hidden.dtype
        )
        np.take(np.eye(vocab_size, dtype=hidden.dtype), self.inputs, axis=0, out=one_hot_inputs)
        grad_w_xh, grad_b_h, grad_w_hh, grad_h0 = _recurrence_backward(
            grad_hidden, hidden, encoder_hidden[-1], w_hh, one_hot_inputs,
            workspace=self.workspace,
        )
        grad_enc[:, -1] += grad_h0  # the last encoder state also starts the decoder
        # Time first again as a view: the encoder's backward copies it into its own buffer.
        return (grad_enc.transpose(1, 0, 2), grad_w_a, grad_w_xh, grad_b_h, grad_w_hh, grad_w_hy,
                grad_w_cy, grad_b_y)


def attention_logits(model, x, workspace=None):
    """The scores of :class:`~seq2seq_core.attention.AttentionSeq2Seq` on ``x``, as a MyGrad graph.

    Takes the arguments of :func:`~seq2seq_core.recurrence.seq2seq_logits`.

    Returns
    -------
    Tensor, shape-(T, N, K)
        Equal to ``model(x)``, gradients included.
    """
    enc, dec = model.encoder, model.decoder
    encoder_hidden = mg.execute_op(
        EncoderRecurrence, enc.fc_x2h.weight, enc.fc_x2h.bias, enc.fc_h2h.weight,
        op_kwargs={"x": x, "final_only": False, "workspace": workspace},
    )
    return mg.execute_op(
        AttentionDecoderRecurrence, encoder_hidden, model.fc_score.weight, dec.fc_x2h.weight,
        dec.fc_x2h.bias, dec.fc_h2h.weight, dec.fc_h2y.weight, model.fc_c2y.weight,
        dec.fc_h2y.bias, op_kwargs={"steps": len(x), "workspace": workspace},
    )


def attention_loss(model, x, targets, workspace=None):
    """The attention kind's ``loss`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    logits = attention_logits(model, x, workspace)
    return sequence_cross_entropy(logits, targets, workspace), logits


@dataclasses.dataclass(frozen=True)
class AttentionTrace(Trace):
    """A :class:`~seq2seq_core.trace.Trace` of the attention model, with what attention computed.

    Attributes
    ----------
    weights : ndarray, shape-(T, N, T)
        ``weights[t, n, s]``: how much output step t of sequence n reads input position s.
    contexts : ndarray, shape-(T, N, D)
        The context vector of every output step.
    """

    weights: np.ndarray = None
    contexts: np.ndarray = None

    def scores_at(self, model, step):
        """ndarray, shape-(N, T): output ``step``'s scores ``ē_sᵀ W_a h_t``, before the softmax."""
        keys = self.encoder_hidden @ model.fc_score.weight.data  # shape-(T, N, D)
        return np.einsum("snd,nd->ns", keys, self.decoder_hidden[step])


def attention_trace(model, digits):
    """Run an attention ``model`` on digit sequences and keep every intermediate array.

    Parameters
    ----------
    model : AttentionSeq2Seq
    digits : array_like of int, shape-(L, N) or shape-(L,)

    Returns
    -------
    AttentionTrace
    """
    digits, encoder_inputs, targets, encoder_hidden = encode(model, digits)
    dec = model.decoder
    hidden, logits, decoder_inputs, weights, _, _, _ = attention_decode_forward(
        dec.input_table(), dec.fc_h2h.weight.data, dec.fc_h2y.weight.data,
        model.fc_c2y.weight.data, dec.fc_h2y.bias.data, model.fc_score.weight.data,
        encoder_hidden, len(encoder_inputs),
    )
    contexts = np.einsum("tns,snd->tnd", weights, encoder_hidden)
    return AttentionTrace(digits, encoder_inputs, encoder_hidden, decoder_inputs, hidden, logits,
                          targets, weights=weights, contexts=contexts)


def predict_attention_tokens(model, digits):
    """The attention kind's ``predict`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    return attention_trace(model, digits).predictions

"""One forward pass of a seq2seq model with everything it computes, for plots and predictions.

Plain NumPy on the model's weights, no gradients: the loops of :mod:`seq2seq_core.recurrence`
(the notebook's relu) and :mod:`seq2seq_core.cell_recurrence` (tanh, GRU, LSTM). An
LSTM's hidden states are its h; its memory cells c are not kept.
"""
import dataclasses

import numpy as np

from .cell_recurrence import cell_encode_forward, cell_greedy_decode_forward
from .cell_steps import FAST_CELLS
from .data import encode_digits
from .recurrence import encode_forward, greedy_decode_forward

__all__ = ["Trace", "encode", "trace", "predict_tokens", "softmax"]


def softmax(logits):
    """Softmax over the last axis of ``logits``, shape-(..., K); same shape, summing to 1."""
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@dataclasses.dataclass(frozen=True)
class Trace:
    """What a seq2seq model computed on a batch of digit sequences.

    Attributes
    ----------
    digits : ndarray of int, shape-(T-1, N)
    encoder_inputs : ndarray of int, shape-(T, N)
        The digits, then ``<END>``.
    encoder_hidden : ndarray, shape-(T, N, D)
        The encoder's states h_1 … h_T; the last is all the decoder gets.
    decoder_inputs : ndarray of int, shape-(T, N)
        ``<START>``, then each step's prediction.
    decoder_hidden : ndarray, shape-(T, N, D)
    logits : ndarray, shape-(T, N, K)
        The decoder's scores.
    targets : ndarray of int, shape-(T, N)
        The reversed digits, then ``<END>``.
    """

    digits: np.ndarray
    encoder_inputs: np.ndarray
    encoder_hidden: np.ndarray
    decoder_inputs: np.ndarray
    decoder_hidden: np.ndarray
    logits: np.ndarray
    targets: np.ndarray

    @property
    def probabilities(self):
        """ndarray, shape-(T, N, K): softmax of the scores."""
        return softmax(self.logits)

    @property
    def predictions(self):
        """ndarray of int, shape-(T, N): the greedy choices (argmax of the scores)."""
        return self.logits.argmax(axis=-1)

    @property
    def correct(self):
        """ndarray of bool, shape-(T, N): prediction equals target, step by step."""
        return self.predictions == self.targets


def encode(model, digits):
    """Run the encoder of a model with ``model.encoder`` on digit sequences.

    Parameters
    ----------
    model : Seq2Seq or AttentionSeq2Seq
    digits : array_like of int, shape-(L, N) or shape-(L,)
        ``N`` sequences of length ``L`` ≥ 1, time first; 1-D is one sequence.

    Returns
    -------
    digits : ndarray of int, shape-(L, N)
    encoder_inputs, targets : ndarray of int, shape-(T, N)
        The digits then ``<END>``; the reversed digits then ``<END>``.
    encoder_hidden : ndarray, shape-(T, N, D)
    """
    digits, encoder_inputs, targets, states = _encode_states(model, digits)
    return digits, encoder_inputs, targets, _hidden(states)


def _fast_cell(model):
    """The :class:`~seq2seq_core.cell_steps.FastCell` of ``model``, None for the notebook's relu."""
    return FAST_CELLS.get(getattr(model, "cell", None))


def _hidden(states):
    """The hidden states h of states shape-(T, S, N, D) (an LSTM's h, then c): shape-(T, N, D)."""
    return np.ascontiguousarray(states[:, 0])


def _encode_states(model, digits):
    """:func:`encode`, with the encoder's whole states (an LSTM's h and c), shape-(T, S, N, D)."""
    digits = np.asarray(digits, dtype=np.int64)
    if digits.ndim == 1:
        digits = digits[:, np.newaxis]
    x, targets = encode_digits(digits)
    encoder_inputs = x.argmax(axis=-1)
    enc, cell = model.encoder, _fast_cell(model)
    if cell is None:
        states = encode_forward(enc.input_table(), enc.fc_h2h.weight.data,
                                encoder_inputs)[:, np.newaxis]
    else:
        states, _ = cell_encode_forward(cell, enc.input_table(), enc.fc_h2h.weight.data,
                                        encoder_inputs)
    return digits, encoder_inputs, targets, states


def trace(model, digits):
    """Run a seq2seq ``model`` on digit sequences and keep every intermediate array.

    Parameters
    ----------
    model : Seq2Seq
        Of any cell.
    digits : array_like of int, shape-(L, N) or shape-(L,)
        ``N`` sequences of length ``L`` ≥ 1, time first; 1-D is one sequence.

    Returns
    -------
    Trace
    """
    digits, encoder_inputs, targets, encoder_states = _encode_states(model, digits)
    dec, cell = model.decoder, _fast_cell(model)
    weights = (dec.input_table(), dec.fc_h2h.weight.data, dec.fc_h2y.weight.data,
               dec.fc_h2y.bias.data)
    if cell is None:
        decoder_hidden, logits, decoder_inputs = greedy_decode_forward(
            *weights, encoder_states[-1, 0], len(encoder_inputs))
    else:
        decoder_states, _, logits, decoder_inputs = cell_greedy_decode_forward(
            cell, *weights, encoder_states[-1], len(encoder_inputs))
        decoder_hidden = _hidden(decoder_states)
    return Trace(digits, encoder_inputs, _hidden(encoder_states), decoder_inputs,
                 decoder_hidden, logits, targets)


def predict_tokens(model, digits):
    """The seq2seq kind's ``predict`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    return trace(model, digits).predictions

"""The notebook's baseline: one plain RNN that must reverse a sequence while reading it.

The notebook's "여기서 잠깐" RNN (:class:`~seq2seq_core.model.RNN`, 12 → D → 12) reads
the digits and ``<END>`` (no ``<START>``); its output at step ``t`` is scored against
``y[t]``, the reversed digits then ``<END>``. The shipped ``pretrained/baseline_rnn.npz``
is ``python -m seq2seq_core train --model baseline --out …`` (the notebook's defaults, seed 0).
"""
import mygrad as mg
import numpy as np

from .data import encode_digits
from .recurrence import EncoderRecurrence, encode_forward, sequence_cross_entropy

__all__ = ["baseline_logits", "baseline_loss", "predict_baseline_tokens",
           "one_pass_exact_match_ceiling"]


def baseline_logits(model, x, workspace=None):
    """The plain RNN's scores at every step: the fused encoder recurrence, then one readout.

    Takes the arguments of :func:`~seq2seq_core.recurrence.seq2seq_logits` (``model`` an RNN).

    Returns
    -------
    Tensor, shape-(T, N, K)
        Equal to ``model(x)[0]``, gradients included.
    """
    hidden = mg.execute_op(
        EncoderRecurrence, model.fc_x2h.weight, model.fc_x2h.bias, model.fc_h2h.weight,
        op_kwargs={"x": x, "final_only": False, "workspace": workspace},
    )  # shape-(T, N, D)
    return mg.matmul(hidden, model.fc_h2y.weight) + model.fc_h2y.bias


def baseline_loss(model, x, targets, workspace=None):
    """The baseline kind's ``loss`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    logits = baseline_logits(model, x, workspace)
    return sequence_cross_entropy(logits, targets, workspace), logits


def predict_baseline_tokens(model, digits):
    """The baseline kind's ``predict`` (see :class:`~seq2seq_core.kinds.ModelKind`)."""
    x, _ = encode_digits(digits)
    hidden = encode_forward(model.input_table(), model.fc_h2h.weight.data, x.argmax(axis=-1))
    return (hidden @ model.fc_h2y.weight.data + model.fc_h2y.bias.data).argmax(axis=-1)


def one_pass_exact_match_ceiling(lengths):
    """The best exact match any one-pass model can reach on random digits: ``0.1 ** (L // 2)``.

    Output ``t`` of a length-``L`` sequence is input digit ``L-1-t``, not yet read
    when ``t < (L-1)/2``: ``⌊L/2⌋`` outputs, each right with probability 1/10 at best.

    Parameters
    ----------
    lengths : array_like of int, shape-(M,)

    Returns
    -------
    ndarray, shape-(M,)
    """
    return 0.1 ** (np.asarray(lengths) // 2)

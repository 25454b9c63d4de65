"""The notebook's baseline: one plain RNN that reverses a sequence in a single pass.

The notebook's "여기서 잠깐" note describes it: a simple RNN of the same size as
the seq2seq's halves (:class:`~seq2seq_core.model.RNN`, 12 → D → 12) reads the
digits and ``<END>`` (no ``<START>``) and its output at step ``t`` is scored
against the target ``y[t]``, the reversed digits then ``<END>``. At step ``t`` it
has read only the first ``t + 1`` digits, yet it must already say digit
``T - 2 - t`` of the input: for the first ``⌊L/2⌋`` outputs of a length-``L``
sequence the answer has not been read yet, and guessing gets a tenth of them
right (:func:`one_pass_exact_match_ceiling`).

The readable formulation is the notebook's ``RNN.__call__``; the fast path here
(:func:`baseline_logits`) is the fused :class:`~seq2seq_core.recurrence.EncoderRecurrence`
with all its states, then one readout, and gives the same scores and gradients
(``tests/test_baseline.py``). Train and ship it with the same Trainer and
checkpoint code as the seq2seq model::

    python -m seq2seq_core train --model baseline --out seq2seq_core/pretrained/baseline_rnn.npz

(the notebook's budget: 10 000 iterations, batch 100, lengths 1–20, Adam lr 1e-3, seed 0).
"""
import mygrad as mg
import numpy as np

from .data import encode_digits
from .recurrence import EncoderRecurrence, encode_forward, sequence_cross_entropy

__all__ = ["baseline_logits", "baseline_loss", "predict_baseline_tokens", "one_pass_exact_match_ceiling"]


def baseline_logits(model, x, workspace=None):
    """The scores of a plain RNN at every step, as a MyGrad graph.

    Parameters
    ----------
    model : RNN
        The notebook's :class:`~seq2seq_core.model.RNN`, 12 → D → 12.
    x : ndarray, shape-(T, N, C)
        One-hot inputs: the digits, then ``<END>``.
    workspace : Workspace, optional
        Reused scratch arrays; the result is then valid until the next call with
        the same workspace.

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
    """Mean softmax cross-entropy of the plain RNN's scores against ``targets``.

    Parameters
    ----------
    model : RNN
    x : ndarray, shape-(T, N, C)
        One-hot inputs.
    targets : ndarray of int, shape-(T, N)
        The reversed digits, then ``<END>``.
    workspace : Workspace, optional

    Returns
    -------
    loss : Tensor, shape-()
    logits : Tensor, shape-(T, N, K)
    """
    logits = baseline_logits(model, x, workspace)
    return sequence_cross_entropy(logits, targets, workspace), logits


def predict_baseline_tokens(model, digits):
    """The tokens a plain RNN outputs for digit sequences (no gradients).

    Parameters
    ----------
    model : RNN
    digits : array_like of int, shape-(L, N)

    Returns
    -------
    ndarray of int, shape-(L+1, N)
        The argmax at every step; a perfect model gives the digits reversed, then 11.
    """
    x, _ = encode_digits(digits)
    hidden = encode_forward(model.input_table(), model.fc_h2h.weight.data, x.argmax(axis=-1))
    return (hidden @ model.fc_h2y.weight.data + model.fc_h2y.bias.data).argmax(axis=-1)


def one_pass_exact_match_ceiling(lengths):
    """The best exact-match accuracy any one-pass model can reach on random digits.

    Output ``t`` of a length-``L`` sequence is input digit ``L-1-t``, read at step
    ``L-1-t``; it is unread at step ``t`` whenever ``t < (L-1)/2``, which holds
    for ``⌊L/2⌋`` outputs. Each of those is a uniform digit the model has not
    seen, right with probability 1/10 at best, independently.

    Parameters
    ----------
    lengths : array_like of int, shape-(L,)

    Returns
    -------
    ndarray, shape-(L,)
        ``0.1 ** (lengths // 2)``.
    """
    return 0.1 ** (np.asarray(lengths) // 2)

"""The attention model's fast path equals its plain MyGrad formulation: loss, scores, gradients."""
import mygrad as mg
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.attention import AttentionSeq2Seq
from seq2seq_core.attention_recurrence import (
    _softmax_rows,
    attention_logits,
    attention_loss,
    attention_trace,
    predict_attention_tokens,
)
from seq2seq_core.data import END, generate_batch
from seq2seq_core.recurrence import Workspace
from tests import gradient_check
from tests.gradient_check import as_dtype, reference_loss_and_gradients


def fast_loss_and_gradients(model, x, y, workspace=None):
    return gradient_check.fast_loss_and_gradients(attention_loss, model, x, y, workspace)


def assert_same(reference, fast, atol, rtol=0):
    """Equal up to rounding: float32 sums in another order differ by a few ulps of their size."""
    ref_loss, ref_logits, ref_grads = reference
    loss, logits, grads = fast
    assert loss == pytest.approx(ref_loss, abs=atol)
    np.testing.assert_allclose(logits, ref_logits, atol=atol, rtol=rtol)
    assert len(grads) == len(ref_grads) == 12
    for ref_grad, grad in zip(ref_grads, grads):
        assert (ref_grad is None) == (grad is None)
        if grad is not None:
            np.testing.assert_allclose(grad, ref_grad, atol=atol, rtol=rtol)


@pytest.mark.parametrize("dtype, atol", [(np.float32, 2e-6), (np.float64, 1e-12)])
@pytest.mark.parametrize("length", [1, 2, 5, 13, 20, 30])
def test_loss_and_every_gradient_equal_the_plain_formulation(dtype, atol, length):
    rng = np.random.default_rng(length)
    model = as_dtype(AttentionSeq2Seq(12, 50, 12, rng=rng), dtype)
    x, y, _ = generate_batch(length, length, 64, rng=rng)
    x = x.astype(dtype)
    reference = reference_loss_and_gradients(model, x, y)
    assert_same(reference, fast_loss_and_gradients(model, x, y), atol)
    # the encoder's output layer never reaches the loss: no gradient on either path
    assert reference[2][3] is None and reference[2][4] is None


@settings(max_examples=30, deadline=None)
@given(length=st.integers(1, 12), batch=st.integers(1, 9), hidden=st.integers(1, 20),
       dtype=st.sampled_from([np.float32, np.float64]), seed=st.integers(0, 10_000))
def test_gradients_equal_the_plain_formulation_for_any_shape(length, batch, hidden, dtype, seed):
    rng = np.random.default_rng(seed)
    model = as_dtype(AttentionSeq2Seq(12, hidden, 12, rng=rng), dtype)
    x, y, _ = generate_batch(length, length, batch, rng=rng)
    x = x.astype(dtype)
    reference = reference_loss_and_gradients(model, x, y)
    float32 = dtype is np.float32
    assert_same(reference, fast_loss_and_gradients(model, x, y), 1e-5 if float32 else 1e-11,
                rtol=1e-5 if float32 else 0)


def test_gradients_of_the_shipped_model_equal_the_plain_formulation():
    # Trained weights: sharp attention and real predictions fed back, not noise.
    from seq2seq_core.checkpoint import load_pretrained

    model = load_pretrained("attention").model
    x, y, _ = generate_batch(12, 12, 100, rng=np.random.default_rng(3))
    reference = reference_loss_and_gradients(model, x, y)
    assert_same(reference, fast_loss_and_gradients(model, x, y), 1e-5)


def test_a_reused_workspace_gives_the_same_results_as_fresh_arrays():
    rng = np.random.default_rng(0)
    model = AttentionSeq2Seq(12, 20, 12, rng=rng)
    workspace = Workspace()
    for length in (9, 3, 14, 3):  # grows, shrinks and grows again
        x, y, _ = generate_batch(length, length, 10, rng=rng)
        fresh = fast_loss_and_gradients(model, x, y)
        reused = fast_loss_and_gradients(model, x, y, workspace)
        assert fresh[0] == reused[0]
        np.testing.assert_array_equal(fresh[1], reused[1])
        for a, b in zip(fresh[2], reused[2]):
            assert (a is None and b is None) or np.array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(batch=st.integers(1, 8), positions=st.integers(1, 30),
       scale=st.sampled_from([1.0, 30.0, 300.0, 3000.0]), seed=st.integers(0, 10_000))
def test_the_softmax_over_positions_equals_mygrads_even_for_rows_far_apart(
        batch, positions, scale, seed):
    # scale 300 and more put some rows so far below the largest score that shifting by
    # the overall maximum underflows them: the row-by-row fallback must then take over
    scores = np.random.default_rng(seed).normal(size=(batch, positions)) * scale
    expected = mg.nnet.activations.softmax(scores, axis=1).data
    shifted, sums = np.empty_like(scores), np.empty((batch, 1))
    _softmax_rows(scores, shifted, sums, np.ones((positions, 1)), np.finfo(scores.dtype).tiny)
    np.testing.assert_allclose(scores, expected, atol=1e-12)
    np.testing.assert_allclose(scores.sum(axis=1), 1, atol=1e-12)


def test_forward_without_autodiff_equals_the_plain_formulation():
    rng = np.random.default_rng(0)
    model = AttentionSeq2Seq(12, 10, 12, rng=rng)
    x, _, _ = generate_batch(4, 4, 3, rng=rng)
    with mg.no_autodiff:
        fast = attention_logits(model, x)
    np.testing.assert_allclose(fast.data, model(x).data, atol=1e-6)


def test_the_trace_keeps_weights_that_sum_to_one_and_scores_whose_softmax_they_are():
    model = AttentionSeq2Seq(12, 16, 12, rng=np.random.default_rng(1))
    seen = attention_trace(model, [[3, 1], [1, 5], [4, 9]])  # two sequences of length 3
    assert seen.weights.shape == (4, 2, 4) and seen.contexts.shape == (4, 2, 16)
    np.testing.assert_allclose(seen.weights.sum(axis=-1), 1, atol=1e-6)
    for step in range(4):
        scores = seen.scores_at(model, step)
        np.testing.assert_allclose(mg.nnet.activations.softmax(scores, axis=1).data,
                                   seen.weights[step], atol=1e-6)
        np.testing.assert_allclose(np.einsum("ns,snd->nd", seen.weights[step],
                                             seen.encoder_hidden),
                                   seen.contexts[step], atol=1e-6)
    assert seen.encoder_inputs[-1].tolist() == [END, END]


def test_the_shipped_model_reverses_along_an_anti_diagonal_of_sharp_weights():
    # What the page shows: output step t (digit L-1-t) reads the state just after that
    # digit, position L-t (the state still holds the digit it read before), one step
    # further left at each output: an anti-diagonal, each weight close to 1.
    from seq2seq_core.checkpoint import load_pretrained

    model = load_pretrained("attention").model
    digits = [2, 4, 7, 1, 3, 9, 9, 0, 5, 8, 6, 1, 2, 3, 4]
    tokens = predict_attention_tokens(model, digits)
    assert tokens[:, 0].tolist() == digits[::-1] + [END]
    weights = attention_trace(model, digits).weights[:, 0]  # shape-(T, T)
    steps = len(digits) + 1
    assert weights.argmax(axis=1).tolist() == list(range(steps))[::-1]
    assert weights.max(axis=1).min() > 0.9

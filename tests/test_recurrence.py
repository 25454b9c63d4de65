"""The fast path equals the notebook's formulation: loss, scores and every gradient."""
import mygrad as mg
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mygrad.nnet.losses import softmax_crossentropy

from seq2seq_core.data import generate_batch
from seq2seq_core.model import Seq2Seq
from seq2seq_core.recurrence import (
    SequenceCrossEntropy,
    Workspace,
    seq2seq_logits,
    seq2seq_loss,
)
from tests import gradient_check
from tests.gradient_check import as_dtype, reference_loss_and_gradients


def fast_loss_and_gradients(model, x, y, workspace=None):
    return gradient_check.fast_loss_and_gradients(seq2seq_loss, model, x, y, workspace)


@pytest.mark.parametrize("dtype, atol", [(np.float32, 1e-6), (np.float64, 1e-12)])
@pytest.mark.parametrize("length", [1, 2, 5, 13, 20, 30])
def test_loss_and_every_gradient_equal_the_reference(dtype, atol, length):
    rng = np.random.default_rng(length)
    model = as_dtype(Seq2Seq(12, 50, 12, rng=rng), dtype)
    x, y, _ = generate_batch(length, length, 64, rng=rng)
    x = x.astype(dtype)
    ref_loss, ref_logits, ref_grads = reference_loss_and_gradients(model, x, y)
    loss, logits, grads = fast_loss_and_gradients(model, x, y)
    assert loss == pytest.approx(ref_loss, abs=atol)
    np.testing.assert_allclose(logits, ref_logits, atol=atol, rtol=0)
    for ref_grad, grad in zip(ref_grads, grads):
        # the encoder's output layer never reaches the loss: no gradient on either path
        assert (ref_grad is None) == (grad is None)
        if grad is not None:
            np.testing.assert_allclose(grad, ref_grad, atol=atol, rtol=0)
    assert ref_grads[3] is None and ref_grads[4] is None


def test_gradients_of_a_trained_model_equal_the_reference():
    # A model whose decoder's argmax feeds back real predictions, not noise.
    from seq2seq_core.checkpoint import load_pretrained

    model = load_pretrained().model
    x, y, _ = generate_batch(8, 8, 100, rng=np.random.default_rng(3))
    ref_loss, _, ref_grads = reference_loss_and_gradients(model, x, y)
    loss, _, grads = fast_loss_and_gradients(model, x, y)
    assert loss == pytest.approx(ref_loss, abs=1e-6)
    for ref_grad, grad in zip(ref_grads, grads):
        if grad is not None:
            np.testing.assert_allclose(grad, ref_grad, atol=1e-6, rtol=0)


def test_a_reused_workspace_gives_the_same_results_as_fresh_arrays():
    rng = np.random.default_rng(0)
    model = Seq2Seq(12, 20, 12, rng=rng)
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
@given(
    steps=st.integers(1, 6), batch=st.integers(1, 8), scale=st.sampled_from([1.0, 30.0, 300.0]),
    seed=st.integers(0, 10_000),
)
def test_sequence_cross_entropy_equals_mygrads(steps, batch, scale, seed):
    # scale 300 spreads rows far apart: the per-row fallback must then take over
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(steps, batch, 12)) * scale
    targets = rng.integers(0, 12, (steps, batch))
    expected = mg.tensor(scores.reshape(-1, 12))
    expected_loss = softmax_crossentropy(expected, targets.reshape(-1))
    expected_loss.backward()
    logits = mg.tensor(scores)
    loss = mg.execute_op(SequenceCrossEntropy, logits, op_kwargs={"targets": targets})
    loss.backward()
    assert loss.item() == pytest.approx(expected_loss.item(), rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(logits.grad.reshape(-1, 12), expected.grad, atol=1e-12)


def test_forward_without_autodiff_equals_the_reference():
    rng = np.random.default_rng(0)
    model = Seq2Seq(12, 10, 12, rng=rng)
    x, _, _ = generate_batch(4, 4, 3, rng=rng)
    with mg.no_autodiff:
        fast = seq2seq_logits(model, x)
    np.testing.assert_allclose(fast.data, model(x).data, atol=1e-6)

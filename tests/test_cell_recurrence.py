"""The tanh, GRU and LSTM fast path equals the plain formulation: loss, scores, every gradient."""
import copy

import mygrad as mg
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mygrad.nnet.losses import softmax_crossentropy
from mynn.optimizers.adam import Adam

from seq2seq_core.cell_recurrence import any_cell_loss, cell_logits
from seq2seq_core.data import generate_batch
from seq2seq_core.model import Seq2Seq
from seq2seq_core.recurrence import Workspace, seq2seq_loss
from seq2seq_core.train import Hyperparameters, Trainer
from tests import gradient_check
from tests.gradient_check import as_dtype, reference_loss_and_gradients

CELLS = ["tanh", "gru", "lstm"]


def fast_loss_and_gradients(model, x, y, workspace=None):
    return gradient_check.fast_loss_and_gradients(any_cell_loss, model, x, y, workspace)


def assert_same(reference, fast, atol, rtol=0):
    """Loss, scores and all ten parameters' gradients equal up to rounding."""
    ref_loss, ref_logits, ref_grads = reference
    loss, logits, grads = fast
    assert loss == pytest.approx(ref_loss, abs=atol)
    np.testing.assert_allclose(logits, ref_logits, atol=atol, rtol=rtol)
    assert len(grads) == len(ref_grads) == 10
    for ref_grad, grad in zip(ref_grads, grads):
        # the encoder's output layer never reaches the loss: no gradient on either path
        assert (ref_grad is None) == (grad is None)
        if grad is not None:
            np.testing.assert_allclose(grad, ref_grad, atol=atol, rtol=rtol)
    assert ref_grads[3] is None and ref_grads[4] is None


def model_and_batch(cell, hidden, length, batch, dtype, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    model = as_dtype(Seq2Seq(12, hidden, 12, rng=rng, cell=cell), dtype)
    for p in model.parameters:
        p.data *= scale
    x, y, _ = generate_batch(length, length, batch, rng=rng)
    return model, x.astype(dtype), y


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("dtype, atol", [(np.float32, 1e-6), (np.float64, 1e-12)])
@pytest.mark.parametrize("length", [1, 2, 7, 20, 30])
def test_loss_and_every_gradient_equal_the_plain_formulation(cell, dtype, atol, length):
    model, x, y = model_and_batch(cell, 50, length, 64, dtype, seed=length)
    assert_same(reference_loss_and_gradients(model, x, y), fast_loss_and_gradients(model, x, y),
                atol)


@settings(max_examples=40, deadline=None)
@given(cell=st.sampled_from(CELLS), length=st.integers(1, 12), batch=st.integers(1, 9),
       hidden=st.integers(1, 20), dtype=st.sampled_from([np.float32, np.float64]),
       seed=st.integers(0, 10_000))
def test_gradients_equal_the_plain_formulation_for_any_shape(cell, length, batch, hidden, dtype,
                                                              seed):
    model, x, y = model_and_batch(cell, hidden, length, batch, dtype, seed)
    float32 = dtype is np.float32
    assert_same(reference_loss_and_gradients(model, x, y), fast_loss_and_gradients(model, x, y),
                1e-5 if float32 else 1e-11, rtol=1e-5 if float32 else 0)


@pytest.mark.parametrize("cell", CELLS)
def test_gradients_with_saturated_gates_equal_the_plain_formulation(cell):
    # Weights four times too large: gates near 0 and 1, tanh near ±1, scores far apart.
    model, x, y = model_and_batch(cell, 30, 15, 50, np.float64, seed=7, scale=4.0)
    assert_same(reference_loss_and_gradients(model, x, y), fast_loss_and_gradients(model, x, y),
                1e-11)


@pytest.mark.parametrize("cell", CELLS)
def test_a_reused_workspace_gives_the_same_results_as_fresh_arrays(cell):
    rng = np.random.default_rng(0)
    model = Seq2Seq(12, 20, 12, rng=rng, cell=cell)
    workspace = Workspace()
    for length in (9, 3, 14, 3):  # grows, shrinks and grows again
        x, y, _ = generate_batch(length, length, 10, rng=rng)
        fresh = fast_loss_and_gradients(model, x, y)
        reused = fast_loss_and_gradients(model, x, y, workspace)
        assert fresh[0] == reused[0]
        np.testing.assert_array_equal(fresh[1], reused[1])
        for a, b in zip(fresh[2], reused[2]):
            assert (a is None and b is None) or np.array_equal(a, b)


@pytest.mark.parametrize("cell", CELLS)
def test_forward_without_autodiff_equals_the_plain_formulation(cell):
    rng = np.random.default_rng(0)
    model = Seq2Seq(12, 10, 12, rng=rng, cell=cell)
    x, _, _ = generate_batch(4, 4, 3, rng=rng)
    with mg.no_autodiff:
        fast = cell_logits(model, x)
    np.testing.assert_allclose(fast.data, model(x).data, atol=1e-6)


def test_the_notebooks_relu_keeps_its_own_fast_path():
    model = Seq2Seq(12, 16, 12, rng=np.random.default_rng(1))
    x, y, _ = generate_batch(1, 9, 20, rng=np.random.default_rng(1))
    loss, logits = any_cell_loss(model, x, y)
    expected_loss, expected_logits = seq2seq_loss(model, x, y)
    assert loss.item() == expected_loss.item()
    np.testing.assert_array_equal(logits.data, expected_logits.data)


@pytest.mark.parametrize("cell", CELLS)
def test_a_trainer_takes_the_notebooks_steps_on_the_cells_fast_path(cell):
    hp = Hyperparameters(hidden=12, batch_size=20, iterations=3, max_len=6, seed=4)
    model = Seq2Seq(12, 12, 12, rng=np.random.default_rng(4), cell=cell)
    plain = copy.deepcopy(model)
    trainer = Trainer(hp, model=model)
    trainer.step(3)
    # the notebook's loop on the plain formulation, on the Trainer's batches
    batch_rng = np.random.default_rng(np.random.SeedSequence(hp.seed).spawn(2)[1])
    optimizer = Adam(plain.parameters, learning_rate=hp.learning_rate)
    for iteration in range(3):
        x, y, _ = generate_batch(hp.min_len, hp.max_len, hp.batch_size, rng=batch_rng)
        logits = plain(x)
        loss = softmax_crossentropy(logits.reshape(-1, 12), y.reshape(-1))
        loss.backward()
        optimizer.step()
        assert trainer.history["loss"][iteration] == pytest.approx(loss.item(), abs=1e-6)
    for p, q in zip(trainer.model.parameters, plain.parameters, strict=True):
        np.testing.assert_allclose(p.data, q.data, atol=1e-5)

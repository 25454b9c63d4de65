"""The cell benchmark measures like with like: each cell's plain and fast loops train alike."""
import numpy as np
import pytest
from mynn.optimizers.adam import Adam

from benchmarks.cell_speed import plain_cell
from benchmarks.train_speed import notebook_iterations
from seq2seq_core.cell_recurrence import any_cell_loss
from seq2seq_core.data import generate_batch
from seq2seq_core.kinds import copy_model
from seq2seq_core.model import CELLS
from seq2seq_core.train import Hyperparameters


@pytest.mark.parametrize("cell", CELLS)
def test_a_plain_iteration_updates_the_weights_as_the_fast_path_does(cell):
    hp = Hyperparameters()
    plain_model, plain_optimizer = plain_cell(cell, hp)
    fast_model, initial = copy_model(plain_model), copy_model(plain_model)
    assert plain_model.cell == fast_model.cell == cell and plain_model.dim_recurrent == 50

    notebook_iterations(plain_model, plain_optimizer, np.random.default_rng(5), 1, hp)
    x, y, _ = generate_batch(hp.min_len, hp.max_len, hp.batch_size, rng=np.random.default_rng(5))
    loss, _ = any_cell_loss(fast_model, x, y)
    loss.backward()
    Adam(fast_model.parameters, learning_rate=hp.learning_rate).step()

    for plain, fast in zip(plain_model.parameters, fast_model.parameters, strict=True):
        assert plain.dtype == fast.dtype == np.float32
        np.testing.assert_allclose(plain.data, fast.data, atol=1e-5, rtol=0)
    # Adam's first step moves a weight by about lr = 1e-3: far more than the paths differ.
    step = max(np.abs(p.data - q.data).max()
               for p, q in zip(plain_model.parameters, initial.parameters))
    assert step > 5e-4

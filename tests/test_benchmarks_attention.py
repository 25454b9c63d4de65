"""The attention benchmarks measure what they claim: like with like, and the chart's crossing."""
import numpy as np
from mynn.optimizers.adam import Adam

from benchmarks.attention_learning import first_iteration
from benchmarks.attention_speed import plain_attention
from benchmarks.train_speed import notebook_iterations
from seq2seq_core.attention_recurrence import attention_loss
from seq2seq_core.curves import training_curves
from seq2seq_core.data import generate_batch
from seq2seq_core.kinds import copy_model
from seq2seq_core.train import Hyperparameters, Trainer


def test_a_plain_iteration_updates_the_weights_as_the_fast_path_does():
    hp = Hyperparameters()
    plain_model, plain_optimizer = plain_attention(hp)
    fast_model = copy_model(plain_model)
    initial = copy_model(plain_model)
    assert plain_model.dim_recurrent == Trainer(hp, kind="attention").model.dim_recurrent == 50

    notebook_iterations(plain_model, plain_optimizer, np.random.default_rng(5), 1, hp)
    x, y, _ = generate_batch(hp.min_len, hp.max_len, hp.batch_size, rng=np.random.default_rng(5))
    loss, _ = attention_loss(fast_model, x, y)
    loss.backward()
    Adam(fast_model.parameters, learning_rate=hp.learning_rate).step()

    for plain, fast in zip(plain_model.parameters, fast_model.parameters, strict=True):
        assert plain.dtype == fast.dtype == np.float32
        np.testing.assert_allclose(plain.data, fast.data, atol=1e-5, rtol=0)
    # Adam's first step moves a weight by about lr = 1e-3: far more than the paths differ.
    step = max(np.abs(p.data - q.data).max()
               for p, q in zip(plain_model.parameters, initial.parameters))
    assert step > 5e-4


def test_crossing_is_the_first_iteration_the_chart_curve_passes():
    history = {
        "loss": np.linspace(2.5, 0.0, 300),
        "token_accuracy": np.zeros(300),
        "sequence_accuracy": np.r_[np.zeros(100), np.ones(200)],
    }
    curves = training_curves(history, 1000, max_points=1000)  # window 10
    # The trailing mean of 10 reaches 0.9 once 9 of the last 10 values are 1: iteration 109.
    assert first_iteration(curves, "sequence_accuracy", lambda v: v >= 0.9) == 109
    assert first_iteration(curves, "token_accuracy", lambda v: v >= 0.9) is None

"""Hyperparameters and the Trainer: defaults, validation, reproducibility, chunks, divergence."""
import dataclasses

import numpy as np
import pytest

from seq2seq_core.train import (
    DIVERGENCE_LOSS,
    METRIC_NAMES,
    HyperparameterError,
    Hyperparameters,
    Status,
    Trainer,
)

SMALL = Hyperparameters(hidden=16, batch_size=20, iterations=60, max_len=6, seed=3)


def test_defaults_are_the_notebooks():
    assert Hyperparameters() == Hyperparameters(
        hidden=50, learning_rate=1e-3, batch_size=100, iterations=10_000, min_len=1, max_len=20,
        seed=0,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        Hyperparameters().hidden = 3


@pytest.mark.parametrize(
    "changes, field",
    [({"hidden": 0}, "hidden"), ({"hidden": 2.5}, "hidden"),
     ({"learning_rate": float("nan")}, "learning_rate"), ({"learning_rate": -1}, "learning_rate"),
     ({"batch_size": 0}, "batch_size"), ({"iterations": 0}, "iterations"),
     ({"min_len": 0}, "min_len"), ({"min_len": 8, "max_len": 4}, "max_len"), ({"seed": -1}, "seed"),
     ({"hidden": True}, "hidden"), ({"learning_rate": "0.1"}, "learning_rate")],
)
def test_bad_hyperparameters_name_the_field(changes, field):
    with pytest.raises(HyperparameterError) as info:
        Hyperparameters(**changes)
    assert info.value.field == field
    assert field in str(info.value)


def test_round_trip_through_a_dict_and_unknown_keys():
    assert Hyperparameters.from_dict(SMALL.to_dict()) == SMALL
    with pytest.raises(HyperparameterError):
        Hyperparameters.from_dict({"hidden": 4, "dropout": 0.5})


def test_same_seed_same_run_in_any_chunking():
    whole = Trainer(SMALL)
    whole.step(60)
    chunked = Trainer(SMALL)
    for k in (1, 7, 13, 100):
        chunked.step(k)
    for name in METRIC_NAMES:
        np.testing.assert_array_equal(whole.history[name], chunked.history[name])
    for p, q in zip(whole.model.parameters, chunked.model.parameters):
        np.testing.assert_array_equal(p.data, q.data)
    other = Trainer(dataclasses.replace(SMALL, seed=4))
    other.step(60)
    assert not np.array_equal(other.history["loss"], whole.history["loss"])


def test_status_history_and_step_results():
    trainer = Trainer(SMALL)
    assert trainer.status is Status.READY and trainer.iteration == 0
    assert all(len(v) == 0 for v in trainer.history.values())
    chunk = trainer.step(25)
    assert trainer.status is Status.RUNNING and trainer.iteration == 25
    assert set(chunk) == set(METRIC_NAMES) and all(len(v) == 25 for v in chunk.values())
    token_accuracy = trainer.history["token_accuracy"]
    assert np.all((token_accuracy >= 0) & (token_accuracy <= 1))
    assert np.all(trainer.history["sequence_accuracy"] <= token_accuracy)
    chunk = trainer.step(1000)  # stops at the run's end
    assert len(chunk["loss"]) == 35 and trainer.status is Status.FINISHED and trainer.done
    assert len(trainer.step(10)["loss"]) == 0 and trainer.iteration == 60
    assert trainer.iterations_per_second > 0


def test_time_budget_bounds_a_chunk_but_always_makes_progress():
    trainer = Trainer(Hyperparameters(hidden=16, batch_size=10, max_len=5, iterations=10_000))
    done = len(trainer.step(10_000, max_seconds=0.0)["loss"])
    assert done == 1


def test_training_learns_short_sequences():
    trainer = Trainer(Hyperparameters(iterations=600, max_len=3, seed=1))
    trainer.step(600)
    history = trainer.history
    assert history["loss"][-50:].mean() < 0.5 * history["loss"][:50].mean()
    assert history["sequence_accuracy"][-50:].mean() > 0.5


def test_divergence_stops_and_keeps_the_history():
    trainer = Trainer(Hyperparameters(hidden=256, learning_rate=0.1, iterations=2000, seed=0))
    trainer.step(2000)
    assert trainer.status is Status.DIVERGED and trainer.done
    assert 0 < trainer.iteration < 2000
    loss = trainer.history["loss"]
    assert len(loss) == trainer.iteration and np.all(np.isfinite(loss))
    assert np.all(loss < DIVERGENCE_LOSS)
    assert all(np.isfinite(p.data).all() for p in trainer.model.parameters)
    assert len(trainer.step(10)["loss"]) == 0, "a diverged run does not go on"


def test_a_non_finite_parameter_is_divergence():
    trainer = Trainer(SMALL)
    trainer.step(5)
    trainer.model.parameters[2].data[0, 0] = np.inf
    trainer.step(5)
    assert trainer.status is Status.DIVERGED and trainer.iteration == 5


def test_continues_training_a_given_model():
    first = Trainer(SMALL)
    first.step(60)
    second = Trainer(SMALL, model=first.model)
    assert second.model is first.model
    second.step(10)
    assert second.iteration == 10

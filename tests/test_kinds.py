"""Every registered model kind goes through the whole life the app gives a model."""
import numpy as np
import pytest

from seq2seq_core.checkpoint import checkpoint_bytes, load_checkpoint, load_pretrained
from seq2seq_core.comparison import evaluate_model
from seq2seq_core.kinds import MODEL_KINDS, copy_model, kind_of
from seq2seq_core.probes import probe_predictions, probe_sequences
from seq2seq_core.train import Hyperparameters, Status, Trainer

SMALL = Hyperparameters(hidden=8, batch_size=10, iterations=50, max_len=5, seed=4)


@pytest.mark.parametrize("name", MODEL_KINDS)
def test_each_kind_trains_saves_loads_copies_evaluates_and_traces(name):
    kind = MODEL_KINDS[name]
    trainer = Trainer(SMALL, kind=name)
    trainer.step(50)
    assert trainer.status == Status.FINISHED and kind_of(trainer.model) is kind
    assert np.isfinite(trainer.history["loss"]).all()

    loaded = load_checkpoint(checkpoint_bytes(trainer.model, SMALL, trainer.history))
    assert loaded.kind == name and loaded.hyperparameters == SMALL
    assert list(kind.parameter_shapes(8).values()) == [p.shape for p in loaded.model.parameters]
    for saved, read in zip(trainer.model.parameters, loaded.model.parameters):
        np.testing.assert_array_equal(saved.data, read.data)

    copy = copy_model(loaded.model)
    copy.parameters[0].data += 1  # the copy lives its own life
    assert kind_of(copy) is kind
    assert not np.array_equal(copy.parameters[0].data, loaded.model.parameters[0].data)

    evaluation = evaluate_model(loaded.model, 1, 6, samples=20)
    assert evaluation.lengths.tolist() == list(range(1, 7))
    assert ((0 <= evaluation.exact_match) & (evaluation.exact_match <= 1)).all()
    tokens = kind.predict(loaded.model, np.zeros((4, 3), dtype=int))
    assert tokens.shape == (5, 3)
    probes = probe_predictions(loaded.model, probe_sequences())
    assert [len(p.predictions) for p in probes] == [4, 9, 16, 21]

    if kind.trace is not None:
        seen = kind.trace(loaded.model, [3, 1, 4])
        assert seen.encoder_hidden.shape == seen.decoder_hidden.shape == (4, 1, 8)
        np.testing.assert_array_equal(seen.predictions, kind.predict(loaded.model, [[3], [1], [4]]))


@pytest.mark.parametrize("name", MODEL_KINDS)
def test_each_kind_ships_a_pretrained_model_of_its_kind(name):
    shipped = load_pretrained(name)
    assert shipped.kind == name
    assert len(shipped.history["loss"]) == shipped.hyperparameters.iterations


def test_an_object_of_no_registered_kind_is_refused_by_name():
    with pytest.raises(TypeError, match="dict"):
        kind_of({})


@pytest.mark.parametrize("cell, blocks", [("tanh", 1), ("gru", 3), ("lstm", 4)])
def test_each_cell_of_the_seq2seq_kind_trains_saves_loads_copies_predicts_and_traces(cell, blocks):
    kind = MODEL_KINDS["seq2seq"]
    trainer = Trainer(SMALL, cell=cell)
    trainer.step(50)
    assert trainer.status == Status.FINISHED and trainer.cell == trainer.model.cell == cell

    loaded = load_checkpoint(checkpoint_bytes(trainer.model, SMALL, trainer.history)).model
    assert loaded.cell == cell
    shapes = list(kind.parameter_shapes(8, cell).values())
    assert shapes == [p.shape for p in loaded.parameters]
    assert shapes[:3] == [(12, 8 * blocks), (1, 8 * blocks), (8, 8 * blocks)]

    copy = copy_model(loaded)
    assert copy.cell == cell
    for p, q in zip(copy.parameters, loaded.parameters, strict=True):
        assert np.array_equal(p.data, q.data) and p is not q

    # predictions and hidden states are the cell's, as its plain formulation computes them
    digits = np.random.default_rng(0).integers(0, 10, (6, 5))
    seen = kind.trace(loaded, digits)
    x = np.eye(12, dtype=np.float32)[seen.encoder_inputs]
    np.testing.assert_array_equal(kind.predict(loaded, digits), loaded(x).data.argmax(axis=-1))
    np.testing.assert_allclose(seen.encoder_hidden, loaded.encoder(x)[1].data, atol=1e-6)
    assert seen.encoder_hidden.shape == seen.decoder_hidden.shape == (7, 5, 8)
    evaluation = evaluate_model(loaded, 1, 6, samples=20)
    assert evaluation.lengths.tolist() == list(range(1, 7))


def test_a_kind_without_a_choice_of_cell_refuses_another():
    assert MODEL_KINDS["attention"].cells == MODEL_KINDS["baseline"].cells == ("relu",)
    with pytest.raises(ValueError, match="attention"):
        Trainer(SMALL, kind="attention", cell="gru")
    with pytest.raises(ValueError, match="baseline"):
        MODEL_KINDS["baseline"].parameter_shapes(8, "lstm")


def test_a_trainer_refuses_a_cell_its_model_does_not_have():
    gru = MODEL_KINDS["seq2seq"].build(8, rng=np.random.default_rng(0), cell="gru")
    assert Trainer(SMALL, model=gru, cell="gru").cell == "gru"
    with pytest.raises(ValueError, match="lstm"):
        Trainer(SMALL, model=gru, cell="lstm")

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

"""Hidden states over many random sequences: dead units and orders (seq2seq_core.probe_states)."""

import numpy as np
import pytest

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import VOCAB_SIZE
from seq2seq_core.model import Seq2Seq
from seq2seq_core.probe_states import probe_states
from seq2seq_core.trace import trace


def is_permutation(order, size):
    return sorted(order.tolist()) == list(range(size))


@pytest.fixture(scope="module")
def pretrained():
    return load_pretrained().model


def test_probe_states_shapes_and_dead_units(pretrained):
    probe = probe_states(pretrained, 1, 20, sequences=500, seed=0)
    D = pretrained.dim_recurrent
    assert probe.final_encoder.shape == (500, D)
    assert sorted(set(probe.lengths.tolist())) == list(range(1, 21))
    assert np.bincount(probe.lengths)[1:].tolist() == [25] * 20
    assert set(probe.first_digits.tolist()) <= set(range(10))
    assert [len(text.split()) for text in probe.sequences] == probe.lengths.tolist()
    assert [int(text[0]) for text in probe.sequences] == probe.first_digits.tolist()
    assert is_permutation(probe.encoder_similarity_order, D)
    assert is_permutation(probe.decoder_similarity_order, D)
    # A dead unit is zero in every state of every probe sequence.
    dead = np.flatnonzero(probe.dead_encoder_units)
    for length in (1, 7, 20):
        states = trace(
            pretrained, np.random.default_rng(length).integers(0, 10, (length, 30))
        ).encoder_hidden
        assert (states[..., dead] == 0).all()


def test_a_unit_that_can_never_open_is_counted_dead():
    model = Seq2Seq(VOCAB_SIZE, 6, VOCAB_SIZE, rng=np.random.default_rng(0))
    # Unit 2 of the encoder: negative input weights and bias, no recurrent input.
    model.encoder.fc_x2h.weight.data[:, 2] = -1
    model.encoder.fc_x2h.bias.data[:, 2] = -1
    model.encoder.fc_h2h.weight.data[:, 2] = 0
    probe = probe_states(model, 1, 5, sequences=50)
    assert probe.dead_encoder_units[2]
    dead_count = probe.dead_encoder_units.sum()
    assert 2 in probe.encoder_similarity_order[-dead_count:]  # never varies, so ordered last


def test_probe_states_rejects_impossible_ranges(pretrained):
    with pytest.raises(ValueError):
        probe_states(pretrained, 5, 3)
    with pytest.raises(ValueError):
        probe_states(pretrained, 1, 20, sequences=10)

"""The notebook's readable formulation (seq2seq_core.model)."""
import mygrad as mg
import numpy as np

from seq2seq_core import seq2seq
from seq2seq_core.data import START, generate_batch
from seq2seq_core.model import RNN, Seq2Seq, one_hot_encode_prediction


def test_notebook_check_cell_for_one_hot_encode_prediction():
    # The notebook's own test cell, unchanged.
    y_t = mg.random.randn(1, 4, 6)
    s_t1 = one_hot_encode_prediction(y_t)

    assert isinstance(s_t1, np.ndarray)  # check if s_t1 is numpy array
    assert issubclass(s_t1.dtype.type, np.float32)  # check if s_t1 is float array
    assert y_t.shape == s_t1.shape  # check if s_t1 has correct shape
    assert np.all(s_t1.sum(axis=-1) == np.ones((1, 4)))  # check if one-hot encoded
    # check if correct one-hot encodings
    assert np.all(np.argmax(y_t, axis=-1) == np.argmax(s_t1, axis=-1))


def test_ties_still_give_exactly_one_hot():
    s = one_hot_encode_prediction(np.zeros((1, 3, 5)))
    assert s.sum(axis=-1).tolist() == [[1, 1, 1]]


def test_rnn_shapes_and_relu():
    rnn = RNN(12, 7, 5, rng=np.random.default_rng(0))
    x, _, _ = generate_batch(4, 4, 3, rng=np.random.default_rng(0))
    y, h = rnn(x)
    assert y.shape == (5, 3, 5) and h.shape == (5, 3, 7)
    assert (h.data >= 0).all()
    assert [p.shape for p in rnn.parameters] == [(12, 7), (1, 7), (7, 7), (7, 5), (1, 5)]


def test_seq2seq_scores_and_greedy_feedback():
    model = Seq2Seq(12, 16, 12, rng=np.random.default_rng(1))
    x, _, _ = generate_batch(6, 6, 4, rng=np.random.default_rng(1))
    y = model(x)
    assert y.shape == (7, 4, 12)
    assert len(model.parameters) == 10 and model.dim_recurrent == 16
    # Re-run the decoder by hand: START first, then each argmax fed back.
    _, enc_h = model.encoder(x)
    h_t, s_t = enc_h[-1:], np.zeros((1, 4, 12), dtype=np.float32)
    s_t[..., START] = 1
    for t in range(7):
        y_t, h_t = model.decoder(s_t, h_t)
        np.testing.assert_allclose(y_t.data[0], y.data[t], rtol=1e-6)
        s_t = one_hot_encode_prediction(y_t)


def test_seeded_models_are_identical_and_notebook_alias():
    a = Seq2Seq(12, 8, 12, rng=np.random.default_rng(5))
    b = seq2seq(12, 8, 12, rng=np.random.default_rng(5))
    for p, q in zip(a.parameters, b.parameters):
        assert np.array_equal(p.data, q.data) and p.dtype == np.float32


def test_glorot_scale_matches_mygrad():
    rng = np.random.default_rng(0)
    weights = RNN(200, 200, 200, rng=rng).fc_h2h.weight.data
    np.testing.assert_allclose(weights.std(), np.sqrt(2 / 400), rtol=0.02)

"""The recurrent cells of the readable formulation (seq2seq_core.cells) and Seq2Seq's ``cell``."""
import numpy as np
import pytest

from seq2seq_core.cells import GRU, LSTM, TanhRNN
from seq2seq_core.data import START, generate_batch
from seq2seq_core.model import CELLS, RNN, Seq2Seq, one_hot_encode_prediction


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def numpy_step(cell, x_t, h, c=None):
    """The docstrings' equations, written again in NumPy: the state after one step."""
    W_x, b, W_h = (p.data.astype(np.float64) for p in cell.parameters[:3])
    D = cell.dim_recurrent
    x_terms, h_terms = x_t @ W_x + b, h @ W_h
    if isinstance(cell, TanhRNN):
        return (np.tanh(x_terms + h_terms),)
    if isinstance(cell, GRU):
        z = sigmoid(x_terms[..., :D] + h_terms[..., :D])
        r = sigmoid(x_terms[..., D:2 * D] + h_terms[..., D:2 * D])
        n = np.tanh(x_terms[..., 2 * D:] + r * h_terms[..., 2 * D:])
        return ((1 - z) * n + z * h,)
    a = x_terms + h_terms
    i, f, o = (sigmoid(a[..., k * D:(k + 1) * D]) for k in range(3))
    c = f * c + i * np.tanh(a[..., 3 * D:])
    return o * np.tanh(c), c


def test_a_model_without_a_cell_is_the_notebooks_relu_model():
    default = Seq2Seq(12, 16, 12, rng=np.random.default_rng(4))
    relu = Seq2Seq(12, 16, 12, rng=np.random.default_rng(4), cell="relu")
    # the notebook's construction: two ReLU RNNs drawn one after the other
    rng = np.random.default_rng(4)
    notebook = [RNN(12, 16, 12, rng=rng), RNN(12, 16, 12, rng=rng)]
    assert default.cell == "relu" and type(default.encoder) is RNN
    expected = notebook[0].parameters + notebook[1].parameters
    for p, q, r in zip(default.parameters, relu.parameters, expected, strict=True):
        assert np.array_equal(p.data, r.data) and np.array_equal(q.data, r.data)
    x, _, _ = generate_batch(1, 9, 8, rng=np.random.default_rng(4))
    assert np.array_equal(default(x).data, relu(x).data)


def test_an_unknown_cell_is_refused():
    with pytest.raises(ValueError, match="cell must be one of"):
        Seq2Seq(12, 8, 12, cell="rnn")


@pytest.mark.parametrize("cell, blocks", [("relu", 1), ("tanh", 1), ("gru", 3), ("lstm", 4)])
def test_every_cell_gives_the_notebooks_shapes(cell, blocks):
    model = Seq2Seq(12, 7, 12, rng=np.random.default_rng(0), cell=cell)
    x, _, _ = generate_batch(4, 4, 3, rng=np.random.default_rng(0))
    assert model(x).shape == (5, 3, 12) and model.dim_recurrent == 7
    assert [p.shape for p in model.encoder.parameters] == [
        (12, 7 * blocks), (1, 7 * blocks), (7, 7 * blocks), (7, 12), (1, 12)]
    _, h, *memory = model.encoder(x)
    assert h.shape == (5, 3, 7) and [c.shape for c in memory] == ([(5, 3, 7)] if cell == "lstm"
                                                                 else [])


@pytest.mark.parametrize("cell_class", [TanhRNN, GRU, LSTM])
def test_each_step_computes_its_documented_equations(cell_class):
    rng = np.random.default_rng(1)
    cell = cell_class(12, 5, 12, rng=rng)
    x_t = np.eye(12)[rng.integers(0, 12, 4)][np.newaxis]  # shape-(1, 4, 12)
    state = [rng.normal(size=(1, 4, 5)) for _ in range(cell.states)]
    for got, expected in zip(cell.step(x_t, *state), numpy_step(cell, x_t, *state), strict=True):
        np.testing.assert_allclose(got.data, expected, rtol=1e-5, atol=1e-6)


def test_the_tanh_cell_has_the_relu_cells_weights_and_bounded_states():
    relu = Seq2Seq(12, 8, 12, rng=np.random.default_rng(2))
    tanh = Seq2Seq(12, 8, 12, rng=np.random.default_rng(2), cell="tanh")
    for p, q in zip(relu.parameters, tanh.parameters, strict=True):
        assert np.array_equal(p.data, q.data)
    x, _, _ = generate_batch(10, 10, 6, rng=np.random.default_rng(2))
    _, h = tanh.encoder(x)
    assert (np.abs(h.data) < 1).all() and (h.data < 0).any()


def test_a_gru_whose_update_gate_is_shut_keeps_its_state():
    gru = GRU(12, 6, 12, rng=np.random.default_rng(3))
    gru.fc_x2h.bias.data[:, :6] = 50  # z ≈ 1: h_t = h_{t-1}
    x, _, _ = generate_batch(5, 5, 4, rng=np.random.default_rng(3))
    h0 = np.random.default_rng(3).normal(size=(1, 4, 6)).astype(np.float32)
    _, h = gru(x, h0)
    np.testing.assert_allclose(h.data, np.broadcast_to(h0, h.shape), atol=1e-6)


def test_an_lstm_that_forgets_nothing_and_writes_nothing_keeps_its_memory():
    lstm = LSTM(12, 6, 12, rng=np.random.default_rng(3))
    lstm.fc_x2h.bias.data[:, :6] = -50  # i ≈ 0: nothing written
    lstm.fc_x2h.bias.data[:, 6:12] = 50  # f ≈ 1: nothing forgotten
    x, _, _ = generate_batch(5, 5, 4, rng=np.random.default_rng(3))
    rng = np.random.default_rng(3)
    h0, c0 = (rng.normal(size=(1, 4, 6)).astype(np.float32) for _ in range(2))
    _, h, c = lstm(x, h0, c0)
    np.testing.assert_allclose(c.data, np.broadcast_to(c0, c.shape), atol=1e-6)
    assert (np.abs(h.data) <= np.tanh(np.abs(c0)) + 1e-6).all()  # h = o ⊙ tanh(c), |o| < 1


def test_the_lstm_decoder_starts_from_the_encoders_last_h_and_c():
    model = Seq2Seq(12, 8, 12, rng=np.random.default_rng(5), cell="lstm")
    x, _, _ = generate_batch(6, 6, 4, rng=np.random.default_rng(5))
    y = model(x)
    _, enc_h, enc_c = model.encoder(x)
    state, s_t = (enc_h[-1:], enc_c[-1:]), np.zeros((1, 4, 12), dtype=np.float32)
    s_t[..., START] = 1
    for t in range(7):
        y_t, *state = model.decoder(s_t, *state)
        np.testing.assert_allclose(y_t.data[0], y.data[t], rtol=1e-6)
        s_t = one_hot_encode_prediction(y_t)
    # without the encoder's memory the decoder would say something else
    start = np.eye(12, dtype=np.float32)[[START] * 4][np.newaxis]
    y_0, _, _ = model.decoder(start, enc_h[-1:], np.zeros((1, 4, 8), dtype=np.float32))
    assert not np.allclose(y_0.data[0], y.data[0])


def test_cells_are_named_once():
    assert list(CELLS) == ["relu", "tanh", "gru", "lstm"] and CELLS["relu"] is RNN

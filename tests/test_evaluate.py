"""Accuracy per length and per position (seq2seq_core.evaluate), on the shipped model."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import END
from seq2seq_core.evaluate import evaluate_lengths, wilson_interval


@pytest.fixture(scope="module")
def pretrained_evaluation():
    return evaluate_lengths(load_pretrained().model, 1, 30, samples=1000, seed=0)


def test_pretrained_model_reverses_lengths_1_to_10(pretrained_evaluation):
    exact = pretrained_evaluation.exact_match
    assert pretrained_evaluation.lengths.tolist() == list(range(1, 31))
    assert np.all(exact[:10] >= 0.97), exact[:10]


def test_accuracy_falls_beyond_the_training_range(pretrained_evaluation):
    exact, tokens = pretrained_evaluation.exact_match, pretrained_evaluation.token_accuracy
    assert exact[24:].max() < 0.05  # lengths 25–30 never seen in training
    assert np.all(tokens >= exact - 1e-12)  # a right sequence has all its tokens right
    assert tokens[0] > tokens[-1]


def test_counts_and_position_table_are_consistent(pretrained_evaluation):
    ev = pretrained_evaluation
    assert ev.samples == 1000
    np.testing.assert_array_equal(ev.token_counts, 1000 * (ev.lengths + 1))
    np.testing.assert_array_equal(ev.position_correct.sum(axis=1), ev.token_correct)
    table = ev.position_accuracy
    assert table.shape == (30, 31)
    for row, length in enumerate(ev.lengths):
        assert np.all(np.isfinite(table[row, : length + 1]))
        assert np.all(np.isnan(table[row, length + 1 :]))


class Oracle:
    """Reverses perfectly, but gets the first output wrong on purpose."""

    @staticmethod
    def predict(model, digits):
        out = np.concatenate([digits[::-1], np.full((1, digits.shape[1]), END)])
        out[0] = (out[0] + 1) % 10
        return out


def test_any_predictor_can_be_evaluated():
    ev = evaluate_lengths(None, 2, 4, samples=50, predict=Oracle.predict)
    assert ev.exact_match.tolist() == [0, 0, 0]
    np.testing.assert_allclose(ev.token_accuracy, [2 / 3, 3 / 4, 4 / 5])
    assert ev.position_accuracy[:, 0].tolist() == [0, 0, 0]
    assert ev.to_dict()["lengths"] == [2, 3, 4]


def test_same_seed_same_test_set():
    model = load_pretrained().model
    a = evaluate_lengths(model, 9, 12, samples=200, seed=5)
    b = evaluate_lengths(model, 9, 12, samples=200, seed=5)
    np.testing.assert_array_equal(a.exact_correct, b.exact_correct)


@pytest.mark.parametrize("args", [(0, 5, 10), (6, 5, 10), (1, 5, 0), (1.5, 5, 10)])
def test_bad_ranges_raise(args):
    with pytest.raises(ValueError):
        evaluate_lengths(None, *args, predict=Oracle.predict)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_contains_the_estimate(counts):
    successes, trials = counts
    low, high = wilson_interval(successes, trials)
    assert 0 <= low <= successes / trials <= high <= 1


def test_wilson_interval_known_value():
    low, high = wilson_interval(np.array([50]), np.array([100]))
    np.testing.assert_allclose([low[0], high[0]], [0.4038, 0.5962], atol=1e-4)

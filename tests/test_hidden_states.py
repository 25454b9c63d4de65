"""Unit orderings, dead units, PCA, one-digit edits and step summaries (seq2seq_core.hidden_states)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import END, START, VOCAB_SIZE
from seq2seq_core.hidden_states import (
    change_digit,
    explained_by_groups,
    is_pretrained,
    model_fingerprint,
    order_by_peak_time,
    order_by_similarity,
    principal_components,
    probe_states,
    step_summary,
)
from seq2seq_core.model import Seq2Seq
from seq2seq_core.trace import trace

activations = arrays(
    np.float64,
    st.tuples(st.integers(1, 12), st.integers(1, 9)),
    elements=st.floats(0, 5, allow_nan=False, width=32),
)


def is_permutation(order, size):
    return sorted(order.tolist()) == list(range(size))


@pytest.fixture(scope="module")
def pretrained():
    return load_pretrained().model


@given(activations)
def test_peak_time_order_is_a_permutation_with_peaks_ascending(hidden):
    order = order_by_peak_time(hidden)
    assert is_permutation(order, hidden.shape[1])
    active = [unit for unit in order if hidden[:, unit].max() > 0]
    assert order[: len(active)].tolist() == active  # silent units come last
    peak_times = hidden.argmax(axis=0)[active]
    assert (np.diff(peak_times) >= 0).all()


def test_peak_time_order_puts_marked_units_last():
    hidden = np.array(
        [[0.0, 1.0, 0.0], [2.0, 0.0, 3.0]]
    )  # unit 1 peaks at t=0, units 0 and 2 at t=1
    assert order_by_peak_time(hidden).tolist() == [1, 2, 0]  # tie at t=1: larger peak first
    assert order_by_peak_time(hidden, last=np.array([False, True, False])).tolist() == [2, 0, 1]


@given(activations)
def test_similarity_order_is_a_permutation_with_constant_units_last(rows):
    order = order_by_similarity(rows)
    assert is_permutation(order, rows.shape[1])
    constant = np.flatnonzero(np.ptp(rows, axis=0) == 0)
    assert set(order[len(order) - len(constant) :].tolist()) == set(constant.tolist())


def test_similarity_order_keeps_units_that_fire_together_next_to_each_other():
    rng = np.random.default_rng(0)
    early, late = rng.random(200), rng.random(200)
    # Units 0, 2, 4 follow one signal, units 1, 3 another.
    rows = np.stack([early, late, early * 2, late * 3, early + 0.01 * rng.random(200)], axis=1)
    order = order_by_similarity(rows).tolist()
    groups = ["a" if unit in (0, 2, 4) else "b" for unit in order]
    assert groups in (["a"] * 3 + ["b"] * 2, ["b"] * 2 + ["a"] * 3)


@settings(deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 30), st.integers(2, 8)),
        elements=st.floats(-10, 10, allow_nan=False, width=32),
    )
)
def test_pca_shapes_and_explained_variance(points):
    pca = principal_components(points)
    projected, explained = pca.project(points), pca.explained
    assert projected.shape == (len(points), 2)
    assert explained.shape == (2,)
    assert (explained >= 0).all() and explained.sum() <= 1 + 1e-9
    assert explained[0] >= explained[1] - 1e-12
    np.testing.assert_allclose(projected.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(
        pca.directions @ pca.directions.T, np.eye(len(pca.directions)), atol=1e-9
    )


def test_pca_of_one_dimensional_states_still_gives_two_coordinates():
    points = np.arange(6.0).reshape(6, 1)  # a model with D = 1
    pca = principal_components(points)
    projected = pca.project(points)
    assert projected.shape == (6, 2)
    np.testing.assert_allclose(projected[:, 0], points[:, 0] - 2.5)
    assert (projected[:, 1] == 0).all() and pca.explained.tolist() == [1.0, 0.0]


def test_pca_finds_the_direction_of_largest_spread():
    rng = np.random.default_rng(1)
    along = rng.normal(size=300)
    points = np.stack([along * 10, rng.normal(size=300) * 0.1, rng.normal(size=300) * 0.1], axis=1)
    pca = principal_components(points)
    projected = pca.project(points)
    assert pca.explained[0] > 0.99
    # The sign is fixed by the largest loading (here +10 on the first axis).
    assert np.corrcoef(projected[:, 0], along)[0, 1] > 0.9999


@given(activations, st.integers(1, 4))
def test_explained_by_groups_is_a_fraction(points, groups):
    labels = np.arange(len(points)) % groups
    assert 0 <= explained_by_groups(points, labels) <= 1 + 1e-9


def test_explained_by_groups_tells_separated_groups_from_mixed_ones():
    rng = np.random.default_rng(2)
    labels = np.repeat([0, 1], 100)
    separated = rng.normal(size=(200, 2)) * 0.1 + labels[:, None] * 10
    assert explained_by_groups(separated, labels) > 0.99
    assert explained_by_groups(rng.normal(size=(200, 2)), labels) < 0.05
    assert explained_by_groups(np.ones((5, 2)), np.arange(5)) == 0.0


def test_change_digit_changes_exactly_one_digit_and_leaves_the_input_alone():
    digits = np.array([3, 1, 4])
    changed = change_digit(digits, 1, 7)
    assert changed.tolist() == [3, 7, 4]
    assert digits.tolist() == [3, 1, 4]
    with pytest.raises(ValueError):
        change_digit(digits, 3, 0)
    with pytest.raises(ValueError):
        change_digit(digits, 0, 10)


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


def test_pretrained_is_recognised_and_one_changed_weight_is_not(pretrained):
    assert is_pretrained(pretrained)
    changed = load_pretrained().model
    changed.decoder.fc_h2y.bias.data[0, 0] += 1e-3
    assert not is_pretrained(changed)
    assert model_fingerprint(changed) != model_fingerprint(pretrained)
    assert model_fingerprint(load_pretrained().model) == model_fingerprint(pretrained)


def test_step_summary_reports_the_real_numbers_of_a_step(pretrained):
    digits = [3, 1, 4, 1, 5]
    tr = trace(pretrained, digits)
    first = step_summary(tr, 1)
    assert first.input_token == START
    assert first.target == 5 and first.source_step == 5  # reversed: the last digit first
    assert first.chosen == tr.predictions[0, 0] == first.top_tokens[0]
    np.testing.assert_allclose(first.top_probabilities, np.sort(tr.probabilities[0, 0])[::-1][:3])
    assert first.correct == (tr.predictions[0, 0] == 5)
    last = step_summary(tr, 6)
    assert last.target == END and last.source_step == 6  # the <END> read last
    assert last.input_token == tr.predictions[4, 0]  # greedy: the previous choice is read back
    with pytest.raises(ValueError):
        step_summary(tr, 7)

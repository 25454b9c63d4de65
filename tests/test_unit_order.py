"""Orders of hidden units: by peak time, by similarity (seq2seq_core.unit_order)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from seq2seq_core.unit_order import order_by_peak_time, order_by_similarity

activations = arrays(
    np.float64,
    st.tuples(st.integers(1, 12), st.integers(1, 9)),
    elements=st.floats(0, 5, allow_nan=False, width=32),
)


def is_permutation(order, size):
    return sorted(order.tolist()) == list(range(size))


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

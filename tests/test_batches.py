"""The batch-generation core: seeded batches, the call students see, lengths over many batches."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seq2seq_core.batches import (
    LengthRangeError,
    batch_call,
    check_length_range,
    sample_lengths,
    seeded_batch,
)
from seq2seq_core.data import END, generate_batch


@given(
    seq_len_min=st.integers(1, 30),
    extra=st.integers(0, 10),
    batch_size=st.integers(1, 50),
    seed=st.integers(0, 999),
)
def test_seeded_batch_has_the_notebook_shapes_and_repeats(seq_len_min, extra, batch_size, seed):
    seq_len_max = seq_len_min + extra
    x, y, digits = seeded_batch(seq_len_min, seq_len_max, batch_size, seed)
    T = x.shape[0]
    assert x.shape == (T, batch_size, 12) and y.shape == (T, batch_size)
    assert digits.shape == (T - 1, batch_size)
    assert seq_len_min <= T - 1 <= seq_len_max
    assert (y[:-1] == digits[::-1]).all() and (y[-1] == END).all()
    again = seeded_batch(seq_len_min, seq_len_max, batch_size, seed)
    assert all(np.array_equal(a, b) for a, b in zip((x, y, digits), again))


def test_the_call_shown_makes_the_same_batch():
    call = batch_call(2, 9, 4, 17)
    namespace = {"generate_batch": generate_batch, "np": np}
    exec(call, namespace)
    for name, array in zip(("x", "y", "digits"), seeded_batch(2, 9, 4, 17)):
        assert np.array_equal(namespace[name], array)


@pytest.mark.parametrize("function", [lambda: seeded_batch(5, 4, 3, 0),
                                      lambda: sample_lengths(5, 4, 10, 0)])
def test_min_above_max_is_refused_with_a_reason(function):
    with pytest.raises(LengthRangeError) as raised:
        function()
    assert raised.value.reason == "min_above_max"


def test_equal_bounds_are_allowed():
    check_length_range(3, 3)
    assert set(sample_lengths(3, 3, 20, 0)) == {3}


def test_lengths_over_many_batches_cover_the_range_about_evenly():
    lengths = sample_lengths(1, 20, 4000, seed=0)
    assert lengths.shape == (4000,)
    counts = np.bincount(lengths, minlength=21)[1:]
    assert counts.min() > 0.7 * 200 and counts.max() < 1.3 * 200

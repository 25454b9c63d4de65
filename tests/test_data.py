"""Batches and typed sequences: shapes, semantics and errors (seq2seq_core.data)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.data import (
    END,
    MAX_TYPED_LENGTH,
    VOCAB_SIZE,
    SequenceInputError,
    change_digit,
    encode_digits,
    generate_batch,
    parse_sequence,
)


@settings(max_examples=60, deadline=None)
@given(
    seq_len_min=st.integers(1, 25),
    extra=st.integers(0, 10),
    batch_size=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_batch_shapes_and_semantics(seq_len_min, extra, batch_size, seed):
    x, y, digits = generate_batch(seq_len_min, seq_len_min + extra, batch_size,
                                  rng=np.random.default_rng(seed))
    T = x.shape[0]
    assert seq_len_min + 1 <= T <= seq_len_min + extra + 1
    assert x.shape == (T, batch_size, VOCAB_SIZE) and x.dtype == np.float32
    assert y.shape == (T, batch_size) and digits.shape == (T - 1, batch_size)
    assert np.all(x.sum(axis=-1) == 1), "every step is one-hot"
    assert np.array_equal(x[:-1].argmax(axis=-1), digits)
    assert np.all(x[-1, :, END] == 1)
    assert np.array_equal(y[:-1], digits[::-1]) and np.all(y[-1] == END)
    assert digits.min() >= 0 and digits.max() <= 9


def test_batch_is_reproducible_with_a_seed():
    first = generate_batch(rng=np.random.default_rng(7))
    second = generate_batch(rng=np.random.default_rng(7))
    for a, b in zip(first, second):
        assert np.array_equal(a, b)


def test_lengths_cover_the_range_uniformly():
    rng = np.random.default_rng(0)
    lengths = [generate_batch(1, 20, 1, rng=rng)[2].shape[0] for _ in range(4000)]
    counts = np.bincount(lengths, minlength=21)[1:]
    assert counts.min() > 140 and counts.max() < 270  # 200 expected each


def test_notebook_example_layout():
    x, y = encode_digits(np.array([[6, 3], [0, 6]]))
    assert y.tolist() == [[0, 6], [6, 3], [11, 11]]
    assert x[0, 0, 6] == 1 and x[0, 1, 3] == 1 and x[2, :, 11].tolist() == [1, 1]


def test_global_generator_when_no_rng_is_given():
    np.random.seed(3)
    first = generate_batch(2, 5, 4)
    np.random.seed(3)
    second = generate_batch(2, 5, 4)
    assert np.array_equal(first[2], second[2])


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"seq_len_min": 0}, "seq_len_min"),
        ({"seq_len_min": 5, "seq_len_max": 4}, "seq_len_max"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 2.5}, "batch_size"),
        ({"seq_len_max": "20"}, "seq_len_max"),
        ({"seq_len_min": True}, "seq_len_min"),
    ],
)
def test_bad_arguments_name_the_argument_and_range(kwargs, name):
    with pytest.raises(ValueError, match=rf"{name} must be an integer in \["):
        generate_batch(**kwargs)


@pytest.mark.parametrize(
    "text, digits",
    [("31415", [3, 1, 4, 1, 5]), ("3 1 4 1 5", [3, 1, 4, 1, 5]), ("3,1,4,1,5", [3, 1, 4, 1, 5]),
     (" 0 ,9;8\t7 ", [0, 9, 8, 7]), ("7", [7])],
)
def test_parse_accepts_digits_with_or_without_separators(text, digits):
    assert parse_sequence(text).tolist() == digits


@pytest.mark.parametrize(
    "text, reason",
    [("", "empty"), ("   ", "empty"), (" , ", "empty"), ("3 x 4", "invalid"), ("-3 1", "invalid"),
     ("3.5", "invalid"), ("３１", "invalid"), ("1" * (MAX_TYPED_LENGTH + 1), "too_long"),
     (None, "empty")],
)
def test_parse_rejects_bad_input_with_a_reason(text, reason):
    with pytest.raises(SequenceInputError) as info:
        parse_sequence(text)
    assert info.value.reason == reason


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=MAX_TYPED_LENGTH),
       st.sampled_from([" ", ",", ", ", ""]))
def test_parse_round_trips_any_separator(digits, separator):
    assert parse_sequence(separator.join(map(str, digits))).tolist() == digits


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=MAX_TYPED_LENGTH),
       st.characters(categories=["Nd", "No"]).filter(lambda c: c.isdigit() and not c.isascii()),
       st.data())
def test_parse_takes_only_the_digits_0_to_9(digits, other_digit, data):
    # The typed-sequence boxes and ?seq= in a link both go through parse_sequence:
    # one digit of another script ('３', '٣') or a superscript ('²') makes it invalid.
    text = "".join(map(str, digits))
    at = data.draw(st.integers(0, len(text) - 1), label="position")
    with pytest.raises(SequenceInputError) as info:
        parse_sequence(text[:at] + other_digit + text[at + 1:])
    assert info.value.reason == "invalid"


def test_change_digit_changes_exactly_one_digit_and_leaves_the_input_alone():
    digits = np.array([3, 1, 4])
    changed = change_digit(digits, 1, 7)
    assert changed.tolist() == [3, 7, 4]
    assert digits.tolist() == [3, 1, 4]
    with pytest.raises(ValueError):
        change_digit(digits, 3, 0)
    with pytest.raises(ValueError):
        change_digit(digits, 0, 10)

"""Vocabulary, batches of digit sequences, and digit sequences as people type them.

The vocabulary has 12 tokens: the digits 0–9, ``<START>`` = 10 and ``<END>`` = 11.
Batches are time-major, shape-(T, N, C), as in the notebook: ``x[t]`` is one
contiguous (N, C) block, which is what the RNN loop reads at step ``t``.
"""
import re
from numbers import Integral

import numpy as np

__all__ = [
    "START",
    "END",
    "VOCAB_SIZE",
    "TOKEN_LABELS",
    "MAX_TYPED_LENGTH",
    "SequenceInputError",
    "generate_batch",
    "encode_digits",
    "parse_sequence",
    "format_digits",
    "change_digit",
]

START = 10
END = 11
VOCAB_SIZE = 12
TOKEN_LABELS = tuple(str(d) for d in range(10)) + ("<START>", "<END>")
MAX_TYPED_LENGTH = 30


def _check_int(name, value, low, high=None):
    """Raise ``ValueError`` unless ``value`` is an integer in [low, high]."""
    allowed = f"[{low}, {high}]" if high is not None else f"[{low}, ∞)"
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be an integer in {allowed}, got {value!r}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{name} must be an integer in {allowed}, got {value}")


def encode_digits(digits):
    """One-hot encode digit sequences and build their reversed targets.

    Parameters
    ----------
    digits : array_like of int, shape-(T-1, N)

    Returns
    -------
    x : ndarray of float32, shape-(T, N, 12)
        The one-hot digits, then ``<END>``.
    y : ndarray of int64, shape-(T, N)
        As :func:`reversed_targets`.
    """
    digits = np.asarray(digits, dtype=np.int64)
    length, batch_size = digits.shape
    x = np.zeros((length + 1, batch_size, VOCAB_SIZE), dtype=np.float32)
    x[np.arange(length)[:, None], np.arange(batch_size), digits] = 1
    x[-1, :, END] = 1
    return x, reversed_targets(digits)


def reversed_targets(digits):
    """What a perfect model outputs: the digits, shape-(L, N), reversed along time, then ``<END>``.

    Returns
    -------
    ndarray of int64, shape-(L+1, N)
    """
    digits = np.asarray(digits, dtype=np.int64)
    return np.concatenate([digits[::-1], np.full((1, digits.shape[1]), END, dtype=np.int64)])


def generate_batch(seq_len_min=1, seq_len_max=20, batch_size=10, rng=None):
    """Generate a batch of random digit sequences, one-hot encoded, with targets.

    One length ``T-1`` is drawn uniformly from [seq_len_min, seq_len_max] for the
    whole batch, so that the batch is one dense array with no padding.

    Parameters
    ----------
    seq_len_min, seq_len_max : int, optional (default=1, 20)
        The range of lengths, without ``<START>``/``<END>``.
    batch_size : int, optional (default=10)
        Number of sequences ``N``.
    rng : numpy.random.Generator, optional
        Source of randomness; NumPy's global generator when omitted, as in the notebook.

    Returns
    -------
    x : ndarray of float32, shape-(T, N, 12)
        One-hot digits, then ``<END>``.
    y : ndarray of int64, shape-(T, N)
        The digits reversed, then ``<END>`` (11).
    digits : ndarray of int64, shape-(T-1, N)

    Raises
    ------
    ValueError
        If an argument is not an integer in its allowed range.
    """
    _check_int("seq_len_min", seq_len_min, 1)
    _check_int("seq_len_max", seq_len_max, seq_len_min)
    _check_int("batch_size", batch_size, 1)
    if rng is None:
        length = np.random.randint(seq_len_min, seq_len_max + 1)
        digits = np.random.randint(0, 10, (length, batch_size))
    else:
        length = int(rng.integers(seq_len_min, seq_len_max + 1))
        digits = rng.integers(0, 10, (length, batch_size))
    x, y = encode_digits(digits)
    return x, y, digits.astype(np.int64, copy=False)


class SequenceInputError(ValueError):
    """Typed digits that cannot be used; ``reason`` (:func:`parse_sequence`) keys the message."""

    def __init__(self, reason, text):
        self.reason = reason
        super().__init__(f"{reason}: {text[:40]!r}")


_SEPARATORS = re.compile(r"[\s,;]+")


def parse_sequence(text, max_length=MAX_TYPED_LENGTH):
    """Parse digits typed by a person: ``"31415"``, ``"3 1 4 1 5"`` or ``"3,1,4,1,5"``.

    Parameters
    ----------
    text : str
        Whitespace, commas and semicolons separate digits; digits may also be written together.
    max_length : int, optional (default=30)

    Returns
    -------
    ndarray of int64, shape-(L,)
        The digits, 1 ≤ L ≤ max_length.

    Raises
    ------
    SequenceInputError
        ``reason="empty"`` for no digits, ``"invalid"`` for anything but the digits
        0-9 and separators (letters, signs, decimals, other scripts' digits such as
        ``"３"`` or ``"٣"``), ``"too_long"`` for more than ``max_length`` digits.
    """
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped or not _SEPARATORS.sub("", stripped):
        raise SequenceInputError("empty", stripped)
    joined = _SEPARATORS.sub("", stripped)
    if not (joined.isascii() and joined.isdigit()):  # ASCII only, as numbers in a link
        raise SequenceInputError("invalid", stripped)
    if len(joined) > max_length:
        raise SequenceInputError("too_long", stripped)
    return np.frombuffer(joined.encode("ascii"), dtype=np.uint8).astype(np.int64) - ord("0")


def format_digits(digits):
    """Write digits out as :func:`parse_sequence` reads them: ``[3, 1, 4]`` → ``"3 1 4"``."""
    return " ".join(str(int(digit)) for digit in digits)


def change_digit(digits, position, digit):
    """A copy of ``digits``, shape-(L,), with the digit at ``position`` set to ``digit``.

    Returns
    -------
    ndarray of int64, shape-(L,)

    Raises
    ------
    ValueError
        For a position outside the sequence or a digit outside 0–9.
    """
    changed = np.array(digits, dtype=np.int64)
    if not 0 <= position < len(changed):
        raise ValueError(f"position must be in [0, {len(changed) - 1}], got {position}")
    if not 0 <= digit <= 9:
        raise ValueError(f"digit must be in [0, 9], got {digit}")
    changed[position] = digit
    return changed

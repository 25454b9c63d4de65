"""What the batch-generation page shows: a batch reproducible from a seed, the call that made it."""
import numpy as np

from .data import generate_batch

__all__ = ["LengthRangeError", "check_length_range", "seeded_batch", "batch_call", "sample_lengths"]


class LengthRangeError(ValueError):
    """A length range no batch can have; ``reason`` (``"min_above_max"``) keys the message."""

    def __init__(self, reason, seq_len_min, seq_len_max):
        self.reason = reason
        super().__init__(f"{reason}: seq_len_min={seq_len_min}, seq_len_max={seq_len_max}")


def check_length_range(seq_len_min, seq_len_max):
    """Raise :class:`LengthRangeError` unless ``seq_len_min <= seq_len_max``."""
    if seq_len_min > seq_len_max:
        raise LengthRangeError("min_above_max", seq_len_min, seq_len_max)


def seeded_batch(seq_len_min, seq_len_max, batch_size, seed):
    """:func:`~seq2seq_core.data.generate_batch` with a generator seeded by ``seed``.

    Returns
    -------
    x, y, digits
        As :func:`~seq2seq_core.data.generate_batch` returns them.

    Raises
    ------
    LengthRangeError
        If ``seq_len_min > seq_len_max``.
    """
    check_length_range(seq_len_min, seq_len_max)
    return generate_batch(seq_len_min, seq_len_max, batch_size, rng=np.random.default_rng(seed))


def batch_call(seq_len_min, seq_len_max, batch_size, seed):
    """The Python call that :func:`seeded_batch` makes, to show to a student."""
    return (
        f"x, y, digits = generate_batch(seq_len_min={seq_len_min}, seq_len_max={seq_len_max}, "
        f"batch_size={batch_size}, rng=np.random.default_rng({seed}))"
    )


def sample_lengths(seq_len_min, seq_len_max, n_batches, seed):
    """The length ``T-1`` of each of ``n_batches`` batches drawn with one generator from ``seed``.

    Returns
    -------
    ndarray of int64, shape-(n_batches,)

    Raises
    ------
    LengthRangeError
        If ``seq_len_min > seq_len_max``.
    """
    check_length_range(seq_len_min, seq_len_max)
    rng = np.random.default_rng(seed)
    return np.array(
        [generate_batch(seq_len_min, seq_len_max, 1, rng=rng)[2].shape[0]
         for _ in range(n_batches)],
        dtype=np.int64,
    )

"""What the batch-generation page shows: a seeded batch, the call that made it, its lengths.

Thin wrappers around :func:`seq2seq_core.data.generate_batch` that make a batch
reproducible from a seed (so a lecturer can share it) and check the settings a
person chose before any array is made.
"""
import numpy as np

from .data import generate_batch

__all__ = ["LengthRangeError", "check_length_range", "seeded_batch", "batch_call", "sample_lengths"]


class LengthRangeError(ValueError):
    """A length range that no batch can have.

    Attributes
    ----------
    reason : str
        ``"min_above_max"``: a key that the app turns into a message in the
        user's language.
    """

    def __init__(self, reason, seq_len_min, seq_len_max):
        self.reason = reason
        super().__init__(f"{reason}: seq_len_min={seq_len_min}, seq_len_max={seq_len_max}")


def check_length_range(seq_len_min, seq_len_max):
    """Raise :class:`LengthRangeError` unless ``seq_len_min <= seq_len_max``."""
    if seq_len_min > seq_len_max:
        raise LengthRangeError("min_above_max", seq_len_min, seq_len_max)


def seeded_batch(seq_len_min, seq_len_max, batch_size, seed):
    """Generate the batch that :func:`batch_call` writes out, reproducibly.

    Parameters
    ----------
    seq_len_min, seq_len_max : int
        The range the one length ``T-1`` of the batch is drawn from.
    batch_size : int
        Number of sequences ``N``.
    seed : int
        Seed of the ``numpy.random.Generator`` that draws the length and digits.

    Returns
    -------
    x : ndarray, shape-(T, N, 12), dtype float32
    y : ndarray, shape-(T, N), dtype int64
    digits : ndarray, shape-(T-1, N), dtype int64
        As returned by :func:`~seq2seq_core.data.generate_batch`.

    Raises
    ------
    LengthRangeError
        If ``seq_len_min > seq_len_max``.
    """
    check_length_range(seq_len_min, seq_len_max)
    return generate_batch(seq_len_min, seq_len_max, batch_size, rng=np.random.default_rng(seed))


def batch_call(seq_len_min, seq_len_max, batch_size, seed):
    """Return the Python call that :func:`seeded_batch` makes, to show to a student."""
    return (
        f"x, y, digits = generate_batch(seq_len_min={seq_len_min}, seq_len_max={seq_len_max}, "
        f"batch_size={batch_size}, rng=np.random.default_rng({seed}))"
    )


def sample_lengths(seq_len_min, seq_len_max, n_batches, seed):
    """Draw ``n_batches`` batches and return the length ``T-1`` of each.

    Parameters
    ----------
    seq_len_min, seq_len_max : int
        The length range passed to :func:`~seq2seq_core.data.generate_batch`.
    n_batches : int
        How many batches to draw.
    seed : int
        Seed of the generator shared by all the draws.

    Returns
    -------
    ndarray, shape-(n_batches,), dtype int64
        The length of the digit sequences in each batch.

    Raises
    ------
    LengthRangeError
        If ``seq_len_min > seq_len_max``.
    """
    check_length_range(seq_len_min, seq_len_max)
    rng = np.random.default_rng(seed)
    return np.array(
        [generate_batch(seq_len_min, seq_len_max, 1, rng=rng)[2].shape[0] for _ in range(n_batches)],
        dtype=np.int64,
    )

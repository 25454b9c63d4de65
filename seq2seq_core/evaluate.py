"""Accuracy by sequence length and by output position, with counts for confidence intervals."""
import dataclasses

import numpy as np

from .blas import use_one_blas_thread
from .data import reversed_targets
from .trace import predict_tokens

__all__ = ["LengthEvaluation", "evaluate_lengths", "wilson_interval"]


@dataclasses.dataclass(frozen=True)
class LengthEvaluation:
    """A model's accuracy on ``samples`` random sequences of each length.

    Attributes
    ----------
    lengths : ndarray of int, shape-(L,)
        The evaluated lengths (digits, without ``<END>``).
    samples : int
        Sequences per length.
    exact_correct : ndarray of int, shape-(L,)
        Sequences whose every output token (``<END>`` included) was right.
    token_correct : ndarray of int, shape-(L,)
        Right output tokens, of :attr:`token_counts`.
    position_correct : ndarray of int, shape-(L, P)
        Right tokens at each output position (P = longest length + 1); zero where a
        position does not exist for that length.
    """

    lengths: np.ndarray
    samples: int
    exact_correct: np.ndarray
    token_correct: np.ndarray
    position_correct: np.ndarray

    @property
    def exact_match(self):
        """ndarray, shape-(L,): fraction of sequences reversed exactly."""
        return self.exact_correct / self.samples

    @property
    def token_counts(self):
        """ndarray of int, shape-(L,): output tokens per length, ``samples * (length + 1)``."""
        return self.samples * (self.lengths + 1)

    @property
    def token_accuracy(self):
        """ndarray, shape-(L,): fraction of right output tokens."""
        return self.token_correct / self.token_counts

    @property
    def position_accuracy(self):
        """ndarray, shape-(L, P): accuracy by length and output position; NaN past the end."""
        positions = np.arange(self.position_correct.shape[1])
        exists = positions[np.newaxis, :] <= self.lengths[:, np.newaxis]
        return np.where(exists, self.position_correct / self.samples, np.nan)

    def to_dict(self):
        """dict: per-length lists of exact match and token accuracy, the CLI's ``--json`` layout."""
        return {
            "lengths": self.lengths.tolist(),
            "exact_match": self.exact_match.tolist(),
            "token_accuracy": self.token_accuracy.tolist(),
        }


def evaluate_lengths(model, min_len=1, max_len=30, samples=1000, seed=0, predict=predict_tokens):
    """Evaluate a model on ``samples`` random sequences of every length in [min_len, max_len].

    Parameters
    ----------
    model : object
        Passed to ``predict``.
    min_len, max_len : int
        The lengths, inclusive; they may go beyond the training range.
    samples : int
        Sequences per length.
    seed : int
        Seeds the sequences: same seed, same test set for every model.
    predict : Callable[[object, ndarray], ndarray]
        ``predict(model, digits)``, digits shape-(L, N) → shape-(L+1, N); seq2seq's by default.

    Returns
    -------
    LengthEvaluation
    """
    if not (isinstance(min_len, (int, np.integer)) and isinstance(max_len, (int, np.integer))
            and 1 <= min_len <= max_len):
        raise ValueError(f"need integers 1 ≤ min_len ≤ max_len, got {min_len!r}, {max_len!r}")
    if not isinstance(samples, (int, np.integer)) or samples < 1:
        raise ValueError(f"samples must be an integer ≥ 1, got {samples!r}")
    lengths = np.arange(min_len, max_len + 1)
    exact_correct = np.zeros(len(lengths), dtype=np.int64)
    token_correct = np.zeros(len(lengths), dtype=np.int64)
    position_correct = np.zeros((len(lengths), max_len + 1), dtype=np.int64)
    rng = np.random.default_rng(seed)
    use_one_blas_thread()
    for row, length in enumerate(lengths):
        digits = rng.integers(0, 10, (length, samples))
        targets = reversed_targets(digits)
        correct = predict(model, digits) == targets  # shape-(length+1, samples)
        exact_correct[row] = correct.all(axis=0).sum()
        position_correct[row, : length + 1] = correct.sum(axis=1)
        token_correct[row] = position_correct[row].sum()
    return LengthEvaluation(lengths, samples, exact_correct, token_correct, position_correct)


def wilson_interval(successes, trials, z=1.96):
    """Wilson score interval of a binomial proportion (95 % with the default z).

    Parameters
    ----------
    successes, trials : array_like of int
        Same shape; trials ≥ 1.
    z : float
        Standard-normal quantile of the confidence level.

    Returns
    -------
    low, high : ndarray
        Bounds in [0, 1], the inputs' shape.
    """
    successes = np.asarray(successes, dtype=float)
    trials = np.asarray(trials, dtype=float)
    p = successes / trials
    denominator = 1 + z**2 / trials
    centre = (p + z**2 / (2 * trials)) / denominator
    half_width = z * np.sqrt(p * (1 - p) / trials + z**2 / (4 * trials**2)) / denominator
    # The bounds are exactly 0 and 1 at p = 0 and p = 1; rounding must not move them inside.
    low = np.where(successes == 0, 0.0, np.clip(centre - half_width, 0, 1))
    high = np.where(successes == trials, 1.0, np.clip(centre + half_width, 0, 1))
    return low, high

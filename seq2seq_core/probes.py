"""Fixed probe sequences, the same in every session, and a model's answers on them."""
import dataclasses

import numpy as np

from .data import reversed_targets
from .kinds import kind_of

__all__ = ["PROBE_LENGTHS", "PROBE_SEED", "ProbeResult", "probe_sequences", "probe_predictions"]

PROBE_LENGTHS = (3, 8, 15, 20)
PROBE_SEED = 20240917  # fixed, so every session and every run sees the same probes


@dataclasses.dataclass(frozen=True)
class ProbeResult:
    """A model's answer on one probe sequence.

    Attributes
    ----------
    digits : ndarray of int, shape-(L,)
    targets : ndarray of int, shape-(L+1,)
        The digits reversed, then ``<END>``.
    predictions : ndarray of int, shape-(L+1,)
    """

    digits: np.ndarray
    targets: np.ndarray
    predictions: np.ndarray

    @property
    def correct(self):
        """ndarray of bool, shape-(L+1,): which output tokens are right."""
        return self.predictions == self.targets


def probe_sequences(lengths=PROBE_LENGTHS, seed=PROBE_SEED):
    """list of ndarray of int, shape-(L,): one digit sequence per length, drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 10, length) for length in lengths]


def probe_predictions(model, probes):
    """list of ProbeResult: a model of any kind in ``MODEL_KINDS`` run on each of ``probes``."""
    predict = kind_of(model).predict
    return [ProbeResult(digits, reversed_targets(digits[:, None])[:, 0],
                        predict(model, digits[:, None])[:, 0])
            for digits in probes]

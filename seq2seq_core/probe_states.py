"""A seq2seq model's hidden states over many random sequences: dead units, the bottleneck.

Not the training page's few fixed sequences (:mod:`seq2seq_core.probes`).
"""
import dataclasses

import numpy as np

from .blas import use_one_blas_thread
from .data import format_digits
from .kinds import kind_of
from .unit_order import order_by_similarity

__all__ = ["PROBE_SEQUENCES", "ProbeStates", "probe_states"]

PROBE_SEQUENCES = 500


@dataclasses.dataclass(frozen=True)
class ProbeStates:
    """A model's hidden states summarised over ``S`` random sequences.

    Attributes
    ----------
    lengths, first_digits : ndarray of int, shape-(S,)
        Each sequence's length and first digit.
    sequences : tuple of str
        Each sequence written out, e.g. ``"3 1 4"``.
    final_encoder : ndarray, shape-(S, D)
        The encoder's last state h_T of each sequence: the bottleneck.
    encoder_peak, decoder_peak : ndarray, shape-(D,)
        Each unit's largest activation over every step of every sequence.
    encoder_similarity_order, decoder_similarity_order : ndarray of int, shape-(D,)
        :func:`~seq2seq_core.unit_order.order_by_similarity` over all those steps.
    """

    lengths: np.ndarray
    first_digits: np.ndarray
    sequences: tuple
    final_encoder: np.ndarray
    encoder_peak: np.ndarray
    decoder_peak: np.ndarray
    encoder_similarity_order: np.ndarray
    decoder_similarity_order: np.ndarray

    @property
    def dead_encoder_units(self):
        """ndarray of bool, shape-(D,): encoder units 0 at every step (ReLU never opened)."""
        return self.encoder_peak <= 0

    @property
    def dead_decoder_units(self):
        """ndarray of bool, shape-(D,): decoder units 0 at every step."""
        return self.decoder_peak <= 0


def probe_states(model, min_len=1, max_len=20, sequences=PROBE_SEQUENCES, seed=0):
    """Run a model with encoder and decoder states on random sequences of every length; summarise.

    Parameters
    ----------
    model : a model whose kind has a ``trace`` (seq2seq, attention)
    min_len, max_len : int
        The lengths, 1 ≤ min_len ≤ max_len; the ``sequences`` are split as
        evenly as possible over them.
    sequences : int
        Number ``S`` of sequences, at least one per length.
    seed : int
        Seeds the digits: same model and seed, same summary.

    Returns
    -------
    ProbeStates
    """
    if not 1 <= min_len <= max_len:
        raise ValueError(f"need 1 <= min_len <= max_len, got {min_len}, {max_len}")
    lengths = np.arange(min_len, max_len + 1)
    if sequences < len(lengths):
        raise ValueError(f"need at least one sequence per length, got {sequences}")
    per_length = np.full(len(lengths), sequences // len(lengths))
    per_length[: sequences % len(lengths)] += 1
    rng = np.random.default_rng(seed)
    # One BLAS thread, as in training: on a shared server a second thread mostly waits.
    use_one_blas_thread()
    # One trace per length: a trace takes sequences of one length, as a batch does.
    trace = kind_of(model).trace
    traces = [
        trace(model, rng.integers(0, 10, (length, count)))
        for length, count in zip(lengths, per_length)
    ]
    # Every step of every sequence as one row: shape-(steps over all sequences, D).
    encoder_rows = np.concatenate(
        [tr.encoder_hidden.reshape(-1, tr.encoder_hidden.shape[-1]) for tr in traces]
    )
    decoder_rows = np.concatenate(
        [tr.decoder_hidden.reshape(-1, tr.decoder_hidden.shape[-1]) for tr in traces]
    )
    return ProbeStates(
        lengths=np.repeat(lengths, per_length),
        first_digits=np.concatenate([tr.digits[0] for tr in traces]),
        sequences=tuple(format_digits(column) for tr in traces for column in tr.digits.T),
        final_encoder=np.concatenate([tr.encoder_hidden[-1] for tr in traces]),
        encoder_peak=encoder_rows.max(axis=0),
        decoder_peak=decoder_rows.max(axis=0),
        encoder_similarity_order=order_by_similarity(encoder_rows),
        decoder_similarity_order=order_by_similarity(decoder_rows),
    )

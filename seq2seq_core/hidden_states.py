"""What the hidden states say: unit orderings, dead units, the bottleneck's PCA, step summaries.

The hidden-state page shows a model's units as heatmap rows; this module decides
the row order, finds the units that never fire, projects the encoder's last state
(all the decoder ever gets) onto two principal components, edits one digit of a
sequence for a side-by-side comparison, writes out one decoding step, and tells
the shipped pretrained model from any other by its weights. Plain NumPy on
:func:`seq2seq_core.trace.trace`; no Streamlit.
"""

import dataclasses
import functools
import hashlib

import numpy as np

from .blas import use_one_blas_thread
from .checkpoint import load_pretrained
from .trace import trace

__all__ = [
    "PROBE_SEQUENCES",
    "ProbeStates",
    "StepSummary",
    "format_digits",
    "model_fingerprint",
    "is_pretrained",
    "probe_states",
    "order_by_peak_time",
    "order_by_similarity",
    "PrincipalComponents",
    "principal_components",
    "explained_by_groups",
    "change_digit",
    "step_summary",
]

PROBE_SEQUENCES = 500


def format_digits(digits):
    """Write digits out for people: ``[3, 1, 4]`` → ``"3 1 4"``.

    Parameters
    ----------
    digits : array_like of int, shape-(L,)

    Returns
    -------
    str
        What :func:`~seq2seq_core.data.parse_sequence` reads back as ``digits``.
    """
    return " ".join(str(int(digit)) for digit in digits)


def model_fingerprint(model):
    """A short hash of every weight of ``model``: equal weights, equal fingerprint.

    Parameters
    ----------
    model : Seq2Seq

    Returns
    -------
    str
        16 hex digits; also a cheap cache key for results computed from the model.
    """
    digest = hashlib.sha256()
    for parameter in model.parameters:
        data = np.ascontiguousarray(parameter.data)
        digest.update(str(data.shape).encode())
        digest.update(data.tobytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _pretrained_fingerprint():
    # A string, so nothing mutable is shared between sessions.
    return model_fingerprint(load_pretrained().model)


def is_pretrained(model):
    """Whether ``model`` has exactly the shipped pretrained weights.

    Parameters
    ----------
    model : Seq2Seq

    Returns
    -------
    bool
        False as soon as one weight differs, e.g. after a single training step.
    """
    return model_fingerprint(model) == _pretrained_fingerprint()


@dataclasses.dataclass(frozen=True)
class ProbeStates:
    """A model's hidden states summarised over many random sequences.

    Attributes
    ----------
    lengths : ndarray of int, shape-(S,)
        Length of each of the ``S`` probe sequences.
    first_digits : ndarray of int, shape-(S,)
        Each sequence's first digit.
    sequences : tuple of str
        Each sequence written out, e.g. ``"3 1 4"``.
    final_encoder : ndarray, shape-(S, D)
        The encoder's last state h_T of each sequence: the bottleneck.
    encoder_peak, decoder_peak : ndarray, shape-(D,)
        Each unit's largest activation over every step of every sequence.
    encoder_similarity_order, decoder_similarity_order : ndarray of int, shape-(D,)
        Units ordered so that units that fire together sit together
        (:func:`order_by_similarity` over all steps of all sequences).
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
        """ndarray of bool, shape-(D,): encoder units that were 0 at every step (ReLU never opened)."""
        return self.encoder_peak <= 0

    @property
    def dead_decoder_units(self):
        """ndarray of bool, shape-(D,): decoder units that were 0 at every step."""
        return self.decoder_peak <= 0


def probe_states(model, min_len=1, max_len=20, sequences=PROBE_SEQUENCES, seed=0):
    """Run ``model`` on random sequences of every length in [min_len, max_len] and summarise.

    The sequences are split as evenly as possible over the lengths, because one
    trace takes sequences of one length (as one batch of the notebook does).

    Parameters
    ----------
    model : Seq2Seq
    min_len, max_len : int
        Range of lengths, 1 ≤ min_len ≤ max_len.
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
    encoder_similarity_order = order_by_similarity(encoder_rows)
    decoder_similarity_order = order_by_similarity(decoder_rows)
    return ProbeStates(
        lengths=np.repeat(lengths, per_length),
        first_digits=np.concatenate([tr.digits[0] for tr in traces]),
        sequences=tuple(format_digits(column) for tr in traces for column in tr.digits.T),
        final_encoder=np.concatenate([tr.encoder_hidden[-1] for tr in traces]),
        encoder_peak=encoder_rows.max(axis=0),
        decoder_peak=decoder_rows.max(axis=0),
        encoder_similarity_order=encoder_similarity_order,
        decoder_similarity_order=decoder_similarity_order,
    )


def order_by_peak_time(hidden, last=None):
    """Order units by the step at which they are most active, so a sequence draws a diagonal.

    Parameters
    ----------
    hidden : ndarray, shape-(T, D)
        One sequence's hidden states (ReLU, so ≥ 0).
    last : ndarray of bool, shape-(D,), optional
        Units to put at the end whatever their peak (e.g. dead units).

    Returns
    -------
    ndarray of int, shape-(D,)
        A permutation of ``range(D)``: earliest peak first, ties broken by the
        larger peak; units silent over the whole sequence, then ``last``, at the end.
    """
    hidden = np.asarray(hidden)
    units = hidden.shape[1]
    last = np.zeros(units, dtype=bool) if last is None else np.asarray(last, dtype=bool)
    peak_value = hidden.max(axis=0)
    silent = peak_value <= 0
    # np.lexsort sorts by the last key first.
    return np.lexsort((-peak_value, hidden.argmax(axis=0), silent, last))


def order_by_similarity(activations):
    """Order units so that neighbours fire together: a greedy nearest-neighbour chain.

    Start from the unit with the largest variance and repeatedly append the
    not-yet-placed unit whose activations correlate best with the last one
    placed. This is a simple seriation (what clustering would give as a leaf
    order) in plain NumPy.

    Parameters
    ----------
    activations : ndarray, shape-(S, D)
        ``S`` observations (steps of many sequences) of ``D`` units.

    Returns
    -------
    ndarray of int, shape-(D,)
        A permutation of ``range(D)``; units that never vary come last, in index order.
    """
    activations = np.asarray(activations, dtype=np.float64)
    centred = activations - activations.mean(axis=0)
    spread = np.sqrt((centred**2).sum(axis=0))
    varying = np.flatnonzero(spread > 0)
    constant = np.flatnonzero(spread <= 0)
    if len(varying) == 0:
        return constant
    normalised = centred[:, varying] / spread[varying]
    correlation = normalised.T @ normalised  # shape-(V, V), Pearson correlation
    placed = np.zeros(len(varying), dtype=bool)
    chain = [int(spread[varying].argmax())]
    placed[chain[0]] = True
    for _ in range(len(varying) - 1):
        candidates = np.where(placed, -np.inf, correlation[chain[-1]])
        chain.append(int(candidates.argmax()))
        placed[chain[-1]] = True
    return np.concatenate([varying[chain], constant])


@dataclasses.dataclass(frozen=True)
class PrincipalComponents:
    """The first principal directions of a cloud of points, to project any point onto.

    Attributes
    ----------
    mean : ndarray, shape-(D,)
        The centre of the points the directions were found from.
    directions : ndarray, shape-(k, D)
        Orthonormal directions of largest variance, largest first. A direction's
        sign is arbitrary in PCA; it is fixed here so that its largest loading is
        positive, which keeps the picture from flipping when the data barely change.
    explained : ndarray, shape-(k,)
        Fraction of the total variance along each direction (0 when all points coincide).
    """

    mean: np.ndarray
    directions: np.ndarray
    explained: np.ndarray

    def project(self, points):
        """Coordinates of ``points`` (shape-(S, D)) along the directions, shape-(S, k)."""
        return (np.asarray(points, dtype=np.float64) - self.mean) @ self.directions.T


def principal_components(points, components=2):
    """Find the first principal components of ``points`` (SVD of the centred data).

    Parameters
    ----------
    points : ndarray, shape-(S, D)
    components : int
        How many directions ``k`` to keep. When the data have fewer than ``k``
        dimensions (a model with D = 1), the missing directions are zero: every
        point has coordinate 0 along them and they explain nothing.

    Returns
    -------
    PrincipalComponents
    """
    points = np.asarray(points, dtype=np.float64)
    mean = points.mean(axis=0)
    _, singular_values, found = np.linalg.svd(points - mean, full_matrices=False)
    found = found[:components]
    largest = np.abs(found).argmax(axis=1)
    found = found * np.sign(found[np.arange(len(found)), largest])[:, None]
    directions = np.zeros((components, points.shape[1]))
    directions[: len(found)] = found
    variance = singular_values**2
    explained = np.zeros(components)
    if variance.sum() > 0:
        explained[: len(found)] = variance[: len(found)] / variance.sum()
    return PrincipalComponents(mean, directions, explained)


def explained_by_groups(points, labels):
    """Fraction of the points' spread that their group means account for (R² of the groups).

    1 means every group sits on one spot; about 0 means the groups are mixed
    through each other. Used to say in numbers what the bottleneck picture shows.

    Parameters
    ----------
    points : ndarray, shape-(S, k)
    labels : ndarray, shape-(S,)
        The group of each point (e.g. its sequence's length).

    Returns
    -------
    float
        Between-group sum of squares over total sum of squares, in [0, 1]
        (0 when all points coincide).
    """
    points = np.asarray(points, dtype=np.float64)
    labels = np.asarray(labels)
    total = ((points - points.mean(axis=0)) ** 2).sum()
    if total == 0:
        return 0.0
    within = sum(
        ((points[labels == group] - points[labels == group].mean(axis=0)) ** 2).sum()
        for group in np.unique(labels)
    )
    return float(1 - within / total)


def change_digit(digits, position, digit):
    """A copy of ``digits`` with one digit replaced, for comparing two sequences.

    Parameters
    ----------
    digits : array_like of int, shape-(L,)
    position : int
        Which digit to replace, 0 ≤ position < L.
    digit : int
        The new digit, 0–9.

    Returns
    -------
    ndarray of int, shape-(L,)
    """
    changed = np.array(digits, dtype=np.int64)
    if not 0 <= position < len(changed):
        raise ValueError(f"position must be in [0, {len(changed) - 1}], got {position}")
    if not 0 <= digit <= 9:
        raise ValueError(f"digit must be in [0, 9], got {digit}")
    changed[position] = digit
    return changed


@dataclasses.dataclass(frozen=True)
class StepSummary:
    """One decoding step of one sequence, with its real numbers.

    Attributes
    ----------
    step : int
        The decoding step, 1 ≤ step ≤ T.
    input_token : int
        What the decoder read: ``<START>`` at step 1, then its previous choice.
    top_tokens : ndarray of int, shape-(k,)
        The ``k`` most probable tokens, most probable first.
    top_probabilities : ndarray, shape-(k,)
    chosen : int
        The greedy choice (``top_tokens[0]``).
    target : int
        What the step should output.
    source_step : int
        The encoder step (1-based) that read the target: the target's position
        in the input for a digit, the last step T for ``<END>``.
    """

    step: int
    input_token: int
    top_tokens: np.ndarray
    top_probabilities: np.ndarray
    chosen: int
    target: int
    source_step: int

    @property
    def correct(self):
        """bool: the choice equals the target."""
        return self.chosen == self.target


def step_summary(sequence_trace, step, top=3, column=0):
    """Summarise decoding step ``step`` of sequence ``column`` of a trace.

    Parameters
    ----------
    sequence_trace : Trace
        As returned by :func:`seq2seq_core.trace.trace`.
    step : int
        1 ≤ step ≤ T, where T = L + 1 for sequences of length L.
    top : int
        How many of the most probable tokens to keep.
    column : int
        Which of the trace's sequences.

    Returns
    -------
    StepSummary
    """
    steps = sequence_trace.targets.shape[0]
    if not 1 <= step <= steps:
        raise ValueError(f"step must be in [1, {steps}], got {step}")
    index = step - 1
    probabilities = sequence_trace.probabilities[index, column]
    top_tokens = np.argsort(-probabilities, kind="stable")[:top]
    length = steps - 1
    return StepSummary(
        step=step,
        input_token=int(sequence_trace.decoder_inputs[index, column]),
        top_tokens=top_tokens,
        top_probabilities=probabilities[top_tokens],
        chosen=int(sequence_trace.predictions[index, column]),
        target=int(sequence_trace.targets[index, column]),
        # The output is reversed: step 1 should give the last digit.
        source_step=length + 1 - step if step <= length else steps,
    )

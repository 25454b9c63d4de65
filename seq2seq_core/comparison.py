"""Models compared by sequence length: evaluations, evidence for the page's answers, the table."""
import csv
import io

import numpy as np

from .baseline import one_pass_exact_match_ceiling
from .data import reversed_targets
from .evaluate import evaluate_lengths, wilson_interval
from .fingerprint import model_fingerprint
from .kinds import kind_of

__all__ = [
    "TABLE_COLUMNS",
    "evaluate_model",
    "errors_after_first_mistake",
    "distinct_models",
    "at_length",
    "failure_evidence",
    "accuracy_rows",
    "accuracy_csv",
]

TABLE_COLUMNS = (
    "model", "length", "samples", "exact_match", "exact_match_low", "exact_match_high",
    "token_accuracy",
)


def evaluate_model(model, min_len=1, max_len=30, samples=1000, seed=0):
    """:func:`~seq2seq_core.evaluate.evaluate_lengths` with the predictor of the model's kind.

    Parameters
    ----------
    model : a model of any kind in ``MODEL_KINDS``
    min_len, max_len : int
        The lengths to evaluate, inclusive.
    samples : int
        Sequences per length.
    seed : int
        The same seed gives every model the same test sequences.

    Returns
    -------
    LengthEvaluation
    """
    return evaluate_lengths(model, min_len, max_len, samples, seed,
                            predict=kind_of(model).predict)


def errors_after_first_mistake(model, length, samples=1000, seed=0):
    """How often an output token is right before, and after, its sequence's first mistake.

    A greedy decoder reads its own previous guess, so if errors compound, tokens
    after the first mistake are right much less often than those before it.

    Parameters
    ----------
    model : a model of any kind in ``MODEL_KINDS``
    length : int
        Digits per sequence, ≥ 1.
    samples : int
        Sequences to draw.
    seed : int

    Returns
    -------
    before, after : float
        Fractions of right tokens; ``after`` is NaN if no sequence had a mistake
        with tokens after it.
    """
    digits = np.random.default_rng(seed).integers(0, 10, (length, samples))
    predictions = kind_of(model).predict(model, digits)
    targets = reversed_targets(digits)
    correct = predictions == targets  # shape-(length+1, samples)
    mistake_so_far = np.logical_or.accumulate(~correct, axis=0)
    # shifted by one step: whether a mistake happened strictly before each token
    after_mistake = np.zeros_like(mistake_so_far)
    after_mistake[1:] = mistake_so_far[:-1]
    before = correct[~after_mistake].mean()
    after = correct[after_mistake].mean() if after_mistake.any() else np.nan
    return float(before), float(after)


def distinct_models(named_models):
    """Merge models with equal weights, so that each is evaluated and drawn once.

    Parameters
    ----------
    named_models : Sequence[Tuple[str, object]]
        A display name and an entry with ``.model`` and ``.hyperparameters`` (a
        :class:`~seq2seq_core.checkpoint.Checkpoint`, a run), in display order.

    Returns
    -------
    list of (str, object, str)
        The names of equal models joined with " = ", the first of their entries, and
        its :func:`~seq2seq_core.fingerprint.model_fingerprint` (a cache key).
    """
    merged = {}
    for name, entry in named_models:
        fingerprint = model_fingerprint(entry.model)
        if fingerprint in merged:
            merged[fingerprint][0].append(name)
        else:
            merged[fingerprint] = ([name], entry)
    return [(" = ".join(names), entry, fingerprint)
            for fingerprint, (names, entry) in merged.items()]


def at_length(evaluation, length):
    """(float, float): exact-match and token accuracy at ``length``; None if not evaluated."""
    rows = np.flatnonzero(evaluation.lengths == length)
    if len(rows) == 0:
        return None
    return float(evaluation.exact_match[rows[0]]), float(evaluation.token_accuracy[rows[0]])


def first_length_below(evaluation, threshold=0.5, longer_than=0):
    """int or None: where a model breaks, the first length past ``longer_than`` below ``threshold``.

    ``evaluation`` is a :class:`~seq2seq_core.evaluate.LengthEvaluation`; its exact match is read.
    """
    below = np.flatnonzero((evaluation.exact_match < threshold)
                           & (evaluation.lengths > longer_than))
    return int(evaluation.lengths[below[0]]) if len(below) else None


def failure_evidence(seq2seq, baseline, training_range, one_pass_length=4, beyond=5):
    """The numbers behind the page's answers to "why do long sequences fail?".

    Parameters
    ----------
    seq2seq, baseline : LengthEvaluation or None
        A seq2seq model's evaluation and the one-pass baseline's.
    training_range : tuple of (int, int)
        The seq2seq model's (min_len, max_len) in training.
    one_pass_length : int
        Where the baseline is compared with its ceiling.
    beyond : int
        How far past the training range the "never seen" answer looks.

    Returns
    -------
    dict of str to (dict or None)
        ``"bottleneck"``: ``short``, ``long`` (half the longest training length, and
        the longest), ``short_exact``, ``long_exact``; ``"one_pass"``: ``length``,
        ``baseline_exact``, ``ceiling``, ``seq2seq_exact``; ``"unseen"``: ``length``,
        ``exact``, ``token``. None where those lengths or models were not evaluated.
    """
    min_len, max_len = training_range
    evidence = {"bottleneck": None, "one_pass": None, "unseen": None}
    if seq2seq is not None:
        short_length = max(min_len, max_len // 2)
        short, long = at_length(seq2seq, short_length), at_length(seq2seq, max_len)
        if short and long and short_length < max_len:
            evidence["bottleneck"] = dict(short=short_length, long=max_len,
                                          short_exact=short[0], long_exact=long[0])
        unseen = at_length(seq2seq, max_len + beyond)
        if unseen:
            evidence["unseen"] = dict(length=max_len + beyond, exact=unseen[0], token=unseen[1])
    if seq2seq is not None and baseline is not None:
        ours, theirs = at_length(seq2seq, one_pass_length), at_length(baseline, one_pass_length)
        if ours and theirs:
            evidence["one_pass"] = dict(
                length=one_pass_length, baseline_exact=theirs[0], seq2seq_exact=ours[0],
                ceiling=float(one_pass_exact_match_ceiling(one_pass_length)),
            )
    return evidence


def accuracy_rows(named_evaluations):
    """One row per (model, length) of ``named_evaluations``, (name, LengthEvaluation) pairs.

    Returns
    -------
    list of dict
        Keys :data:`TABLE_COLUMNS`; ``exact_match_low``/``_high`` bound the Wilson
        95 % interval of the exact match.
    """
    rows = []
    for name, evaluation in named_evaluations:
        low, high = wilson_interval(evaluation.exact_correct, evaluation.samples)
        for i, length in enumerate(evaluation.lengths):
            rows.append({
                "model": name,
                "length": int(length),
                "samples": int(evaluation.samples),
                "exact_match": float(evaluation.exact_match[i]),
                "exact_match_low": float(low[i]),
                "exact_match_high": float(high[i]),
                "token_accuracy": float(evaluation.token_accuracy[i]),
            })
    return rows


def accuracy_csv(rows, headers):
    """str: :func:`accuracy_rows` as CSV under ``headers``, column titles in the reader's language.

    Lines end in ``\\n``; accuracies have 4 decimals.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([headers[column] for column in TABLE_COLUMNS])
    for row in rows:
        writer.writerow([f"{row[c]:.4f}" if isinstance(row[c], float) else row[c]
                         for c in TABLE_COLUMNS])
    return buffer.getvalue()

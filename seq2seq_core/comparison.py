"""Comparing models by sequence length: which model is which, its evaluation, the table.

The accuracy page evaluates several models (the session's current model, the
shipped seq2seq, the one-pass baseline, runs kept on the training page) and
caches each evaluation under :func:`model_fingerprint`, a hash of the weights, so
that the same model is never evaluated twice for the same settings.
"""
import csv
import hashlib
import io

import numpy as np

from .baseline import predict_baseline_tokens
from .data import END
from .evaluate import evaluate_lengths, wilson_interval
from .trace import predict_tokens
from .train import model_kind

__all__ = [
    "PREDICTORS",
    "TABLE_COLUMNS",
    "model_fingerprint",
    "evaluate_model",
    "errors_after_first_mistake",
    "accuracy_rows",
    "accuracy_csv",
]

# How each kind of model turns digits, shape-(L, N), into output tokens, shape-(L+1, N).
PREDICTORS = {"seq2seq": predict_tokens, "baseline": predict_baseline_tokens}

TABLE_COLUMNS = (
    "model", "length", "samples", "exact_match", "exact_match_low", "exact_match_high",
    "token_accuracy",
)


def model_fingerprint(model):
    """A short hash that changes whenever the model's kind, shapes or weights change.

    Parameters
    ----------
    model : Seq2Seq or RNN

    Returns
    -------
    str
        16 hex digits; equal for two models exactly when (barring a SHA-256
        collision) they compute the same function the same way.
    """
    digest = hashlib.sha256(model_kind(model).encode())
    for parameter in model.parameters:
        data = np.ascontiguousarray(parameter.data)
        digest.update(f"{data.dtype}{data.shape}".encode())
        digest.update(data.tobytes())
    return digest.hexdigest()[:16]


def evaluate_model(model, min_len=1, max_len=30, samples=1000, seed=0):
    """:func:`~seq2seq_core.evaluate.evaluate_lengths` with the right predictor for the model's kind.

    Parameters
    ----------
    model : Seq2Seq or RNN
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
                            predict=PREDICTORS[model_kind(model)])


def errors_after_first_mistake(model, length, samples=1000, seed=0):
    """How often an output token is right before and after the model's first mistake.

    Under greedy decoding a seq2seq decoder reads its own previous guess, so one
    wrong digit changes every later input; if errors compound, tokens after the
    first mistake are right much less often than tokens before it.

    Parameters
    ----------
    model : Seq2Seq or RNN
    length : int
        Digits per sequence, ≥ 1.
    samples : int
        Sequences to draw.
    seed : int

    Returns
    -------
    before, after : float
        Fraction of right tokens among those before any mistake of their
        sequence, and among those after its first mistake (NaN if no sequence
        had a mistake with tokens after it).
    """
    digits = np.random.default_rng(seed).integers(0, 10, (length, samples))
    predictions = PREDICTORS[model_kind(model)](model, digits)
    targets = np.concatenate([digits[::-1], np.full((1, samples), END)])
    correct = predictions == targets  # shape-(length+1, samples)
    mistake_so_far = np.logical_or.accumulate(~correct, axis=0)
    # shifted by one step: whether a mistake happened strictly before each token
    after_mistake = np.zeros_like(mistake_so_far)
    after_mistake[1:] = mistake_so_far[:-1]
    before = correct[~after_mistake].mean()
    after = correct[after_mistake].mean() if after_mistake.any() else np.nan
    return float(before), float(after)


def accuracy_rows(named_evaluations):
    """One row per (model, length): the numbers the page's charts show.

    Parameters
    ----------
    named_evaluations : Sequence[Tuple[str, LengthEvaluation]]
        A display name and an evaluation for each model.

    Returns
    -------
    list of dict
        Keys :data:`TABLE_COLUMNS`; ``exact_match_low``/``_high`` are the Wilson
        95 % interval of the exact-match accuracy.
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
    """The rows as CSV text, with a header line in the reader's language.

    Parameters
    ----------
    rows : list of dict
        As returned by :func:`accuracy_rows`.
    headers : dict of str to str
        A column title for every key of :data:`TABLE_COLUMNS`.

    Returns
    -------
    str
        CSV with ``\\n`` line ends; accuracies with 4 decimals.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([headers[column] for column in TABLE_COLUMNS])
    for row in rows:
        writer.writerow([f"{row[c]:.4f}" if isinstance(row[c], float) else row[c]
                         for c in TABLE_COLUMNS])
    return buffer.getvalue()

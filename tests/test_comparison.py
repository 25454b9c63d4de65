"""Comparing models by length: identity for caching, evaluation per kind, the table, the claims."""
import csv
import io

import numpy as np
import pytest

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.comparison import (
    TABLE_COLUMNS, accuracy_csv, accuracy_rows, errors_after_first_mistake, evaluate_model,
    model_fingerprint,
)
from seq2seq_core.evaluate import LengthEvaluation
from seq2seq_core.model import RNN, Seq2Seq


@pytest.fixture(scope="module")
def shipped():
    return {kind: load_pretrained(kind).model for kind in ("seq2seq", "baseline")}


@pytest.fixture(scope="module")
def evaluations(shipped):
    return {kind: evaluate_model(model, 1, 30, samples=1000) for kind, model in shipped.items()}


def test_the_fingerprint_follows_the_weights_and_nothing_else():
    first = Seq2Seq(12, 10, 12, rng=np.random.default_rng(0))
    same = Seq2Seq(12, 10, 12, rng=np.random.default_rng(0))
    assert model_fingerprint(first) == model_fingerprint(same)
    same.decoder.fc_h2y.bias.data[0, 3] += 1e-6
    assert model_fingerprint(first) != model_fingerprint(same)
    # same weights, other architecture
    rnn = RNN(12, 10, 12, rng=np.random.default_rng(0))
    assert model_fingerprint(rnn) != model_fingerprint(Seq2Seq(12, 10, 12, rng=np.random.default_rng(0)))


def test_the_pretrained_seq2seq_reverses_lengths_1_to_10(evaluations):
    assert (evaluations["seq2seq"].exact_match[:10] >= 0.97).all(), evaluations["seq2seq"].exact_match[:10]


def test_the_baseline_is_worse_than_seq2seq_on_long_sequences(evaluations):
    seq2seq, baseline = evaluations["seq2seq"], evaluations["baseline"]
    long = seq2seq.lengths >= 8
    assert (baseline.exact_match[long] <= seq2seq.exact_match[long]).all()
    assert (baseline.token_accuracy[long] < seq2seq.token_accuracy[long] - 0.2).all()
    assert baseline.exact_match[long].max() == 0


def test_errors_compound_after_the_first_mistake_of_seq2seq(shipped):
    before, after = errors_after_first_mistake(shipped["seq2seq"], 20, samples=500)
    assert before > 0.85 and after < 0.5
    # a model that never errs has no tokens after a mistake
    assert np.isnan(errors_after_first_mistake(shipped["seq2seq"], 2, samples=200)[1])


def test_table_rows_and_csv_carry_the_charts_numbers():
    evaluation = LengthEvaluation(
        lengths=np.array([1, 2]), samples=10, exact_correct=np.array([10, 4]),
        token_correct=np.array([20, 21]), position_correct=np.zeros((2, 3), dtype=int),
    )
    rows = accuracy_rows([("A", evaluation), ("B", evaluation)])
    assert [(row["model"], row["length"]) for row in rows] == [("A", 1), ("A", 2), ("B", 1), ("B", 2)]
    assert rows[1]["exact_match"] == 0.4 and rows[1]["token_accuracy"] == 0.7
    assert rows[0]["exact_match_high"] == 1.0 and 0.6 < rows[0]["exact_match_low"] < 0.8
    headers = {column: column.upper() for column in TABLE_COLUMNS}
    table = list(csv.reader(io.StringIO(accuracy_csv(rows, headers))))
    assert table[0] == [column.upper() for column in TABLE_COLUMNS]
    assert table[2][:4] == ["A", "2", "10", "0.4000"]
    assert len(table) == 5

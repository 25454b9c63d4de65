"""Comparing models by length: identity for caching, evaluation per kind, the table, the claims."""
import csv
import io

import numpy as np
import pytest

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.comparison import (
    TABLE_COLUMNS,
    accuracy_csv,
    accuracy_rows,
    distinct_models,
    errors_after_first_mistake,
    evaluate_model,
    failure_evidence,
)
from seq2seq_core.evaluate import LengthEvaluation
from seq2seq_core.fingerprint import model_fingerprint
from seq2seq_core.model import RNN, Seq2Seq


@pytest.fixture(scope="module")
def shipped():
    return {kind: load_pretrained(kind).model for kind in ("seq2seq", "baseline")}


@pytest.fixture(scope="module")
def evaluations(shipped):
    return {kind: evaluate_model(model, 1, 30, samples=1000) for kind, model in shipped.items()}


def test_a_baseline_never_shares_a_cache_key_with_a_seq2seq():
    # The page caches evaluations under the fingerprint: the first RNN of a seq2seq
    # and a baseline with the very same weights must not collide.
    seq2seq = Seq2Seq(12, 10, 12, rng=np.random.default_rng(0))
    rnn = RNN(12, 10, 12, rng=np.random.default_rng(0))
    for p, q in zip(seq2seq.encoder.parameters, rnn.parameters):
        q.data = p.data.copy()
    assert model_fingerprint(rnn) != model_fingerprint(seq2seq)


def test_the_pretrained_seq2seq_reverses_lengths_1_to_10(evaluations):
    exact_match = evaluations["seq2seq"].exact_match[:10]
    assert (exact_match >= 0.97).all(), exact_match


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
    assert ([(row["model"], row["length"]) for row in rows]
            == [("A", 1), ("A", 2), ("B", 1), ("B", 2)])
    assert rows[1]["exact_match"] == 0.4 and rows[1]["token_accuracy"] == 0.7
    assert rows[0]["exact_match_high"] == 1.0 and 0.6 < rows[0]["exact_match_low"] < 0.8
    headers = {column: column.upper() for column in TABLE_COLUMNS}
    table = list(csv.reader(io.StringIO(accuracy_csv(rows, headers))))
    assert table[0] == [column.upper() for column in TABLE_COLUMNS]
    assert table[2][:4] == ["A", "2", "10", "0.4000"]
    assert len(table) == 5


def test_the_evidence_cites_evaluated_lengths_only(evaluations):
    evidence = failure_evidence(evaluations["seq2seq"], evaluations["baseline"], (1, 20))
    assert evidence["bottleneck"]["short"] == 10 and evidence["bottleneck"]["long"] == 20
    assert evidence["bottleneck"]["short_exact"] > evidence["bottleneck"]["long_exact"]
    one_pass = evidence["one_pass"]
    assert one_pass["length"] == 4 and one_pass["ceiling"] == pytest.approx(0.01)
    assert one_pass["baseline_exact"] <= 0.03 < one_pass["seq2seq_exact"]
    assert evidence["unseen"]["length"] == 25
    # nothing evaluated past the training range, no baseline: those answers get no numbers
    short = evaluate_model(load_pretrained().model, 1, 20, samples=50)
    partial = failure_evidence(short, None, (1, 20))
    assert partial["bottleneck"] is not None
    assert partial["one_pass"] is None and partial["unseen"] is None


def test_models_with_equal_weights_are_merged_under_both_names(shipped):
    current, pretrained = load_pretrained(), load_pretrained()
    baseline = load_pretrained("baseline")
    merged = distinct_models([("current", current), ("pretrained", pretrained),
                              ("baseline", baseline)])
    assert [name for name, _, _ in merged] == ["current = pretrained", "baseline"]
    assert merged[0][1] is current and merged[1][1] is baseline


def test_where_a_model_breaks_is_the_first_length_past_the_range_below_the_threshold():
    from seq2seq_core.comparison import first_length_below
    from seq2seq_core.evaluate import LengthEvaluation

    evaluation = LengthEvaluation(lengths=np.arange(1, 7), samples=10,
                                  exact_correct=np.array([10, 2, 10, 8, 4, 0]),
                                  token_correct=None, position_correct=None)
    assert first_length_below(evaluation) == 2
    assert first_length_below(evaluation, longer_than=3) == 5
    assert first_length_below(evaluation, threshold=0.1, longer_than=6) is None

"""One decoding step written out (seq2seq_core.step_summary)."""

import numpy as np
import pytest

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import END, START
from seq2seq_core.step_summary import step_summary
from seq2seq_core.trace import trace


def test_step_summary_reports_the_real_numbers_of_a_step():
    digits = [3, 1, 4, 1, 5]
    tr = trace(load_pretrained().model, digits)
    first = step_summary(tr, 1)
    assert first.input_token == START
    assert first.target == 5 and first.source_step == 5  # reversed: the last digit first
    assert first.chosen == tr.predictions[0, 0] == first.top_tokens[0]
    np.testing.assert_allclose(first.top_probabilities, np.sort(tr.probabilities[0, 0])[::-1][:3])
    assert first.correct == (tr.predictions[0, 0] == 5)
    last = step_summary(tr, 6)
    assert last.target == END and last.source_step == 6  # the <END> read last
    assert last.input_token == tr.predictions[4, 0]  # greedy: the previous choice is read back
    with pytest.raises(ValueError):
        step_summary(tr, 7)

"""Figures of the batch page: the heatmap has the chosen sequence, the histogram counts lengths."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.batches import seeded_batch
from seq2seq_core.data import TOKEN_LABELS
from seq2seq_core.figures.batches import length_histogram, one_hot_heatmap
from seq2seq_core.i18n import LANGUAGES, t


@settings(deadline=None, max_examples=25)
@given(length=st.integers(1, 30), batch_size=st.integers(1, 20), data=st.data())
def test_heatmap_is_the_chosen_sequence_with_token_labels(length, batch_size, data):
    x, _, digits = seeded_batch(length, length, batch_size, seed=0)
    column = data.draw(st.integers(0, batch_size - 1))
    heatmap = one_hot_heatmap(x, column, "en").data[0]
    assert np.array_equal(np.asarray(heatmap.z), x[:, column, :])
    assert list(heatmap.x) == list(TOKEN_LABELS)
    assert len(heatmap.y) == length + 1
    assert heatmap.y[0].endswith(f"· {digits[0, column]}") and heatmap.y[-1].endswith("· <END>")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heatmap_labels_are_in_the_users_language(lang):
    x, _, _ = seeded_batch(3, 3, 2, seed=0)
    figure = one_hot_heatmap(x, 1, lang)
    assert figure.layout.title.text == t("batches.fig.heatmap_title", lang, column=1)
    assert figure.layout.xaxis.title.text == t("batches.fig.channel", lang)


def test_histogram_has_one_bar_per_possible_length_and_the_uniform_line():
    lengths = np.array([3, 3, 4, 6, 6, 6])
    figure = length_histogram(lengths, 2, 6, "ko")
    bars = figure.data[0]
    assert list(bars.x) == [2, 3, 4, 5, 6]
    assert list(bars.y) == [0, 2, 1, 0, 3]
    (line,) = figure.layout.shapes
    assert line.y0 == line.y1 == pytest.approx(6 / 5)
    assert figure.layout.title.text == t("batches.fig.histogram_title", "ko", n_batches=6)

"""The bottleneck scatter of the hidden-state page (figures.hidden_states_bottleneck)."""

import numpy as np
import pytest

from seq2seq_core.figures.hidden_states_bottleneck import bottleneck_scatter
from seq2seq_core.i18n import LANGUAGES, t

rng = np.random.default_rng(0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bottleneck_scatter_by_length_and_by_first_digit(lang):
    points = rng.normal(size=(40, 2))
    lengths = np.repeat(np.arange(1, 5), 10)
    first_digits = np.arange(40) % 10
    texts = [f"seq {i}" for i in range(40)]
    by_length = bottleneck_scatter(
        points,
        np.array([0.5, 0.2]),
        lengths,
        "length",
        texts,
        lang,
        marked=np.array([0.1, 0.2]),
        marked_text="typed",
    )
    assert len(by_length.data) == 2
    np.testing.assert_array_equal(by_length.data[0].marker.color, lengths)
    assert by_length.data[0].marker.colorbar.title.text == t("hidden_states.fig.length", lang)
    assert (by_length.data[1].name, list(by_length.data[1].x)) == ("typed", [0.1])
    assert by_length.layout.xaxis.title.text == t(
        "hidden_states.fig.component", lang, number=1, percent=50.0
    )
    by_digit = bottleneck_scatter(
        points, np.array([0.5, 0.2]), first_digits, "first_digit", texts, lang
    )
    assert len(by_digit.data) == 10
    assert [trace.name for trace in by_digit.data] == [
        t("hidden_states.fig.first_digit_is", lang, digit=d) for d in range(10)
    ]
    assert len({trace.marker.symbol for trace in by_digit.data}) == 10  # shape, not only colour
    np.testing.assert_array_equal(by_digit.data[3].x, points[first_digits == 3, 0])

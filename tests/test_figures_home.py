"""The home page's diagram: every token and state of the sequence, in the user's language."""
import pytest

from seq2seq_core.figures.home import seq2seq_diagram
from seq2seq_core.i18n import LANGUAGES, t


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagram_reverses_the_notebook_example(lang):
    encoder, decoder = seq2seq_diagram([2, 4, 7, 1, 3], lang).data
    assert list(encoder.text[:6]) == ["2", "4", "7", "1", "3", "<END>"]
    assert list(decoder.text[:6]) == ["<START>", "3", "1", "7", "4", "2"]
    assert list(decoder.text[-6:]) == ["3", "1", "7", "4", "2", "<END>"]
    assert (encoder.name, decoder.name) == (t("home.model.encoder", lang), t("home.model.decoder", lang))


def test_diagram_grows_with_the_sequence():
    encoder, decoder = seq2seq_diagram([5] * 9, "en").data
    assert len(encoder.x) == 2 * 10 and len(decoder.x) == 3 * 10

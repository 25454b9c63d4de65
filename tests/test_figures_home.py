"""The home page's diagram: each token and state of the sequence, in the user's language, as SVG."""
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seq2seq_core.figures.home import seq2seq_diagram
from seq2seq_core.i18n import LANGUAGES, t

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg, role):
    """The texts of one role, in order, subscripts included (e.g. ``h'3``)."""
    root = ET.fromstring(svg)
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")
            if text.get("class") == role]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagram_reverses_the_notebook_example(lang):
    svg = seq2seq_diagram([2, 4, 7, 1, 3], lang)
    assert texts(svg, "encoder-input") == ["2", "4", "7", "1", "3", "<END>"]
    assert texts(svg, "decoder-input") == ["<START>", "3", "1", "7", "4", "2"]
    assert texts(svg, "decoder-output") == ["3", "1", "7", "4", "2", "<END>"]
    assert texts(svg, "encoder-state") == [f"h{i}" for i in range(1, 7)]
    assert texts(svg, "decoder-state") == [f"h'{i}" for i in range(1, 7)]
    assert texts(svg, "encoder-title") == [t("home.model.encoder", lang)]
    assert texts(svg, "decoder-title") == [t("home.model.decoder", lang)]
    assert texts(svg, "bottleneck") == [t("home.model.bottleneck", lang, state="hT")]
    assert ET.fromstring(svg).get("aria-label") == t("home.model.title", lang)


@given(st.lists(st.integers(0, 9), min_size=1, max_size=30))
def test_diagram_has_one_node_per_token_and_state_and_every_arrow(digits):
    svg = seq2seq_diagram(digits, "en")
    root = ET.fromstring(svg)
    steps = len(digits) + 1
    assert len(texts(svg, "encoder-input")) == len(texts(svg, "encoder-state")) == steps
    assert len(texts(svg, "decoder-output")) == steps
    assert len(list(root.iter(f"{SVG}rect"))) == 1 + 3 * steps  # the card, then every token
    assert len(list(root.iter(f"{SVG}circle"))) == 2 * steps
    # Encoder: up and along; the bottleneck; decoder: up twice, along, and the fed-back output.
    assert len(list(root.iter(f"{SVG}line"))) == (2 * steps - 1) + 1 + (4 * steps - 2)
    width = float(root.get("viewBox").split()[2])
    assert all(0 <= float(text.get("x")) <= width for text in root.iter(f"{SVG}text"))

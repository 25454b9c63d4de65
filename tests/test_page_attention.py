"""The /attention page under AppTest: the weights of a typed sequence, each step, the comparison."""
import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import BOOK_KEY, MODEL_KEY
from seq2seq_core.attention_recurrence import attention_trace
from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.runs import RunBook
from seq2seq_core.token_text import tokens_markdown
from seq2seq_core.train import Hyperparameters

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "attention.py")
SHIPPED = load_pretrained("attention")


def run_page(lang="ko", session=None, query=None):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["lang"] = lang
    app.query_params.update(query or {})
    for key, value in (session or {}).items():
        app.session_state[key] = value
    return app.run()


def chart(app, key):
    for element in app.get("plotly_chart"):
        if element.proto.id.endswith(f"-{key}"):
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {key!r}")


def array(value):
    if isinstance(value, dict):
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.array(value)


def markdown(app):
    return "\n".join(element.value for element in app.markdown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_typed_sequence_shows_its_weights_output_step_by_input_position(lang):
    app = run_page(lang)
    app.text_input(key="attention_input").set_value("3 1 4 1 5").run()
    assert not app.exception and not app.error
    heatmap = chart(app, "attention_heatmap_chart")["data"][0]
    expected = attention_trace(SHIPPED.model, [3, 1, 4, 1, 5]).weights[:, 0]
    np.testing.assert_allclose(array(heatmap["z"]), expected, atol=1e-6)
    assert heatmap["x"] == ["1·3", "2·1", "3·4", "4·1", "5·5", "6·&lt;END&gt;"]
    assert heatmap["y"] == ["1→5", "2→1", "3→4", "4→1", "5→3", "6→&lt;END&gt;"]  # all right
    assert t("attention.result.all_correct", lang, steps=6) in markdown(app)


def test_a_wrong_output_is_marked_on_the_heatmap_and_in_the_text():
    # Length 28: beyond the training lengths the shipped attention model makes mistakes.
    digits = np.random.default_rng(28).integers(0, 10, 28)
    seen = attention_trace(SHIPPED.model, digits)
    wrong = np.flatnonzero(~seen.correct[:, 0])
    assert len(wrong) > 0
    app = run_page("en")
    app.text_input(key="attention_input").set_value(" ".join(map(str, digits))).run()
    labels = chart(app, "attention_heatmap_chart")["data"][0]["y"]
    assert [i for i, label in enumerate(labels) if label.startswith("✗")] == wrong.tolist()
    assert t("attention.result.wrong", "en", wrong=len(wrong), steps=29) in markdown(app)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_letters_in_the_sequence_get_a_message_and_the_last_sequence_stays(lang):
    app = run_page(lang)
    app.text_input(key="attention_input").set_value("3 1 4").run()
    app.text_input(key="attention_input").set_value("3 x 4").run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("common.sequence.invalid", lang, max_length=30)]
    assert len(chart(app, "attention_heatmap_chart")["data"][0]["x"]) == 4  # still 3 1 4


def test_stepping_moves_the_outline_and_shows_that_steps_weights_and_output():
    app = run_page("en")
    app.text_input(key="attention_input").set_value("2 4 7 1 3").run()
    assert app.button(key="attention_step_back").disabled
    for _ in range(2):
        app.button(key="attention_step_forward").click().run()
    assert app.session_state.attention_step == 3
    seen = attention_trace(SHIPPED.model, [2, 4, 7, 1, 3])
    outline = chart(app, "attention_heatmap_chart")["layout"]["shapes"][0]
    assert (outline["y0"], outline["y1"]) == (1.5, 2.5)  # row 3
    bars = chart(app, "attention_scores_chart")["data"]
    np.testing.assert_allclose(array(bars[1]["y"]), seen.weights[2, 0], atol=1e-6)
    np.testing.assert_allclose(array(bars[0]["y"]), seen.scores_at(SHIPPED.model, 2)[0],
                               rtol=1e-5, atol=1e-5)
    output = chart(app, "attention_output_chart")["data"][0]
    np.testing.assert_allclose(array(output["y"]), seen.probabilities[2, 0], atol=1e-6)
    assert r"c_{3} = \sum_{s=1}^{6}" in app.get("latex")[0].value  # this step, these shapes
    app.slider(key="attention_step").set_value(6).run()
    assert app.button(key="attention_step_forward").disabled


def test_a_shorter_sequence_brings_the_step_within_it():
    app = run_page("en", query={"step": "12"})
    assert app.session_state.attention_step == 12
    app.text_input(key="attention_input").set_value("5 6").run()
    assert not app.exception
    assert app.session_state.attention_step == 3 and app.slider(key="attention_step").max == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_comparison_shows_where_each_model_breaks(lang):
    app = run_page(lang, query={"length": "18"})
    assert not app.exception
    figure = chart(app, "attention_lengths_chart")
    lines = {trace["name"]: array(trace["y"]) for trace in figure["data"]}
    basic, attention = lines[t("kinds.seq2seq", lang)], lines[t("kinds.attention", lang)]
    assert len(basic) == len(attention) == 30
    assert attention[:20].min() >= 0.95  # shipped attention: every trained length
    assert basic[14:20].max() < 0.5  # shipped basic: gone long before 20
    first_basic = int(np.flatnonzero(basic < 0.5)[0]) + 1
    first_attention = int(np.flatnonzero(attention < 0.5)[0]) + 1
    assert 10 <= first_basic < 20 < first_attention
    assert t("attention.compare.breaking", lang, basic=first_basic, attention=first_attention,
             samples=200) in markdown(app)
    shaded = figure["layout"]["shapes"][0]
    assert (shaded["x0"], shaded["x1"]) == (0.5, 20.5)  # the training lengths
    assert figure["layout"]["shapes"][1]["x0"] == 18  # the chosen length
    sample = np.random.default_rng(18).integers(0, 10, 18)  # the page's sequence of length 18
    assert tokens_markdown(sample) in markdown(app)


def test_the_models_shown_are_named_shipped_by_default_and_the_current_one_when_it_is_that_kind():
    app = run_page("en")
    text = markdown(app)
    assert t("kinds.attention.shipped", "en") in text and "seed 1" in text
    current = load_pretrained("attention")
    current.model.fc_score.weight.data *= 0  # uniform attention: a different model
    app = run_page("en", session={MODEL_KEY: current})
    assert "your current model (seq2seq + attention" in markdown(app)
    assert array(chart(app, "attention_heatmap_chart")["data"][0]["z"]).std() < 1e-6


def test_a_kept_attention_run_is_shown_when_the_current_model_is_another_kind():
    book = RunBook()
    book.start(Hyperparameters(hidden=8, batch_size=10, iterations=200, max_len=5),
               iterations=100, kind="attention")  # paused halfway: not made current
    while book.running:
        book.advance(1.0)
    app = run_page("en", session={BOOK_KEY: book, MODEL_KEY: load_pretrained()})
    assert not app.exception
    text = markdown(app)
    assert "this session's newest seq2seq + attention run: " in text and "Run 1" in text

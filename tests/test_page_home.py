"""The home page under AppTest: vocabulary table, diagram, the try-it box, the attention step,
links to every page."""
import base64
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import PAGE_NAMES
from seq2seq_core.data import MAX_TYPED_LENGTH
from seq2seq_core.i18n import LANGUAGES, t

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "home.py")


def run_page(lang="ko"):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["lang"] = lang
    return app.run()


def answers(app):
    """The marked answers shown: the pretrained seq2seq's, then the attention model's."""
    return [m.value for m in app.markdown if "-background[" in m.value]


def answer(app):
    return answers(app)[0]


def page_links(app):
    """(page, label) of every page link, in page order."""
    return [(link.proto.page, link.proto.label) for link in app.get("page_link")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_draws_in_both_languages(lang):
    app = run_page(lang)
    assert not app.exception
    assert app.title[0].value == t("home.title", lang)
    vocabulary = next(m.value for m in app.markdown if m.value.startswith("|"))
    header, rule, *rows = vocabulary.splitlines()
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    assert header.split("|")[1].strip() == t("home.vocab.token", lang)
    assert [row[0] for row in cells] == [str(digit) for digit in range(10)] + ["<START>", "<END>"]
    assert (np.array([row[1:] for row in cells], dtype=int) == np.eye(12)).all()
    (diagram,) = app.get("image")
    encoded = diagram.proto.imgs[0].url.removeprefix("data:image/svg+xml;base64,")
    svg = base64.b64decode(encoded).decode()
    assert svg.startswith("<svg") and t("home.model.title", lang) in svg
    assert [name for name, _ in page_links(app)] == ["attention", *PAGE_NAMES[1:]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_story_ends_with_the_attention_step_and_its_link(lang):
    app = run_page(lang)
    steps = ["home.why_hard.title", "home.vocab.title", "home.model.title", "home.try.title",
             "home.attention.title", "home.pages.title"]
    assert [s.value for s in app.subheader] == [t(key, lang) for key in steps]
    # the one link before the list of pages is the attention step's
    assert page_links(app)[0] == ("attention", t("home.attention.link", lang))
    assert any(m.value == t("home.attention.model", lang) for m in app.markdown)


def test_on_fifteen_digits_the_basic_model_errs_and_the_attention_model_does_not():
    # What the attention step tells the student to try.
    app = run_page("en")
    app.text_input(key="home_try").set_value("314159265358979").run()
    basic, attention = answers(app)
    assert "red-background" in basic
    assert attention.count("green-background") == 16 and "red-background" not in attention
    scores = [c.value for c in app.caption if "positions right" in c.value]
    assert [score.split(" · ")[1] for score in scores] == [
        t("home.try.score", "en", correct=13, total=16),
        t("home.try.score", "en", correct=16, total=16)]


def test_the_example_is_reversed_by_the_pretrained_model():
    app = run_page("en")
    assert answer(app).split() == [
        ":green-background[**3**", "✓]", ":green-background[**1**", "✓]",
        ":green-background[**7**", "✓]", ":green-background[**4**", "✓]",
        ":green-background[**2**", "✓]", ":green-background[**<END>**", "✓]",
    ]
    assert any(t("home.try.score", "en", correct=6, total=6) in c.value for c in app.caption)


def test_typing_digits_shows_the_answer_at_once():
    app = run_page("en")
    app.text_input(key="home_try").set_value("9,8,7").run()
    assert answer(app).count("green-background") == 4
    assert "7 8 9 <END>" in " ".join(c.value for c in app.caption)


def test_a_long_sequence_shows_wrong_steps_in_red():
    app = run_page("en")
    app.text_input(key="home_try").set_value("1234567890" * 3).run()
    assert "red-background" in answer(app)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "typed, reason",
    [("3 x 4", "invalid"), ("", "empty"), ("-3", "invalid"), ("1" * 31, "too_long")],
)
def test_bad_input_gives_a_message_in_the_users_language(lang, typed, reason):
    app = run_page(lang)
    app.text_input(key="home_try").set_value(typed).run()
    assert not app.exception
    message = t(f"common.sequence.{reason}", lang, max_length=MAX_TYPED_LENGTH)
    assert [w.value for w in app.warning] == [message]
    assert not answers(app)  # neither model answers, the attention step still links on
    assert page_links(app)[0] == ("attention", t("home.attention.link", lang))

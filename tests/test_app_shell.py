"""The app shell under AppTest: navigation over six pages, the language switch, page files alone."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import LANG_KEY, MODEL_KEY, PAGE_NAMES
from seq2seq_core.i18n import LANGUAGES, t

ROOT = Path(__file__).resolve().parents[1]


def run(path, lang=None):
    app = AppTest.from_file(str(ROOT / path), default_timeout=60)
    if lang is not None:
        app.query_params["lang"] = lang
    return app.run()


def test_every_page_file_is_named_after_its_url_path():
    assert sorted(path.stem for path in (ROOT / "pages").glob("[!_]*.py")) == sorted(PAGE_NAMES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_app_opens_on_home_in_the_language_of_the_url(lang):
    app = run("app.py", lang)
    assert not app.exception
    assert app.title[0].value == t("home.title", lang)
    assert app.session_state[LANG_KEY] == lang
    assert app.query_params["lang"] == lang


def test_korean_is_the_default_and_the_url_says_so():
    app = run("app.py")
    assert app.title[0].value == t("home.title", "ko")
    assert app.query_params["lang"] == "ko"


def test_an_unknown_language_in_the_url_falls_back_to_korean():
    app = run("app.py", "fr")
    assert not app.exception
    assert app.session_state[LANG_KEY] == "ko"
    assert app.query_params["lang"] == "ko"


def test_the_sidebar_switch_changes_the_language_and_the_url():
    app = run("app.py")
    switch = app.sidebar.radio(key=LANG_KEY)
    assert switch.label == t("common.language", "ko")
    switch.set_value("en").run()
    assert not app.exception
    assert app.title[0].value == t("home.title", "en")
    assert app.query_params["lang"] == "en"
    assert app.sidebar.radio(key=LANG_KEY).label == t("common.language", "en")


@pytest.mark.parametrize("name", ["training", "hidden_states", "accuracy", "batches", "broadcasting"])
def test_switching_to_a_page_runs_it_inside_the_shell(name):
    app = run("app.py", "en")
    app.switch_page(f"pages/{name}.py").run()
    assert not app.exception
    assert app.title[0].value.strip()
    assert app.sidebar.radio(key=LANG_KEY).value == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_file_runs_alone(name, lang):
    app = run(f"pages/{name}.py", lang)
    assert not app.exception
    assert app.title, f"{name} draws no title"


def test_the_current_model_is_loaded_only_when_a_page_asks_for_it():
    app = run("pages/batches.py", "en")
    assert MODEL_KEY not in app.session_state

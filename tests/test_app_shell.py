"""The app shell under AppTest: navigation over six pages, the language switch, page files alone."""
import tomllib
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from pages._shell import LANG_KEY, MODEL_KEY, PAGE_NAMES
from seq2seq_core.i18n import LANGUAGES, t

ROOT = Path(__file__).resolve().parents[1]
# The heading each page draws first (two pages reuse their menu entry's title).
PAGE_TITLE_KEYS = {
    "home": "home.title",
    "batches": "batches.title",
    "broadcasting": "broadcasting.title",
    "training": "training.title",
    "hidden_states": "shell.page.hidden_states",
    "accuracy": "shell.page.accuracy",
    "attention": "attention.title",
}


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


def test_an_unknown_language_in_the_url_falls_back_to_korean_and_says_so():
    app = run("app.py", "fr")
    assert not app.exception
    assert app.session_state[LANG_KEY] == "ko"
    assert app.query_params["lang"] == "ko"
    assert [w.value for w in app.warning] == [t("shell.url.rejected", "ko", params="`lang`")]


def test_the_navigation_titles_every_page_in_the_chosen_language():
    def menu():  # what app.py hands to st.navigation, listed as text
        import streamlit as st

        from pages._shell import navigation_pages

        for lang in ("ko", "en"):
            for entry in navigation_pages(lang):
                st.text(f"{lang}|{entry.url_path}|{entry.title}")

    app = AppTest.from_function(menu, default_timeout=60).run()
    assert not app.exception
    assert [text.value for text in app.text] == [
        f"{lang}|{'' if name == 'home' else name}|{t(f'shell.page.{name}', lang)}"
        for lang in ("ko", "en") for name in PAGE_NAMES
    ]
    assert all(t(f"shell.page.{name}", "ko") != t(f"shell.page.{name}", "en")
               for name in PAGE_NAMES), "a page's menu entry is not translated"


def test_the_sidebar_switch_changes_the_language_and_the_url():
    app = run("app.py")
    switch = app.sidebar.radio(key=LANG_KEY)
    assert switch.label == t("common.language", "ko")
    switch.set_value("en").run()
    assert not app.exception
    assert app.title[0].value == t("home.title", "en")
    assert app.query_params["lang"] == "en"
    assert app.sidebar.radio(key=LANG_KEY).label == t("common.language", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", [n for n in PAGE_NAMES if n != "home"])
def test_switching_to_a_page_runs_it_inside_the_shell(name, lang):
    app = run("app.py", lang)
    app.switch_page(f"pages/{name}.py").run()
    assert not app.exception
    assert app.title[0].value == t(PAGE_TITLE_KEYS[name], lang)
    assert app.sidebar.radio(key=LANG_KEY).value == lang


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_file_runs_alone(name, lang):
    app = run(f"pages/{name}.py", lang)
    assert not app.exception
    assert app.title[0].value == t(PAGE_TITLE_KEYS[name], lang)


def test_the_current_model_is_loaded_only_when_a_page_asks_for_it():
    app = run("pages/batches.py", "en")
    assert MODEL_KEY not in app.session_state


def test_a_visitor_sees_that_something_went_wrong_but_no_traceback_or_server_path():
    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    value = shipped["client"]["showErrorDetails"]

    def broken_page():
        open("/srv/explorer/checkpoints/missing.npz")  # noqa: SIM115 - fails, as a bug would

    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", value)
    try:
        app = AppTest.from_function(broken_page, default_timeout=60).run()
    finally:
        config.set_option("client.showErrorDetails", before)
    (error,) = app.exception
    assert error.message.strip(), "the visitor is told that something went wrong"
    assert error.stack_trace == []
    assert "/srv/explorer" not in str(error.proto)

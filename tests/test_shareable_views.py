"""Every page opens from a shared link with the link's settings; bad links fall back politely."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seq2seq_core.i18n import t
from seq2seq_core.url_state import PAGE_SETTINGS

PAGES = Path(__file__).resolve().parents[1] / "pages"
APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_link(page, **query):
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    return app.run()


LINKS = {
    "home": {"seq": "9 8 7"},
    "batches": {"min_len": "4", "max_len": "9", "batch": "25", "seed": "17"},
    "broadcasting": {"T": "3", "N": "2", "C": "5", "K": "6", "weights": "transposed"},
    "training": {"model": "attention", "hidden": "64", "lr": "0.005", "batch": "32",
                 "iterations": "2000", "lengths": "3-12", "seed": "7"},
    "hidden_states": {"seq": "2 7 1 8", "length": "12"},
    "accuracy": {"samples": "300", "lengths": "1-12"},
}


@pytest.mark.parametrize("page", sorted(LINKS))
def test_a_link_opens_exactly_its_view_and_the_url_stays_in_step(page):
    app = open_link(page, lang="en", **LINKS[page])
    assert not app.exception
    assert not app.warning, "a valid link opens without a notice"
    expected = {s.widget_key: s.parse(LINKS[page][s.param]) for s in PAGE_SETTINGS[page]}
    for key, value in expected.items():
        assert app.session_state[key] == value
    for name, value in LINKS[page].items():
        assert app.query_params[name] == [value] or app.query_params[name] == value
    share = app.sidebar.code[0].value
    assert share.startswith(f"/{'' if page == 'home' else page}?lang=en")
    assert all(f"{name}=" in share for name in LINKS[page])


def test_changing_a_widget_updates_the_link():
    app = open_link("batches", lang="en")
    app.slider(key="batches_size").set_value(42).run()
    app.run()  # the URL mirrors the values the run started with
    assert "batch=42" in app.sidebar.code[0].value


@pytest.mark.parametrize(
    "page, query",
    [("batches", {"seed": "abc"}), ("batches", {"batch": "100000"}),
     ("hidden_states", {"seq": "1" * 10_000}), ("accuracy", {"lengths": "30-1"}),
     ("broadcasting", {"weights": "<img src=x>"}), ("home", {"seq": "3 x 4"}),
     ("training", {"hidden": "100000"}), ("training", {"lr": "nan"})],
)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_invalid_or_hostile_values_fall_back_to_defaults_with_a_notice(page, query, lang):
    app = open_link(page, lang=lang, **query)
    assert not app.exception
    (name,) = query
    setting = next(s for s in PAGE_SETTINGS[page] if s.param == name)
    assert app.session_state[setting.widget_key] == setting.default
    notices = [w.value for w in app.warning]
    assert t("shell.url.rejected", lang, params=f"`{name}`") in notices


def drawn(app):
    """Everything the run drew (main column and sidebar) as the text sent to the browser."""
    return "\n".join(str(getattr(node, "proto", "")) for root in (app.main, app.sidebar)
                     for node in root)


@pytest.mark.parametrize("lang", ["fr", "EN", "", "<script>alert(1)</script>"])
def test_an_unknown_language_falls_back_to_korean_with_the_same_notice(lang):
    app = open_link("batches", lang=lang, seed="abc")
    assert not app.exception
    assert app.session_state["lang"] == "ko"
    assert app.query_params["lang"] in ("ko", ["ko"])
    notices = [w.value for w in app.warning]
    assert notices == [t("shell.url.rejected", "ko", params="`lang`, `seed`")]
    app.run()
    assert not app.warning, "the notice is for the link as opened, not for every rerun"


def test_an_unknown_language_is_noticed_when_the_link_goes_through_app_py():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "fr"
    app.run()
    assert not app.exception
    assert app.title[0].value == t("home.title", "ko")
    assert [w.value for w in app.warning] == [t("shell.url.rejected", "ko", params="`lang`")]


HOSTILE = "**bold**<b>tag</b>[link](javascript:alert(1))"


@pytest.mark.parametrize("page", sorted(PAGE_SETTINGS))
def test_a_links_refused_values_are_never_drawn(page):
    app = open_link(page, lang=HOSTILE, **{s.param: HOSTILE for s in PAGE_SETTINGS[page]})
    assert not app.exception
    shown = drawn(app)
    assert "`lang`" in shown and "lang=ko" in shown  # the walk sees the notice and share box
    assert "javascript" not in shown and "<b>" not in shown and "**bold**" not in shown


def test_settings_come_back_after_visiting_another_page():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    app.switch_page("pages/batches.py").run()
    app.slider(key="batches_seed").set_value(123).run()
    app.switch_page("pages/home.py").run()
    app.switch_page("pages/batches.py").run()
    assert not app.exception
    assert app.slider(key="batches_seed").value == 123


def test_presenter_mode_from_the_link_and_the_toggle():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["present"] = "1"
    app.run()
    assert not app.exception
    assert app.toggle(key="present").value is True
    assert app.query_params["present"] in ("1", ["1"])
    assert any("zoom" in str(getattr(node, "proto", "")) for node in app.get("html"))
    app.toggle(key="present").set_value(False).run()
    assert "present" not in app.query_params
    assert not any("zoom" in str(getattr(node, "proto", "")) for node in app.get("html"))

"""The /batches page under AppTest: shapes follow the sliders, impossible ranges give a message."""
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seq2seq_core.i18n import LANGUAGES, t

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "batches.py")


def run_page(lang="ko"):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["lang"] = lang
    return app.run()


def shapes(app):
    """The (T, N) written out on the page, read back from the shapes line."""
    line = next(m.value for m in app.markdown if m.value.startswith("`x: (T="))
    T, N, C = map(int, re.match(r"`x: \(T=(\d+), N=(\d+), C=(\d+)\)`", line).groups())
    assert f"`digits: (T-1={T - 1}, N={N})`" in line
    return T, N, C


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_draws_in_both_languages(lang):
    app = run_page(lang)
    assert not app.exception
    assert app.title[0].value == t("batches.title", lang)
    assert len(app.get("plotly_chart")) == 2  # the one-hot heatmap and the length histogram


@pytest.mark.parametrize("lang", LANGUAGES)
def test_batch_size_slider_changes_n(lang):
    app = run_page(lang)
    assert shapes(app)[1] == 10
    app.slider(key="batches_size").set_value(37).run()
    assert shapes(app)[1] == 37
    assert shapes(app)[2] == 12


def test_fixing_the_length_fixes_t():
    app = run_page()
    app.slider(key="batches_min").set_value(6)
    app.slider(key="batches_max").set_value(6).run()
    assert shapes(app)[0] == 7  # six digits, then <END>
    assert "seq_len_min=6, seq_len_max=6" in app.main.code[0].value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_min_above_max_gives_a_message_not_an_exception(lang):
    app = run_page(lang)
    app.slider(key="batches_min").set_value(25).run()
    assert not app.exception
    refusal = t("batches.error.min_above_max", lang, seq_len_min=25, seq_len_max=20)
    assert [w.value for w in app.warning] == [refusal]
    assert not app.get("plotly_chart")
    app.slider(key="batches_max").set_value(30).run()
    assert not app.warning
    assert 26 <= shapes(app)[0] <= 31


def test_new_batch_button_moves_the_seed_and_the_call_shows_it():
    app = run_page("en")
    assert "default_rng(0)" in app.main.code[0].value
    app.button[0].click().run()
    assert app.slider(key="batches_seed").value == 1
    assert "default_rng(1)" in app.main.code[0].value


def test_picking_a_sequence_shows_its_digits_and_reversed_target():
    app = run_page("en")
    app.selectbox[0].set_value(3).run()
    digits_line, target_line = app.main.code[1].value.splitlines()
    digits = eval(digits_line.split("=", 1)[1])
    target = eval(target_line.split("=", 1)[1])
    assert digits_line.startswith("digits[:, 3]")
    assert target == digits[::-1] + [11]

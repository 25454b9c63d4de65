"""The /broadcasting page under AppTest: shapes follow the sliders, a mismatched W is explained."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seq2seq_core.broadcasting import matmul_error
from seq2seq_core.i18n import LANGUAGES, t

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "broadcasting.py")


def run_page(lang="ko"):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["lang"] = lang
    return app.run()


def shape_line(app):
    return next(m.value for m in app.markdown if m.value.startswith("`x: (T="))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_draws_in_both_languages_with_all_checks_equal(lang):
    app = run_page(lang)
    assert not app.exception
    assert app.title[0].value == t("broadcasting.title", lang)
    equal = t("broadcasting.checks.equal", lang)
    assert sum(equal in m.value for m in app.markdown) == 3
    assert len(app.get("plotly_chart")) == 2


def test_sliders_change_the_shapes_shown():
    app = run_page("en")
    assert shape_line(app) == "`x: (T=2, N=3, C=4)` @ `W: (4, 5)` → `y: (T=2, N=3, K=5)`"
    app.slider(key="broadcasting_T").set_value(5)
    app.slider(key="broadcasting_K").set_value(2).run()
    assert shape_line(app) == "`x: (T=5, N=3, C=4)` @ `W: (4, 2)` → `y: (T=5, N=3, K=2)`"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_mismatched_weight_shows_numpys_error_explained(lang):
    app = run_page(lang)
    app.radio(key="broadcasting_layout").set_value("extra_row").run()
    assert not app.exception
    assert t("broadcasting.mismatch.title", lang) in app.error[0].value
    assert "C = 4" in app.error[0].value
    assert app.main.code[-1].value == f"ValueError: {matmul_error((2, 3, 4), (5, 5))}"
    assert not any(t("broadcasting.checks.equal", lang) in m.value for m in app.markdown)


def test_a_transposed_square_weight_runs_but_is_flagged():
    app = run_page("en")
    app.slider(key="broadcasting_K").set_value(4)
    app.radio(key="broadcasting_layout").set_value("transposed").run()
    assert not app.error
    assert [i.value for i in app.info] == [t("broadcasting.silent_transpose", "en")]


def test_one_time_step_needs_no_step_slider():
    app = run_page("en")
    app.slider(key="broadcasting_T").set_value(1).run()
    assert not app.exception
    assert "broadcasting_step" not in [s.key for s in app.slider]

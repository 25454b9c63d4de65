"""Every widget that holds a URL setting takes its bounds and default from that one ``Setting``."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from seq2seq_core.kinds import DEFAULT_KIND, MODEL_KINDS
from seq2seq_core.train import LIMITS, SESSION_LIMITS
from seq2seq_core.url_state import PAGE_SETTINGS

PAGES = Path(__file__).resolve().parents[1] / "pages"


@pytest.mark.parametrize("page", [page for page, settings in PAGE_SETTINGS.items() if settings])
def test_each_widget_shows_the_bounds_and_default_of_its_setting(page, widget):
    app = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    for setting in PAGE_SETTINGS[page]:
        element = widget(app, setting.widget_key)
        if setting.kind == "sequence":
            assert element.value == setting.default
            continue
        if setting.choices:
            assert len(element.options) == len(setting.choices)
            assert element.value == setting.default
            continue
        if setting.capped:  # the page lowers the high bound to what the view allows
            assert element.min == setting.low and element.max <= setting.high, setting.widget_key
        else:
            assert (element.min, element.max) == (setting.low, setting.high), setting.widget_key
        assert element.step == (setting.step or 1), setting.widget_key
        shown = list(element.value) if setting.kind == "int_range" else element.value
        assert shown == (list(setting.default) if setting.kind == "int_range" else setting.default)


def test_the_training_settings_are_the_engines_session_limits_within_what_it_accepts():
    fields = {"train_hidden": "hidden", "train_batch": "batch_size",
              "train_iterations": "iterations", "train_lengths": "max_len", "train_seed": "seed",
              "train_lr": "learning_rate"}
    settings = {setting.widget_key: setting for setting in PAGE_SETTINGS["training"]}
    model = settings.pop("train_model")  # the one setting that is not a hyperparameter
    assert (model.choices, model.default) == (tuple(MODEL_KINDS), DEFAULT_KIND)
    assert set(settings) == set(fields)
    for setting in settings.values():
        field = fields[setting.widget_key]
        assert (setting.low, setting.high) == SESSION_LIMITS[field]
        low, high = LIMITS[field]
        assert low <= setting.low <= setting.high <= high

"""A script run that raises leaves the session as it was: the next run sends every widget its value.

After a failed run the browser forgets the values of every widget it no longer
shows; the server must then send each one its value (``set_value``), or the
browser draws its defaults (sliders at their minimum, the language switch on
Korean) and sends them back on the next click.
"""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from seq2seq_core.runs import RunBook
from seq2seq_core.url_state import PAGE_SETTINGS

APP = str(Path(__file__).resolve().parents[1] / "app.py")
LINK = {"lang": "en", "hidden": "64", "lr": "0.005", "batch": "32", "iterations": "2000",
        "lengths": "3-12", "seed": "7", "present": "1"}


def test_after_a_run_that_raised_every_widget_is_sent_the_sessions_value(monkeypatch, widget):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update(LINK)
    app.run()
    app.switch_page("pages/training.py").run()
    assert not app.exception
    keys = [setting.widget_key for setting in PAGE_SETTINGS["training"]]
    shown = {key: widget(app, key).value for key in keys}
    monkeypatch.setattr(RunBook, "take_finished", lambda book: 1 / 0)  # fails before any widget
    app.run()
    assert app.exception
    monkeypatch.undo()
    app.run()
    assert not app.exception
    for key in keys:  # not drawn in the failed run: the browser has forgotten them
        assert widget(app, key).proto.set_value, f"{key}: the browser would draw its default"
    assert {key: widget(app, key).value for key in shown} == shown
    assert (widget(app, "lang").value, widget(app, "present").value) == ("en", True)

"""``/accuracy`` under AppTest: both languages, samples rerun the evaluation, models to compare."""
import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import BOOK_KEY
from seq2seq_core.checkpoint import Checkpoint
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.runs import RunBook
from seq2seq_core.train import Hyperparameters, Trainer

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "accuracy.py")


def run_page(lang="en", session=None):
    app = AppTest.from_file(PAGE, default_timeout=120)
    app.query_params["lang"] = lang
    for key, value in (session or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def chart_traces(app, index):
    """The traces of the page's ``index``-th Plotly chart, as plotly JSON dicts."""
    return json.loads(app.get("plotly_chart")[index].proto.spec)["data"]


def values(array):
    """A Plotly JSON array as a list; plotly sends NumPy arrays base64-encoded."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


def table(app):
    return app.dataframe[0].value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_renders_in_both_languages(lang):
    app = run_page(lang)
    assert app.title[0].value == t("shell.page.accuracy", lang)
    subheaders = ("accuracy.by_length", "accuracy.positions", "accuracy.why", "accuracy.table")
    assert [s.value for s in app.subheader] == [t(key, lang) for key in subheaders]
    assert len(app.get("plotly_chart")) == 3
    # the current model is the pretrained one, so it is drawn once, beside the baseline
    names = [trace["name"] for trace in chart_traces(app, 0)]
    current_is_pretrained = (f"{t('accuracy.model.current', lang)} = "
                             f"{t('kinds.seq2seq.shipped', lang)}")
    assert names == [current_is_pretrained, t("kinds.baseline.shipped", lang),
                     t("accuracy.fig.ceiling", lang)]
    columns = ("model", "length", "samples", "exact_match", "exact_match_low", "exact_match_high",
               "token_accuracy")
    assert list(table(app).columns) == [t(f"accuracy.column.{c}", lang) for c in columns]


def test_the_default_evaluation_covers_lengths_1_to_30_with_intervals():
    app = run_page()
    for chart in (0, 1):
        assert values(chart_traces(app, chart)[0]["x"]) == list(range(1, 31))
    rows = table(app)
    assert rows["length"].tolist() == list(range(1, 31)) * 2
    assert (rows["samples"] == 1000).all()
    assert (rows["exact match 95% low"] <= rows["exact match"]).all()
    assert (rows["exact match"] <= rows["exact match 95% high"]).all()


def test_changing_samples_reruns_the_evaluation():
    app = run_page()
    before = table(app)
    app.slider(key="accuracy_samples").set_value(300).run()
    assert not app.exception
    after = table(app)
    assert (after["samples"] == 300).all()
    # fewer sequences, wider intervals where the accuracy is neither 0 nor 1
    mixed = (before["exact match"] > 0.05) & (before["exact match"] < 0.95)

    def width(rows):
        return (rows["exact match 95% high"] - rows["exact match 95% low"])[mixed]

    assert mixed.any() and (width(after) > width(before)).all()


def test_changing_the_lengths_changes_the_x_axis():
    app = run_page()
    app.slider(key="accuracy_lengths").set_value((5, 12)).run()
    assert table(app)["length"].tolist() == list(range(5, 13)) * 2


def test_a_trained_current_model_is_compared_with_pretrained_and_baseline():
    hp = Hyperparameters(hidden=16, batch_size=20, iterations=40, max_len=8, seed=1)
    trainer = Trainer(hp)
    trainer.step(40)
    app = run_page(session={"current_model": Checkpoint(trainer.model, hp, trainer.history)})
    names = [trace["name"] for trace in chart_traces(app, 0)]
    assert names[:3] == [t("accuracy.model.current", "en")] + [
        t(kind.shipped_label_key, "en") for kind in MODEL_KINDS.values()]
    assert table(app)["model"].nunique() == 3
    # the training range of the current model (1–8) is shaded beside the notebook's (1–20)
    shapes = json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["shapes"]
    assert sorted((s["x0"] + 0.5, s["x1"] - 0.5) for s in shapes) == [(1, 8), (1, 20)]


def test_the_answers_cite_the_charts_numbers():
    app = run_page()
    text = " ".join(m.value for m in app.markdown)
    assert "At length 4: baseline" in text  # one-pass ceiling evidence
    assert "before its first mistake" in text  # compounding evidence
    assert "At length 25" in text  # beyond the training range
    assert "(#by-length)" in text and "(#positions)" in text


def test_no_model_chosen_gives_a_message_not_an_error():
    app = run_page()
    app.multiselect(key="accuracy_models").set_value([]).run()
    assert not app.exception
    assert app.info[0].value == t("accuracy.no_models", "en")
    assert not app.get("plotly_chart")


def test_the_heatmap_follows_the_chosen_model():
    app = run_page()
    app.selectbox(key="accuracy_heatmap_model").set_value(1).run()  # the baseline
    traces = chart_traces(app, 2)
    assert [trace["type"] for trace in traces] == ["heatmap", "scatter"]
    assert traces[1]["name"] == t("accuracy.fig.unread", "en")


def test_runs_kept_on_the_training_page_are_overlaid():
    book, elsewhere = RunBook(), RunBook()
    for seed, trained_in in ((1, book), (2, book), (3, elsewhere)):
        trained_in.start(Hyperparameters(hidden=8, batch_size=10, iterations=20, max_len=6,
                                         seed=seed))
        while trained_in.running:
            trained_in.advance(1.0)
    book.select_pretrained()  # the student went back to the shipped model after both ended
    book.add_checkpoint(elsewhere.run(1).checkpoint(), "mine.npz")
    app = run_page(session={BOOK_KEY: book})
    names = [trace["name"] for trace in chart_traces(app, 0)]
    assert t("training.run_label", "en", number=2) in names
    assert t("training.run_label_file", "en", number=3, name="mine.npz") in names
    assert table(app)["model"].nunique() == 5  # current = pretrained, baseline, three runs

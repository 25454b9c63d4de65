"""The training page under AppTest: a run trains in its own thread, seen by every ``at.run()``."""
import io
import json
import time
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import BOOK_KEY, MODEL_KEY
from seq2seq_core import line as line_module
from seq2seq_core.attention import AttentionSeq2Seq
from seq2seq_core.checkpoint import checkpoint_bytes, load_pretrained
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.kinds import DEFAULT_KIND, MODEL_KINDS
from seq2seq_core.line import TRAINING_LINE, InLine, Line, waiting_text
from seq2seq_core.model import Seq2Seq
from seq2seq_core.probes import PROBE_LENGTHS
from seq2seq_core.run import Run, run_label
from seq2seq_core.runs import RunBook, display_name
from seq2seq_core.token_text import escape_markdown
from seq2seq_core.train import Hyperparameters, Status
from seq2seq_core.worker import CHUNK_SECONDS

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "training.py")
BUTTONS = ("train_start", "train_pause", "train_step", "train_reset")
TINY = Hyperparameters(hidden=4, batch_size=2, iterations=150, min_len=1, max_len=3, seed=1)


OPENED = []  # every page a test opened, to stop its training thread after the test


@pytest.fixture(autouse=True)
def pause_training_after_each_test():
    yield
    while OPENED:
        at = OPENED.pop()
        if BOOK_KEY in at.session_state:  # not if the page failed before creating it
            at.session_state[BOOK_KEY].pause()


def open_link(lang="en", session=None, **query):
    """The page opened from a link with ``query`` (e.g. ``model="attention"``), and ``session``."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    OPENED.append(at)
    at.query_params["lang"] = lang
    at.query_params.update(query)
    for key, value in (session or {}).items():  # what the session already holds
        at.session_state[key] = value
    at.run()
    return at


def open_page(lang="en", **settings):
    """The page in ``lang`` with some widgets moved, e.g. ``train_hidden=4``."""
    at = open_link(lang)
    widgets = {"train_seed": at.number_input, "train_lr": at.select_slider,
               "train_model": at.radio}
    for key, value in settings.items():
        widgets.get(key, at.slider)(key=key).set_value(value)
    if settings:
        at.run()
    return at


def book(at):
    return at.session_state[BOOK_KEY]


def texts(elements):
    return " ".join(str(element.value) for element in elements)


def chart_traces(at, key):
    """The traces of each Plotly chart drawn under ``key`` (each copy of a live chart), as JSON."""
    return [json.loads(chart.proto.spec)["data"] for chart in at.get("plotly_chart")
            if f"-{key}" in chart.proto.id]


def progress_text(at):
    return at.get("progress")[0].proto.text


def run_until_stopped(at, seconds=60):
    """Rerun the page until its run has stopped on its own, as the fragment's timer would."""
    deadline = time.monotonic() + seconds
    while book(at).running:
        if time.monotonic() > deadline:
            raise AssertionError("training did not stop")
        time.sleep(0.05)
    at.run()  # the rerun in which the page sees the stop
    at.run()  # the whole-page rerun it asks for


def wait_for_iterations_beyond(at, iteration, seconds=30):
    """The active run's iteration once it exceeds ``iteration`` (training goes on in its thread)."""
    deadline = time.monotonic() + seconds
    while book(at).active.iteration <= iteration:
        if time.monotonic() > deadline:
            raise AssertionError(f"training did not pass iteration {iteration}")
        time.sleep(0.02)
    return book(at).active.iteration


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_shows_its_controls_in_both_languages(lang):
    at = open_page(lang)
    assert not at.exception
    assert at.title[0].value == t("training.title", lang)
    assert [button.key for button in at.button][:4] == list(BUTTONS)
    assert at.button(key="train_start").label == t("training.start", lang)
    assert at.button(key="train_pause").disabled and at.button(key="train_reset").disabled
    assert t("training.no_run", lang) in texts(at.info)
    assert t("training.current.pretrained", lang) in texts(at.markdown)
    # The defaults are the notebook's.
    assert at.slider(key="train_hidden").value == 50
    assert at.select_slider(key="train_lr").value == pytest.approx(1e-3)
    assert at.slider(key="train_lengths").value == (1, 20)


def test_start_trains_in_the_background_and_pause_stops_it_at_once():
    at = open_page()
    at.button(key="train_start").click().run()
    assert book(at).running
    assert at.button(key="train_start").disabled and not at.button(key="train_pause").disabled
    first = wait_for_iterations_beyond(at, 0)
    second = wait_for_iterations_beyond(at, first)
    at.run()
    assert f"{run_label(1, 'en', kind='seq2seq')} · training" in progress_text(at)
    at.button(key="train_pause").click().run()
    paused_at = book(at).active.iteration
    # What the page shows is the run.
    assert f"{paused_at:,} / 10,000" in at.get("progress")[0].proto.text
    assert paused_at >= second
    time.sleep(0.5)
    at.run()
    assert book(at).active.iteration == paused_at
    assert at.button(key="train_start").label == t("training.resume", "en")
    assert f"{run_label(1, 'en', kind='seq2seq')} · paused" in progress_text(at)
    at.button(key="train_start").click().run()
    assert book(at).active.iteration > paused_at and book(at).active.number == 1


LIVE_KEY = "_train_live"  # pages/training.py's; importing a page would run it


def test_the_live_charts_redraw_less_often_when_many_runs_are_live(monkeypatch):
    at = open_page()
    at.button(key="train_start").click().run()
    alone = at.session_state[LIVE_KEY]["seconds"]
    # Ten runs live: eight training in turns, two waiting in line.
    monkeypatch.setattr(TRAINING_LINE, "training", lambda: 8)
    monkeypatch.setattr(TRAINING_LINE, "waiting", lambda: 2)
    at.run()
    crowded = at.session_state[LIVE_KEY]["seconds"]
    assert crowded == pytest.approx(10 * CHUNK_SECONDS) and crowded > alone
    at.button(key="train_pause").click().run()
    assert at.session_state[LIVE_KEY]["seconds"] is None, "no timer while nothing trains"


def test_a_redraw_of_a_run_that_has_not_moved_reuses_its_figures():
    at = open_page(train_hidden=4, train_batch=10)
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    drawn = at.session_state[LIVE_KEY]["figures"]
    at.run()
    assert at.session_state[LIVE_KEY]["figures"] is drawn
    assert "100 / 10,000" in at.get("progress")[0].proto.text


def test_step_trains_one_hundred_iterations_then_pauses():
    at = open_page()
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    assert book(at).active.iteration == 100
    assert len(book(at).active.history["loss"]) == 100
    assert book(at).is_paused
    assert "100 / 10,000" in at.get("progress")[0].proto.text


def test_reset_keeps_the_run_for_comparison_and_the_next_run_uses_the_new_settings():
    at = open_page()
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    at.button(key="train_reset").click().run()
    assert book(at).active is None
    assert t("training.no_run", "en") in texts(at.info)
    table = at.dataframe[0].value
    assert list(table["Run"]) == ["Run 1"] and list(table["Iterations"]) == ["100 / 10,000"]
    at.slider(key="train_hidden").set_value(8).run()
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    assert book(at).active.number == 2 and book(at).active.model.dim_recurrent == 8
    assert book(at).run(1).model.dim_recurrent == 50


def test_changing_a_setting_mid_run_asks_for_a_reset_and_never_mixes_settings():
    at = open_page()
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    at.slider(key="train_hidden").set_value(16).run()
    warning = texts(at.warning)
    assert "hidden size D: 50 → 16" in warning and "Run 1" in warning
    at.button(key="train_start").click().run()  # resumes run 1 with its own settings
    assert book(at).active.number == 1 and book(at).active.model.dim_recurrent == 50
    at.button(key="train_pause").click().run()
    at.button(key="train_apply").click().run()
    assert book(at).active.number == 2 and book(at).active.model.dim_recurrent == 16
    assert book(at).running
    assert not at.warning
    assert book(at).run(1).iteration > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_model_kind_chosen_in_its_widget_trains_and_names_the_run(lang):
    at = open_page(lang, train_model="attention")
    assert at.query_params["model"] == "attention"  # in the link to this view
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    run = book(at).active
    assert isinstance(run.model, AttentionSeq2Seq) and run.iteration == 100
    label = run_label(1, lang, kind="attention")
    assert t("kinds.attention", lang) in label
    assert progress_text(at).startswith(f"{label} · {t('training.status.paused', lang)}")
    table = at.dataframe[0].value
    assert list(table[t("training.col.model", lang)]) == [t("kinds.attention", lang)]
    assert [trace["name"] for trace in chart_traces(at, "train_compare_chart")[0]] == [label]
    assert at.selectbox(key="train_pick").options[0].startswith(label)


def test_a_link_chooses_the_model_kind_and_start_trains_that_kind(widget):
    at = open_link(model="attention")
    assert widget(at, "train_model").value == "attention" and not at.warning
    at.button(key="train_start").click().run()
    wait_for_iterations_beyond(at, 0)
    at.button(key="train_pause").click().run()
    assert isinstance(book(at).active.model, AttentionSeq2Seq)
    assert run_label(1, "en", kind="attention") in progress_text(at)


def test_a_link_with_an_unknown_model_kind_is_refused_and_the_default_kind_trains(widget):
    at = open_link(model="bogus")
    assert t("shell.url.rejected", "en", params="`model`") in texts(at.warning)
    assert widget(at, "train_model").value == DEFAULT_KIND
    assert at.query_params["model"] == DEFAULT_KIND
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    assert type(book(at).active.model) is Seq2Seq


@pytest.mark.parametrize("lang", LANGUAGES)
def test_changing_the_model_kind_mid_run_asks_for_a_reset_and_apply_starts_that_kind(lang, widget):
    at = open_page(lang)
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    widget(at, "train_model").set_value("attention").run()
    change = t("training.change", lang, field=t("training.field.model", lang),
               run=t("kinds.seq2seq", lang), chosen=t("kinds.attention", lang))
    warning = texts(at.warning)
    assert change in warning and run_label(1, lang, kind="seq2seq") in warning
    at.button(key="train_step").click().run()  # goes on with run 1, of its own kind
    run_until_stopped(at)
    assert (book(at).active.number, book(at).active.kind) == (1, "seq2seq")
    assert book(at).active.iteration == 200
    at.button(key="train_apply").click().run()
    run = book(at).active
    assert run.number == 2 and isinstance(run.model, AttentionSeq2Seq) and book(at).running
    at.button(key="train_pause").click().run()
    assert not at.warning
    assert run_label(2, lang, kind="attention") in progress_text(at)
    assert book(at).run(1).kind == "seq2seq"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_runs_of_every_kind_overlay_on_the_comparison_chart_labelled_by_kind(lang, widget):
    at = open_page(lang, train_hidden=8)
    for kind in MODEL_KINDS:
        widget(at, "train_model").set_value(kind).run()
        at.button(key="train_step").click().run()
        run_until_stopped(at)
        at.button(key="train_reset").click().run()
    labels = [run_label(number, lang, kind=kind)
              for number, kind in enumerate(MODEL_KINDS, start=1)]
    assert len(set(labels)) == len(MODEL_KINDS)
    assert [trace["name"] for trace in chart_traces(at, "train_compare_chart")[0]] == labels
    table = at.dataframe[0].value
    assert list(table[t("training.col.model", lang)]) == [t(kind.label_key, lang)
                                                         for kind in MODEL_KINDS.values()]
    options = at.selectbox(key="train_pick").options
    assert len(options) == len(labels)
    assert all(option.startswith(label) for option, label in zip(options, labels))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_attention_runs_live_probes_show_its_answers(lang):
    shipped = load_pretrained("attention")
    session_book = RunBook()
    session_book.step(shipped.hyperparameters, iterations=1, kind="attention")
    while session_book.running:
        session_book.advance(1.0)
    for weight, shipped_weight in zip(session_book.active.model.parameters,
                                      shipped.model.parameters):
        weight.data[...] = shipped_weight.data  # the paused run now answers as the shipped model
    at = open_link(lang, session={BOOK_KEY: session_book})
    assert not at.exception
    [probe_chart] = chart_traces(at, "train_probe_chart")
    rows, tokens = probe_chart[0]["y"], probe_chart[0]["text"]
    outputs = [t("training.fig.probe_output", lang, length=length, right=length + 1,
                 total=length + 1) for length in PROBE_LENGTHS]
    assert rows[1::2] == outputs  # every answer right
    assert tokens[1::2] == tokens[::2]  # each output row spells its target row


def test_a_finished_run_becomes_the_current_model_and_the_pretrained_one_comes_back():
    at = open_page(train_hidden=4, train_batch=1, train_iterations=100)
    at.button(key="train_start").click().run()
    run_until_stopped(at)
    assert book(at).active.status == Status.FINISHED.value
    current = at.session_state[MODEL_KEY]
    assert current.model.dim_recurrent == 4 and len(current.history["loss"]) == 100
    assert "Run 1 finished 100 iterations" in texts(at.success)
    current_run = escape_markdown(run_label(1, "en", kind="seq2seq"))  # shown in Markdown
    assert f"{current_run}, its weights at iteration 100" in texts(at.markdown)
    at.button(key="train_use_pretrained").click().run()
    assert at.session_state[MODEL_KEY].model.dim_recurrent == 50
    assert t("training.current.pretrained", "en") in texts(at.markdown)
    at.selectbox(key="train_pick").set_value(1)
    at.button(key="train_use_run").click().run()
    assert at.session_state[MODEL_KEY].model.dim_recurrent == 4


def test_divergence_is_explained_the_history_stays_and_a_lower_rate_is_offered():
    at = open_page(train_hidden=256, train_lr=0.1, train_batch=20)
    at.button(key="train_start").click().run()
    run_until_stopped(at)
    run = book(at).active
    assert run.status == Status.DIVERGED.value
    assert run.iteration == len(run.history["loss"])
    error = texts(at.error)
    assert "diverged" in error and "ReLU" in error and "learning rate 0.1" in error
    assert "stopped: diverged" in at.get("progress")[0].proto.text
    at.button(key="train_lower_lr").click().run()
    assert at.select_slider(key="train_lr").value == pytest.approx(0.01)
    assert book(at).active.number == 2
    assert book(at).active.hyperparameters.learning_rate == pytest.approx(0.01)
    assert not at.exception


FIELD = "\x00"


def before_field(text):
    """The fixed start of a message, up to where a field (the detail) is filled in."""
    return text.split(FIELD)[0]


def not_an_npz():
    return b"\x00\x01 definitely not a zip archive" * 10


def a_png_renamed():
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def wrong_shapes():
    checkpoint = load_pretrained()
    with np.load(io.BytesIO(checkpoint_bytes(checkpoint.model, checkpoint.hyperparameters,
                                             checkpoint.history))) as npz:
        arrays = dict(npz)
    arrays["encoder.fc_h2h.weight"] = np.zeros((50, 49), dtype=np.float32)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("content, reason", [(not_an_npz(), "not_npz"),
                                             (a_png_renamed(), "not_npz"),
                                             (wrong_shapes(), "shape")])
def test_a_bad_upload_says_why_and_changes_nothing(content, reason, lang):
    at = open_page(lang)
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    model_before = at.session_state[MODEL_KEY]
    runs_before = [(run.number, run.iteration) for run in book(at).runs]
    at.file_uploader(key="train_upload").upload("model.npz", content).run()
    assert not at.exception
    error = texts(at.error)
    name = escape_markdown("model.npz")  # in Markdown; the page shows model.npz
    assert before_field(t("training.upload.error", lang, name=name, reason=FIELD)) in error
    assert before_field(t(f"training.upload.{reason}", lang, detail=FIELD)) in error
    assert at.session_state[MODEL_KEY] is model_before
    assert [(run.number, run.iteration) for run in book(at).runs] == runs_before


def test_a_good_upload_joins_the_runs_and_becomes_the_current_model():
    at = open_page()
    checkpoint = load_pretrained()
    content = checkpoint_bytes(checkpoint.model, checkpoint.hyperparameters, checkpoint.history)
    at.file_uploader(key="train_upload").upload("shipped.npz", content).run()
    assert r"Loaded shipped\.npz as Run 1 \(shipped\.npz\)" in texts(at.success)
    run = book(at).run(1)
    assert run.status == "uploaded" and run.iteration == 10_000
    assert at.session_state[MODEL_KEY].model is not run.model  # a snapshot
    assert "Run 1 (shipped.npz)" in list(at.dataframe[0].value["Run"])
    assert t("training.status.uploaded", "en") in list(at.dataframe[0].value["Status"])


def shipped_bytes(kind):
    pretrained_dir = resources.files("seq2seq_core") / "pretrained"
    return (pretrained_dir / MODEL_KINDS[kind].pretrained_file).read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_every_shipped_checkpoint_uploads_and_the_runs_already_there_stay(kind, lang):
    at = open_page(lang, train_hidden=8)
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    at.file_uploader(key="train_upload").upload(f"{kind}.npz", shipped_bytes(kind)).run()
    assert not at.exception and not at.error
    assert at.session_state[MODEL_KEY].kind == kind
    assert [(run.number, run.iteration, book(at).status_of(run)) for run in book(at).runs] == [
        (1, 100, "paused"), (2, 10_000, "uploaded")]
    assert book(at).current == (2, 10_000)
    label = run_label(2, lang, f"{kind}.npz", kind)
    loaded = t("training.upload.loaded", lang, name=escape_markdown(f"{kind}.npz"),
               label=escape_markdown(label))
    assert loaded in texts(at.success)
    assert at.selectbox(key="train_pick").value == 2  # the picker shows the new current model


def test_a_file_name_with_markdown_is_shown_as_text_everywhere():
    at = open_page()
    name = "[click me](https://example.com/p) ![img](https://example.com/x.png).npz"
    at.file_uploader(key="train_upload").upload(name, shipped_bytes("seq2seq")).run()
    assert not at.exception
    shown = display_name(name)
    shown_in_markdown = escape_markdown(shown)
    assert shown_in_markdown in texts(at.success) and shown_in_markdown in texts(at.markdown)
    assert shown in " ".join(at.dataframe[0].value["Run"])
    everything = texts(at.success) + texts(at.markdown) + texts(at.caption)
    assert "](" not in everything and "https://" not in everything


def test_a_checkpoint_without_history_is_listed_and_labelled_as_such():
    shipped = load_pretrained()
    empty = {name: values[:0] for name, values in shipped.history.items()}
    at = open_page()
    at.file_uploader(key="train_upload").upload(
        "bare.npz", checkpoint_bytes(shipped.model, shipped.hyperparameters, empty)).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Run"]) == ["Run 1 (bare.npz)"] and list(table["Final loss"]) == ["–"]
    assert len(at.session_state[MODEL_KEY].history["loss"]) == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_callback_that_fails_changes_nothing_and_says_so(monkeypatch, lang):
    at = open_page(lang, train_hidden=64, train_batch=32, train_seed=7)
    at.button(key="train_step").click().run()
    run_until_stopped(at)
    model_before, current_before = at.session_state[MODEL_KEY], book(at).current
    monkeypatch.setattr(Run, "checkpoint", lambda run: 1 / 0)  # fails inside the upload's callback
    at.file_uploader(key="train_upload").upload("shipped.npz", shipped_bytes("seq2seq")).run()
    assert not at.exception
    assert t("callbacks.failed", lang, error="ZeroDivisionError") in texts(at.error)
    assert at.session_state[MODEL_KEY] is model_before and book(at).current == current_before
    assert [run.number for run in book(at).runs] == [1] and not at.success
    assert (at.slider(key="train_hidden").value, at.slider(key="train_batch").value,
            at.number_input(key="train_seed").value) == (64, 32, 7)
    monkeypatch.undo()
    at.run()
    assert not at.error  # said once
    assert (at.slider(key="train_hidden").value, at.query_params["hidden"]) == (64, "64")


def test_a_name_inside_the_file_is_shown_as_text_in_the_error():
    source = zipfile.ZipFile(io.BytesIO(shipped_bytes("seq2seq")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            renamed = "[click](https://example.com/x).npy" if name.startswith("kind") else name
            archive.writestr(renamed, source.read(name))
    at = open_page()
    at.file_uploader(key="train_upload").upload("renamed.npz", buffer.getvalue()).run()
    assert not at.exception
    error = texts(at.error)
    assert escape_markdown("[click](https://example.com/x)") in error and "](" not in error


@pytest.fixture
def one_place(monkeypatch):
    """The server's line, for the pages this test opens, with one place to train."""
    line = Line(places=1)
    monkeypatch.setattr(line_module, "TRAINING_LINE", line)
    return line


def other_sessions(line, count):
    """``count`` other sessions' run books started in ``line``, in order (trained by nobody)."""
    books = [RunBook(line=line) for _ in range(count)]
    for other in books:
        other.start(TINY)
    return books


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_start_beyond_the_cap_waits_in_line_says_where_and_then_trains_by_itself(lang,
                                                                                  one_place):
    ahead = other_sessions(one_place, 3)  # one trains, two wait
    at = open_page(lang)
    at.button(key="train_start").click().run()
    assert book(at).in_line == InLine(position=3, training=1)
    assert ("3rd in line" if lang == "en" else "대기 3번째") in texts(at.info)
    assert waiting_text(InLine(3, 1), lang) in texts(at.info)
    assert t("training.status.waiting", lang) in progress_text(at)
    assert at.button(key="train_start").disabled and not at.button(key="train_pause").disabled
    assert book(at).active.iteration == 0
    for position in (2, 1):  # the one training stops: everyone moves up
        ahead.pop(0).pause()
        at.run()
        assert waiting_text(InLine(position, 1), lang) in texts(at.info)
    ahead.pop(0).pause()  # a place frees up
    wait_for_iterations_beyond(at, 0)
    at.run()
    assert book(at).in_line is None and one_place.training() == 1
    assert t("training.status.running", lang) in progress_text(at)
    assert waiting_text(InLine(1, 1), lang) not in texts(at.info)


def test_pause_while_waiting_leaves_the_line(one_place):
    [holder] = other_sessions(one_place, 1)
    at = open_page()
    at.button(key="train_start").click().run()
    assert "1st in line" in texts(at.info) and "(1 student trains now)" in texts(at.info)
    at.button(key="train_pause").click().run()
    assert not book(at).running and one_place.waiting() == 0
    assert "in line" not in texts(at.info)
    assert at.button(key="train_start").label == t("training.start", "en")
    holder.pause()
    assert one_place.training() == 0, "the place freed goes to nobody: the page left the line"
    assert book(at).active.iteration == 0 and not book(at).running


@pytest.mark.parametrize("lang", LANGUAGES)
def test_beyond_the_runs_kept_the_oldest_unpinned_go_with_a_notice_naming_them(lang):
    session_book = RunBook(max_runs=3)
    current = None
    for number in range(1, 6):
        session_book.reset()
        session_book.step(TINY, iterations=2)
        while session_book.running:
            session_book.advance(0.05)
        if number == 2:
            current = session_book.select(2)  # the current model is never dropped
    at = open_link(lang, session={BOOK_KEY: session_book, MODEL_KEY: current})
    assert not at.exception
    assert [run.number for run in session_book.runs] == [2, 4, 5]
    notice = texts(at.info)
    dropped = ", ".join(escape_markdown(run_label(number, lang, kind="seq2seq"))
                        for number in (1, 3))
    assert t("training.runs.dropped", lang, runs=dropped) in notice
    assert t("training.runs.caption", lang, max_runs=3) in texts(at.caption)
    assert list(at.dataframe[0].value[t("training.col.run", lang)]) == [
        run_label(number, lang) for number in (2, 4, 5)]

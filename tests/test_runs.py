"""The training page's core: run book, speed and ETA, curves for plotting, probes, CSV."""
import io
import threading
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.attention_recurrence import predict_attention_tokens
from seq2seq_core.checkpoint import Checkpoint, load_pretrained
from seq2seq_core.curves import moving_average, plot_indices, smoothing_window, training_curves
from seq2seq_core.data import END, VOCAB_SIZE
from seq2seq_core.exports import metrics_csv
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.kinds import DEFAULT_KIND, MODEL_KINDS, copy_model
from seq2seq_core.probes import PROBE_LENGTHS, probe_predictions, probe_sequences
from seq2seq_core.run import UPLOADED, Run, changed_fields, run_label
from seq2seq_core.runs import STEP_ITERATIONS, RunBook, display_name
from seq2seq_core.throughput import ThroughputMeter
from seq2seq_core.train import METRIC_NAMES, Hyperparameters, Status
from seq2seq_core.worker import chunk_seconds

# Small enough that a whole run takes a fraction of a second.
TINY = Hyperparameters(hidden=4, batch_size=2, iterations=150, min_len=1, max_len=3, seed=1)


def train_to_the_end(book, budget=0.05):
    while book.running:
        book.advance(budget)


def test_chunk_seconds_leaves_room_for_the_iteration_that_overruns():
    assert chunk_seconds(0.15, 0.0) == 0.15
    assert chunk_seconds(0.15, 0.01) == pytest.approx(0.13)
    assert chunk_seconds(0.15, 0.2) == 0.0  # still one iteration: the Trainer's minimum


def test_throughput_meter_measures_wall_clock_and_ignores_pauses():
    meter = ThroughputMeter(window=10)
    assert meter.rate is None and meter.eta(100) is None
    meter.start(0, now=0.0)
    meter.record(100, now=0.5)
    meter.record(200, now=1.0)
    assert meter.rate == pytest.approx(200)
    assert meter.eta(1000) == pytest.approx(5.0)
    meter.stop()
    meter.start(200, now=100.0)  # a long pause
    meter.record(300, now=100.5)
    assert meter.rate == pytest.approx(200)
    assert meter.overall_rate == pytest.approx(300 / 1.5)


def test_throughput_meter_forgets_samples_older_than_its_window():
    meter = ThroughputMeter(window=1.0)
    meter.start(0, now=0.0)
    meter.record(1000, now=1.0)  # fast at first
    for second in range(2, 6):
        meter.record(1000 + 10 * (second - 1), now=float(second))  # then slow
    assert meter.rate == pytest.approx(10)


@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=60), st.integers(1, 20))
def test_moving_average_is_the_trailing_mean(values, window):
    expected = [np.mean(values[max(0, i - window + 1): i + 1]) for i in range(len(values))]
    np.testing.assert_allclose(moving_average(values, window), expected, rtol=1e-9, atol=1e-6)


@given(st.integers(0, 5000), st.integers(0, 5000), st.integers(1, 700))
def test_plot_indices_thin_evenly_and_keep_the_last_iteration(n, more, max_points):
    total = n + more
    indices = plot_indices(n, total, max_points)
    if n == 0:
        assert len(indices) == 0
        return
    assert indices[0] == 0 and indices[-1] == n - 1
    assert np.all(np.diff(indices) > 0)
    assert len(indices) <= max_points + 2
    if total <= max_points:
        assert len(indices) == n


def test_a_run_in_progress_gains_plotted_points_steadily():
    counts = [len(plot_indices(n, 10_000, 600)) for n in range(1, 10_001, 250)]
    assert counts == sorted(counts) and counts[-1] <= 601


def test_smoothing_window_is_one_percent_of_the_run_within_bounds():
    assert smoothing_window(10_000) == 100
    assert smoothing_window(100) == 10
    assert smoothing_window(200_000) == 500


def test_training_curves_end_at_the_last_iteration_done():
    history = {name: np.linspace(0, 1, 2345) for name in METRIC_NAMES}
    curves = training_curves(history, total_iterations=10_000, max_points=100)
    assert curves.iterations[-1] == 2345 and curves.iterations[0] == 1
    assert curves.window == 100
    assert curves.smoothed["loss"][-1] == pytest.approx(np.mean(history["loss"][-100:]))
    assert curves.raw["loss"][-1] == history["loss"][-1]


def test_a_run_trains_to_the_end_and_stops():
    book = RunBook()
    book.start(TINY)
    assert book.running and book.active.number == 1
    train_to_the_end(book)
    assert not book.running
    assert book.active.status == Status.FINISHED.value
    assert book.active.iteration == TINY.iterations
    assert len(book.active.history["loss"]) == TINY.iterations


def test_a_finished_run_is_taken_once_to_become_the_current_model():
    book = RunBook()
    book.start(TINY)
    book.advance(0.01)
    assert book.take_finished() is None  # still training
    train_to_the_end(book)
    assert book.take_finished() == 1
    assert book.take_finished() is None


def test_a_run_that_stops_short_of_its_end_is_not_taken():
    paused, stepped = RunBook(), RunBook()
    paused.start(TINY)
    paused.advance(0.01)
    paused.pause()
    stepped.step(TINY, iterations=10)
    train_to_the_end(stepped)
    assert stepped.active.iteration == 10
    assert paused.take_finished() is None and stepped.take_finished() is None


def test_a_model_chosen_while_a_run_trains_gives_way_to_it_when_it_ends():
    book = RunBook()
    book.start(TINY)
    book.advance(0.01)
    book.select_pretrained()
    train_to_the_end(book)
    assert book.take_finished() == 1


def test_a_model_chosen_after_the_run_finished_is_not_overridden_by_it():
    book = RunBook()
    book.start(TINY)
    train_to_the_end(book)
    book.select_pretrained()
    assert book.take_finished() is None


def test_advance_does_nothing_while_paused():
    book = RunBook()
    book.start(TINY)
    book.advance(0.01)
    book.pause()
    done = book.active.iteration
    assert not book.advance(0.05)
    assert book.active.iteration == done
    assert book.is_paused and book.status_of(book.active) == "paused"


def test_step_advances_exactly_one_step_then_pauses():
    book = RunBook()
    book.step(TINY)
    train_to_the_end(book)
    assert book.active.iteration == STEP_ITERATIONS
    assert book.is_paused
    book.step(TINY)  # only 50 left of 150
    train_to_the_end(book)
    assert book.active.iteration == TINY.iterations
    assert book.active.status == Status.FINISHED.value


def test_resuming_keeps_the_runs_own_hyperparameters():
    book = RunBook()
    book.step(TINY, iterations=10)
    train_to_the_end(book)
    other = Hyperparameters(hidden=8, batch_size=2, iterations=150, max_len=3)
    assert changed_fields(book.active.hyperparameters, other) == ["hidden", "seed"]
    book.start(other)  # resumes: settings are never mixed into a started run
    assert book.active.number == 1 and book.active.hyperparameters == TINY
    assert book.active.model.dim_recurrent == 4


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_a_run_of_each_kind_trains_a_model_of_that_kind(kind):
    book = RunBook()
    book.step(TINY, iterations=10, kind=kind)
    train_to_the_end(book)
    run = book.active
    assert run.kind == kind and type(run.model) is MODEL_KINDS[kind].model_class
    assert run.iteration == 10 and book.is_paused
    assert run.checkpoint().kind == kind


def test_a_new_run_is_of_the_default_kind_unless_another_is_asked_for():
    book = RunBook()
    book.step(TINY, iterations=5)
    train_to_the_end(book)
    assert book.active.kind == DEFAULT_KIND


def test_resuming_keeps_the_runs_own_kind_and_restart_takes_the_new_one():
    book = RunBook()
    book.step(TINY, iterations=10)
    train_to_the_end(book)
    assert changed_fields(TINY, TINY, book.active.kind, "attention") == ["model"]
    book.step(TINY, iterations=10, kind="attention")  # resumes run 1: kinds are never mixed
    train_to_the_end(book)
    assert book.active.number == 1 and book.active.kind == "seq2seq"
    assert book.active.iteration == 20
    book.restart(TINY, kind="attention")
    train_to_the_end(book)
    assert book.active.number == 2 and book.active.kind == "attention"
    assert [run.kind for run in book.runs] == ["seq2seq", "attention"]


def test_changed_fields_names_the_kind_first_then_the_hyperparameters_in_order():
    other = Hyperparameters(hidden=8, batch_size=2, iterations=150, max_len=3, seed=1)
    assert changed_fields(TINY, TINY) == [] == changed_fields(TINY, TINY, "baseline", "baseline")
    assert changed_fields(TINY, other) == ["hidden"]
    assert changed_fields(TINY, other, "seq2seq", "baseline") == ["model", "hidden"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_runs_of_different_kinds_are_labelled_by_kind(lang):
    book = RunBook()
    for kind in MODEL_KINDS:
        book.restart(TINY, kind=kind)
        train_to_the_end(book)
    labels = [run.label(lang) for run in book.runs]
    assert labels == [f"{t('training.run_label', lang, number=number)} · {t(f'kinds.{kind}', lang)}"
                      for number, kind in enumerate(MODEL_KINDS, start=1)]
    assert len(set(labels)) == len(MODEL_KINDS)
    assert run_label(3, "en", kind="attention") == "Run 3 · seq2seq + attention"
    assert run_label(3, "ko", kind="attention") == "실행 3 · seq2seq + 어텐션"
    uploaded, _ = book.add_checkpoint(load_pretrained("baseline"), "mine.npz")
    assert uploaded.label("en") == "Run 4 (mine.npz) · one-pass RNN"


def test_an_attention_runs_live_view_shows_its_own_answers_on_the_probes():
    book = RunBook()
    book.step(TINY, iterations=10, kind="attention")
    train_to_the_end(book)
    view = book.live_view()
    results = probe_predictions(view.model, probe_sequences())
    for digits, result in zip(probe_sequences(), results):
        assert result.predictions.shape == (len(digits) + 1,)
        assert ((0 <= result.predictions) & (result.predictions < VOCAB_SIZE)).all()
        np.testing.assert_array_equal(result.predictions,
                                      predict_attention_tokens(view.model, digits[:, None])[:, 0])


def test_the_shipped_attention_model_answers_every_probe_right_read_as_what_it_is():
    model, probes = load_pretrained("attention").model, probe_sequences()
    results = probe_predictions(model, probes)
    assert all(result.correct.all() for result in results)
    # Read as a plain seq2seq (its context left out), it would get every probe wrong.
    as_seq2seq = MODEL_KINDS["seq2seq"].predict
    assert not any(np.array_equal(as_seq2seq(model, digits[:, None])[:, 0], result.targets)
                   for digits, result in zip(probes, results))


def test_reset_keeps_a_trained_run_and_drops_an_empty_one():
    book = RunBook()
    book.step(TINY, iterations=10)
    train_to_the_end(book)
    book.reset()
    assert book.active is None and not book.running
    assert [run.number for run in book.runs] == [1]
    assert book.runs[0].trainer is None  # frozen: no optimizer state kept
    assert book.runs[0].iteration == 10 and book.runs[0].history["loss"].dtype == np.float32
    book.start(TINY)
    book.reset()  # never advanced
    assert [run.number for run in book.runs] == [1]


def test_starting_after_a_finished_run_begins_a_new_run_with_the_new_settings():
    book = RunBook()
    book.start(TINY)
    train_to_the_end(book)
    second = Hyperparameters(hidden=6, batch_size=2, iterations=100, max_len=3)
    book.start(second)
    assert book.active.number == 2 and book.active.hyperparameters == second
    assert book.runs[0].status == Status.FINISHED.value and book.runs[0].trainer is None


def test_the_run_being_trained_is_not_compared_until_it_stops():
    book = RunBook()
    book.start(TINY)
    book.advance(0.01)
    assert book.comparable_runs() == []
    book.pause()
    assert book.comparable_runs() == [book.active]


def test_old_runs_are_dropped_but_never_the_current_model():
    book = RunBook(max_runs=3)
    book.step(TINY, iterations=5)
    train_to_the_end(book)
    book.select(1)
    for _ in range(4):
        book.reset()
        book.step(TINY, iterations=5)
        train_to_the_end(book)
    assert [run.number for run in book.runs] == [1, 4, 5]
    assert [run.number for run in book.dropped] == [2, 3]


def test_uploads_never_drop_the_active_run_and_the_notice_names_the_runs_dropped():
    book = RunBook(max_runs=3)
    book.step(TINY, iterations=5)
    train_to_the_end(book)  # run 1: paused, still the active run
    shipped = load_pretrained()
    for name in ("a.npz", "b.npz", "c.npz", "d.npz"):
        book.add_checkpoint(shipped, name)  # each becomes the current model
    assert [run.number for run in book.runs] == [1, 4, 5]
    assert book.active is book.run(1) and book.current == (5, 10_000)
    for lang in LANGUAGES:  # the labels they had in the list
        assert [run.label(lang) for run in book.dropped] == [
            run_label(2, lang, "a.npz", "seq2seq"), run_label(3, lang, "b.npz", "seq2seq")]
    assert book.dropped[0].label("en") == "Run 2 (a.npz) · seq2seq (encoder → decoder)"
    book.step(TINY, iterations=5)  # the active run goes on where it was
    train_to_the_end(book)
    assert book.active.number == 1 and book.active.iteration == 10


@pytest.mark.parametrize("max_runs", [2, 1, 0])
def test_a_book_keeps_room_for_the_runs_it_never_drops(max_runs):
    with pytest.raises(ValueError, match="max_runs"):
        RunBook(max_runs=max_runs)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["step", "reset", "upload", "select", "pretrained"]),
                max_size=14))
def test_a_book_holds_at_most_max_runs_and_never_drops_the_active_run_or_the_current_model(
        actions):
    book, shipped = RunBook(max_runs=3), load_pretrained()
    for action in actions:
        current_before, dropped_before = book.current, len(book.dropped)
        if action == "step":
            book.step(TINY, iterations=2)
            train_to_the_end(book)
        elif action == "reset":
            book.reset()
        elif action == "upload":
            book.add_checkpoint(shipped, "shipped.npz")
        elif action == "select" and book.selectable_runs():
            book.select(book.selectable_runs()[0].number)
        elif action == "pretrained":
            book.select_pretrained()
        numbers = [run.number for run in book.runs]
        assert len(numbers) <= 3 and numbers == sorted(numbers)
        assert book.active is None or book.active in book.runs
        assert book.current is None or book.current[0] in numbers
        assert not {run.number for run in book.dropped} & set(numbers)
        # The oldest unpinned go first: pinned while this action added a run were the
        # active run (the new one, for a step) and the current model before it.
        pinned = {book.active.number if book.active else None,
                  current_before[0] if current_before else None}
        for gone in book.dropped[dropped_before:]:
            assert all(gone.number < kept for kept in numbers if kept not in pinned)


def wait_while_running(book, seconds=60):
    deadline = time.monotonic() + seconds
    while book.running:
        assert time.monotonic() < deadline, "the background run did not stop"
        time.sleep(0.01)


def background_book(connected=lambda: True, **kwargs):
    return RunBook(connected=connected, **kwargs)


def test_a_background_run_trains_like_a_foreground_one_and_says_once_that_it_stopped():
    foreground = RunBook()
    foreground.start(TINY)
    train_to_the_end(foreground)
    book = background_book()
    book.start(TINY)
    wait_while_running(book)
    assert book.take_stopped() and not book.take_stopped()
    assert book.active.status == Status.FINISHED.value
    for name in METRIC_NAMES:
        np.testing.assert_array_equal(book.active.history[name], foreground.active.history[name])
    assert not any(thread.name == "training-run" for thread in threading.enumerate())


def test_pause_waits_for_the_chunk_in_progress_and_nothing_trains_after_it():
    book = background_book()
    book.start(Hyperparameters(hidden=8, iterations=200_000, seed=0))
    while book.active.iteration == 0:
        time.sleep(0.01)
    book.pause()
    paused_at = book.active.iteration
    time.sleep(0.3)
    assert book.active.iteration == paused_at
    assert book.is_paused and not book.take_stopped()  # paused by the page, not on its own
    book.start(TINY)  # resumes the same run
    while book.active.iteration == paused_at:
        time.sleep(0.01)
    book.reset()
    assert book.active is None


def test_a_background_step_stops_at_exactly_one_step():
    book = background_book()
    book.step(TINY)
    wait_while_running(book)
    assert book.active.iteration == STEP_ITERATIONS and book.take_stopped() and book.is_paused


def test_a_closed_session_pauses_its_run():
    connected = threading.Event()
    connected.set()
    book = background_book(connected=connected.is_set)
    book.start(Hyperparameters(hidden=8, iterations=200_000, seed=0))
    while book.active.iteration == 0:
        time.sleep(0.01)
    connected.clear()
    wait_while_running(book, seconds=5)
    assert book.is_paused and not book.take_stopped()


def test_a_look_waits_for_at_most_the_chunk_in_progress_and_holds_the_run_still():
    book = background_book()
    book.start(Hyperparameters(hidden=8, iterations=200_000, seed=0))
    trainer, chunks = book.active.trainer, []
    train_one_chunk = trainer.step
    trainer.step = lambda *args, **kwargs: chunks.append(1) or train_one_chunk(*args, **kwargs)
    while book.active.iteration == 0:
        time.sleep(0.01)
    for _ in range(5):
        asked = len(chunks)
        with book.worker.look():
            seen, iteration = len(chunks), book.active.iteration
            time.sleep(0.05)
            assert (len(chunks), book.active.iteration) == (seen, iteration)
        assert seen - asked <= 1  # however slow the machine: a looker never waits for two chunks
        view = book.live_view()
        assert {len(values) for values in view.history.values()} == {view.iteration}
    book.pause()


def test_a_click_while_training_neither_starts_a_second_thread_nor_loses_the_run():
    book = background_book()
    book.start(Hyperparameters(hidden=8, iterations=200_000, seed=0))
    book.step(TINY)  # the next tick's click, before the page disabled the button
    book.start(TINY)
    assert [run.number for run in book.runs] == [1] and book.running
    assert sum(thread.name == "training-run" for thread in threading.enumerate()) == 1
    book.pause()
    assert book.is_paused and book.failure is None


def test_a_training_thread_that_fails_says_so_and_the_book_goes_on(monkeypatch):
    book = background_book()
    book.step(TINY, iterations=10)
    wait_while_running(book)
    monkeypatch.setattr(book.active.trainer, "step", lambda *args, **kwargs: 1 / 0)
    book.start(TINY)
    wait_while_running(book)
    assert book.failure == "ZeroDivisionError" and book.take_stopped()
    assert book.active.iteration == 10 and book.is_paused  # the run and its history stay
    monkeypatch.undo()
    book.step(TINY, iterations=10)
    wait_while_running(book)
    assert book.failure is None and book.active.iteration == 20


def test_the_current_model_is_a_snapshot_that_further_training_leaves_alone():
    book = RunBook()
    book.step(TINY, iterations=20)
    train_to_the_end(book)
    checkpoint = book.select(1)
    assert book.current == (1, 20)
    before = [p.data.copy() for p in checkpoint.model.parameters]
    book.step(TINY, iterations=20)
    train_to_the_end(book)
    assert book.active.iteration == 40
    for kept, parameter in zip(before, checkpoint.model.parameters):
        np.testing.assert_array_equal(kept, parameter.data)
    assert len(checkpoint.history["loss"]) == 20
    book.select_pretrained()
    assert book.current is None


def test_divergence_stops_the_run_and_keeps_its_history():
    book = RunBook()
    book.start(Hyperparameters(hidden=256, learning_rate=0.1, batch_size=20, iterations=300,
                               seed=0))
    stopped = False
    while book.running:
        stopped = book.advance(0.05)
    assert stopped
    assert book.active.status == Status.DIVERGED.value
    assert book.active.iteration < 300
    assert all(np.isfinite(book.active.history["loss"]))


def test_an_uploaded_checkpoint_becomes_the_current_run_and_cannot_be_trained():
    book = RunBook()
    run, snapshot = book.add_checkpoint(load_pretrained(), "mine.npz")
    assert run.status == UPLOADED and run.trainer is None and run.name == "mine.npz"
    assert run.iteration == 10_000 and book.active is None
    assert book.current == (1, 10_000) and snapshot.model is not run.model
    assert run.label("en") == "Run 1 (mine.npz) · " + t("kinds.seq2seq", "en")
    assert run_label(1, "en", "mine.npz") == "Run 1 (mine.npz)" and run_label(2, "ko") == "실행 2"
    assert book.select(run.number).hyperparameters.hidden == 50


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_a_checkpoint_of_every_kind_can_be_added_and_selected(kind):
    book = RunBook()
    run, snapshot = book.add_checkpoint(load_pretrained(kind), f"{kind}.npz")
    assert snapshot.kind == kind and book.select(run.number).kind == kind


def test_a_checkpoint_without_history_is_a_comparable_run():
    shipped = load_pretrained()
    empty = {name: values[:0] for name, values in shipped.history.items()}
    book = RunBook()
    bare = Checkpoint(shipped.model, shipped.hyperparameters, empty)
    run, _ = book.add_checkpoint(bare, "bare.npz")
    assert run.iteration == 0 and book.comparable_runs() == [run] == book.selectable_runs()


def test_a_failed_snapshot_changes_nothing(monkeypatch):
    book = RunBook()
    book.select_pretrained()
    monkeypatch.setattr(Run, "checkpoint", lambda run: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        book.add_checkpoint(load_pretrained(), "mine.npz")
    assert book.runs == [] and book.current is None


@pytest.mark.parametrize("file_name, shown", [
    ("[click me](https://example.com/p) ![img](https://example.com/x.png).npz",
     "?click me?(https???example.com?p) ??img…"),
    ("<b onmouseover=alert(1)>x</b>.npz", "?b onmouseover?alert(1)?x??b?.npz"),
    ("C:\\Users\\me\\학습 모델 3.npz", "C??Users?me?학습 모델 3.npz"),
    ("a" * 100 + ".npz", "a" * 39 + "…"),
    ("seq2seq_run1_it2000.npz", "seq2seq_run1_it2000.npz"),  # the app's own downloads
])
def test_a_file_name_is_shown_as_plain_text(file_name, shown):
    assert display_name(file_name) == shown


def test_probe_sequences_are_fixed_and_have_the_probe_lengths():
    first, second = probe_sequences(), probe_sequences()
    assert [len(digits) for digits in first] == list(PROBE_LENGTHS)
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


def test_probe_predictions_mark_each_output_token_against_the_reversed_digits():
    probes = probe_sequences()
    results = probe_predictions(load_pretrained().model, probes)
    for digits, result in zip(probes, results):
        np.testing.assert_array_equal(result.targets, np.append(digits[::-1], END))
        assert result.predictions.shape == (len(digits) + 1,)
        np.testing.assert_array_equal(result.correct, result.predictions == result.targets)
    # The shipped model reverses the short probe (length 3) without a mistake.
    assert results[0].correct.all()


def test_metrics_csv_has_one_row_per_iteration():
    history = {"loss": np.array([2.5, 1.25]), "token_accuracy": np.array([0.1, 0.5]),
               "sequence_accuracy": np.array([0.0, 0.25])}
    text = metrics_csv(history)
    assert text.splitlines()[0] == "iteration,loss,token_accuracy,sequence_accuracy"
    table = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1)
    np.testing.assert_allclose(table, [[1, 2.5, 0.1, 0.0], [2, 1.25, 0.5, 0.25]])


@settings(max_examples=5, deadline=None)
@given(st.integers(1, 64))
def test_copy_model_copies_weights_that_then_live_their_own_life(hidden):
    book = RunBook()
    book.step(Hyperparameters(hidden=hidden, batch_size=2, iterations=100, max_len=3), iterations=2)
    train_to_the_end(book)
    original = book.active.model
    copy = copy_model(original)
    assert copy.dim_recurrent == hidden
    for a, b in zip(original.parameters, copy.parameters):
        np.testing.assert_array_equal(a.data, b.data)
        b.data[...] = 0
    assert any(np.any(p.data != 0) for p in original.parameters)

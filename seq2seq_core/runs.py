"""The training page's runs: the one being trained in chunks, the ones kept to compare, the model in use.

A :class:`RunBook` belongs to one browser session. It owns at most one
:class:`~seq2seq_core.train.Trainer` (the active run, which can be paused and
resumed) and keeps up to :data:`MAX_RUNS` runs with their hyperparameters and
history, so their curves can be overlaid and any of them made the current model.
Runs that are no longer active drop their trainer (Adam's moments, work
buffers) and keep only the weights and a float32 history, to keep a session small.

Also here: what the page draws from a history (a moving average, a thinned
copy for plotting), fixed probe sequences, the wall-clock speed and ETA, the
metrics as CSV. Nothing here imports streamlit.
"""
import contextlib
import dataclasses
import io
import threading
import time

import numpy as np

from .checkpoint import Checkpoint
from .data import VOCAB_SIZE
from .i18n import t
from .model import Seq2Seq
from .trace import trace
from .train import METRIC_NAMES, Status, Trainer

__all__ = [
    "CHUNK_SECONDS",
    "MAX_RUNS",
    "STEP_ITERATIONS",
    "PROBE_LENGTHS",
    "UPLOADED",
    "Run",
    "RunBook",
    "ThroughputMeter",
    "ProbeResult",
    "chunk_seconds",
    "smoothing_window",
    "moving_average",
    "plot_indices",
    "Curves",
    "training_curves",
    "probe_sequences",
    "probe_predictions",
    "metrics_csv",
    "copy_model",
    "changed_fields",
    "run_label",
]

MAX_PLOT_POINTS = 600  # per curve; a chart is a few hundred pixels wide
MAX_RUNS = 6  # kept per session; each is at most ~1 MB (D = 256, 50 000 iterations)
STEP_ITERATIONS = 100  # what one press of "step" advances
PROBE_LENGTHS = (3, 8, 15, 20)
PROBE_SEED = 20240917  # fixed, so every session and every run sees the same probes
# One session's training per turn: short, so that pause acts at once and the
# server's other work is never held up for long (≤ 0.2 s; python -m
# benchmarks.chunk_time measures it).
CHUNK_SECONDS = 0.15
TURN_WAIT_SECONDS = 0.1  # a trainer waiting for its turn looks this often whether it was paused
UPLOADED = "uploaded"  # the status of a run read from a checkpoint file


def chunk_seconds(budget, seconds_per_iteration):
    """The time limit to give :meth:`Trainer.step` so that the whole chunk fits in ``budget``.

    ``Trainer.step`` checks its deadline after each iteration, so a chunk can
    overrun by one iteration; leaving two average iterations of room absorbs
    that (batches of the longest sequences take about twice the average).

    Parameters
    ----------
    budget : float
        Seconds one chunk may take.
    seconds_per_iteration : float
        The run's average so far (0 before the first iteration).

    Returns
    -------
    float
        ``max_seconds`` for :meth:`Trainer.step`, ≥ 0 (0 still does one iteration).
    """
    return max(0.0, budget - 2 * seconds_per_iteration)


class ThroughputMeter:
    """Wall-clock iterations per second over the last few seconds of training, and the ETA.

    Unlike :attr:`Trainer.iterations_per_second`, which counts only the time
    inside ``step``, this counts the time between chunks too (drawing, the
    browser's round trip), i.e. the speed a person sees. Pauses do not count.

    Parameters
    ----------
    window : float
        Seconds of recent samples the speed is measured over.
    """

    def __init__(self, window=3.0):
        self.window = window
        self._samples = []  # (seconds, iteration), oldest first, since the last (re)start
        self.running_seconds = 0.0
        self.running_iterations = 0

    def start(self, iteration, now=None):
        """Begin timing at ``iteration`` (after a start or resume)."""
        self._samples = [(time.monotonic() if now is None else now, iteration)]

    def record(self, iteration, now=None):
        """Note that training has reached ``iteration`` at time ``now``."""
        now = time.monotonic() if now is None else now
        if self._samples:
            last_time, last_iteration = self._samples[-1]
            self.running_seconds += now - last_time
            self.running_iterations += iteration - last_iteration
        self._samples.append((now, iteration))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window:
            self._samples.pop(0)

    def stop(self):
        """Forget the recent samples, so that a pause does not count as slow training."""
        self._samples = []

    @property
    def rate(self):
        """float or None: iterations per second over the window; None until measurable."""
        if len(self._samples) < 2:
            return None
        (first_time, first_iteration), (last_time, last_iteration) = self._samples[0], self._samples[-1]
        if last_time <= first_time:
            return None
        return (last_iteration - first_iteration) / (last_time - first_time)

    @property
    def overall_rate(self):
        """float or None: iterations per second over all the time spent running."""
        if self.running_seconds <= 0:
            return None
        return self.running_iterations / self.running_seconds

    def eta(self, remaining):
        """float or None: seconds until ``remaining`` more iterations are done at :attr:`rate`."""
        rate = self.rate
        return remaining / rate if rate else None


def copy_model(model):
    """A new :class:`~seq2seq_core.model.Seq2Seq` with copies of ``model``'s weights.

    Parameters
    ----------
    model : Seq2Seq

    Returns
    -------
    Seq2Seq
        Same hidden size D and weights; training one never changes the other.
    """
    copy = Seq2Seq(VOCAB_SIZE, model.dim_recurrent, VOCAB_SIZE, rng=np.random.default_rng(0))
    for target, source in zip(copy.parameters, model.parameters):
        target.data = source.data.copy()
    return copy


def changed_fields(run_hyperparameters, chosen):
    """The hyperparameters that differ between a run and the settings now chosen.

    Parameters
    ----------
    run_hyperparameters, chosen : Hyperparameters

    Returns
    -------
    list of str
        Field names in declaration order, e.g. ``["hidden", "learning_rate"]``.
    """
    run_values, chosen_values = run_hyperparameters.to_dict(), chosen.to_dict()
    return [name for name in run_values if run_values[name] != chosen_values[name]]


class Run:
    """One training run (or an uploaded checkpoint) of this session.

    Build one with :meth:`trained` or :meth:`uploaded`.

    Attributes
    ----------
    number : int
        Shown as "run 3"; never reused within a session.
    hyperparameters : Hyperparameters
    model : Seq2Seq
        The weights; while the run is active, the trainer's own model.
    trainer : Trainer or None
        Only while the run is active (it can still be resumed).
    name : str
        The file name of an uploaded run, else ``""``.
    """

    def __init__(self, number, hyperparameters, model, trainer=None, history=None, status=None, name=""):
        self.number, self.hyperparameters, self.model = number, hyperparameters, model
        self.trainer, self.name = trainer, name
        self._history, self._status = history, status

    @classmethod
    def trained(cls, number, hyperparameters):
        """A new run with a fresh :class:`Trainer`, not started yet."""
        trainer = Trainer(hyperparameters)
        return cls(number, hyperparameters, trainer.model, trainer=trainer)

    @classmethod
    def uploaded(cls, number, checkpoint, name):
        """A run read from a checkpoint file; it cannot be trained further."""
        history = {key: np.asarray(values, dtype=np.float32) for key, values in checkpoint.history.items()}
        return cls(number, checkpoint.hyperparameters, checkpoint.model, history=history,
                   status=UPLOADED, name=name)

    @property
    def history(self):
        """dict of str to ndarray, shape-(iteration,): loss, token and sequence accuracy."""
        return self.trainer.history if self.trainer is not None else self._history

    @property
    def iteration(self):
        """int: iterations done."""
        return len(self.history["loss"])

    @property
    def status(self):
        """str: a :class:`Status` value, or :data:`UPLOADED`."""
        return self.trainer.status.value if self.trainer is not None else self._status

    def label(self, lang):
        """str: the run's name in ``lang``, see :func:`run_label`."""
        return run_label(self.number, lang, self.name)

    def freeze(self):
        """Drop the trainer, keeping the weights and a float32 copy of the history."""
        if self.trainer is None:
            return
        self._history = {name: values.astype(np.float32) for name, values in self.trainer.history.items()}
        self._status = self.trainer.status.value
        self.trainer = None

    def checkpoint(self):
        """Checkpoint: a snapshot of this run that later training does not change."""
        history = {name: np.array(values, dtype=np.float64) for name, values in self.history.items()}
        return Checkpoint(copy_model(self.model), self.hyperparameters, history)


class RunBook:
    """The training state of one session: the active run, the kept runs, the current model.

    The page calls :meth:`start`, :meth:`pause`, :meth:`step` and :meth:`reset`
    from its buttons. With ``connected``, the run then trains in a thread of
    its own, one chunk per turn, until it ends, is paused, or ``connected()``
    says the session has gone; the page only looks (see :meth:`look`).
    Without, the caller trains it with :meth:`advance` (tests, benchmarks).

    Parameters
    ----------
    max_runs : int
    turns : seq2seq_core.turns.Turns or None
        The server's queue of training turns (see :mod:`seq2seq_core.turns`);
        None trains whenever asked.
    connected : callable or None
        Returns whether the session that owns this book still has a browser
        attached; a background run stops (paused, resumable) once it returns False.

    Attributes
    ----------
    runs : list of Run
        Oldest first; at most :data:`MAX_RUNS`.
    active : Run or None
        The run the buttons act on; the newest trained run until a reset.
    running : bool
        True while the active run should train.
    step_target : int or None
        The iteration at which a step stops, while stepping.
    current : tuple of (int, int) or None
        ``(run number, iteration)`` of the run last made the current model;
        None for the shipped pretrained model.
    dropped : list of int
        Numbers of runs removed to stay within :data:`MAX_RUNS`.
    meter : ThroughputMeter
    """

    def __init__(self, max_runs=MAX_RUNS, turns=None, connected=None):
        self.max_runs = max_runs
        self.turns = turns
        self.runs = []
        self.active = None
        self.running = False
        self.step_target = None
        self.current = None
        self.dropped = []
        self.meter = ThroughputMeter()
        self._lock = threading.Lock()  # held while a chunk trains
        self._lookers = 0  # threads in look(); the trainer lets them go first
        self._lookers_changed = threading.Condition()
        self._connected = connected
        self._thread = None
        self._stopped_itself = False
        # The finished run a page has already made current (or the student chose
        # a model since it finished); written by the page's thread only.
        self._finish_handled = None
        self._next_number = 1

    def run(self, number):
        """Run: the kept run with this number (KeyError if it is gone)."""
        for run in self.runs:
            if run.number == number:
                return run
        raise KeyError(number)

    def _add(self, run):
        self.runs.append(run)
        self._next_number += 1
        protected = {run.number, self.current[0] if self.current else None}
        while len(self.runs) > self.max_runs:
            oldest = next(kept for kept in self.runs if kept.number not in protected)
            self.runs.remove(oldest)
            self.dropped.append(oldest.number)

    def _new_run(self, hyperparameters):
        if self.active is not None:
            self.active.freeze()
        self.active = Run.trained(self._next_number, hyperparameters)
        self._add(self.active)

    def _needs_new_run(self):
        return self.active is None or self.active.trainer is None or self.active.trainer.done

    def start(self, hyperparameters, now=None, iterations=None):
        """Train until the run is complete: resume the active run, or begin one with ``hyperparameters``.

        The active run keeps its own hyperparameters; ``hyperparameters`` are
        used only when a new run begins (none yet, or the last one ended).
        ``iterations`` stops it after that many more, as :meth:`step` does.
        """
        self._join()  # a background run that has just stopped on its own
        if self._needs_new_run():
            self._new_run(hyperparameters)
        self.step_target = (None if iterations is None
                            else min(self.active.iteration + iterations, self.active.hyperparameters.iterations))
        self.running = True
        self._stopped_itself = False
        self.meter.start(self.active.iteration, now)
        if self._connected is not None:
            self._thread = threading.Thread(target=self._train_in_background, daemon=True,
                                            name=f"training-run-{self.active.number}")
            self._thread.start()

    def step(self, hyperparameters, iterations=STEP_ITERATIONS, now=None):
        """Like :meth:`start`, but stop after ``iterations`` more iterations."""
        self.start(hyperparameters, now, iterations=iterations)

    def pause(self):
        """Stop training after the chunk in progress (waiting for it); the run can be resumed."""
        self.running = False
        self._join()
        self.step_target = None
        self.meter.stop()
        if self.turns is not None:
            self.turns.leave(self)

    def _join(self):
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
            self._thread = None

    def reset(self):
        """End the active run (it stays in :attr:`runs` if it did any iteration); nothing is active."""
        self.pause()
        if self.active is not None:
            self.active.freeze()
            if self.active.iteration == 0:
                self.runs.remove(self.active)
        self.active = None

    def _train_in_background(self):
        while self.running:
            if not self._connected():
                self.pause()  # a closed tab: the run waits, resumable, as after a click on pause
                return
            if self.advance(CHUNK_SECONDS):
                self._stopped_itself = True
                return

    @contextlib.contextmanager
    def look(self):
        """Hold the active run still between two chunks while the ``with`` block reads it.

        Waits for the chunk in progress at most: a plain lock is not fair, and
        a trainer that takes it again at once kept a page waiting for several
        chunks (measured: up to 0.9 s), so the trainer lets lookers go first.
        """
        with self._lookers_changed:
            self._lookers += 1
        try:
            with self._lock:
                yield
        finally:
            with self._lookers_changed:
                self._lookers -= 1
                self._lookers_changed.notify_all()

    def take_stopped(self):
        """bool: True, once, after a background run stopped on its own (it ended or finished its step)."""
        stopped, self._stopped_itself = self._stopped_itself, False
        return stopped

    def take_finished(self):
        """int or None: the number of the active run if it has trained all its iterations, once.

        A run that ends while its student is on another page should still
        become their current model there; whichever page asks first gets it.
        Choosing a model after the run ended (:meth:`select`,
        :meth:`select_pretrained`) counts as having taken it.
        """
        run = self.active
        if run is None or run.status != Status.FINISHED.value or run.number == self._finish_handled:
            return None
        self._finish_handled = run.number
        return run.number

    def _chosen(self):
        """The student chose a model: a run that has already finished must not take over later."""
        if self.active is not None and self.active.status == Status.FINISHED.value:
            self._finish_handled = self.active.number

    def advance(self, budget, now=None, wait=TURN_WAIT_SECONDS):
        """Train one chunk of at most about ``budget`` seconds, if running and it is this book's turn.

        Parameters
        ----------
        budget : float
            Seconds this chunk may take (see :func:`chunk_seconds`).
        wait : float
            With :attr:`turns`, seconds to wait for a turn; if none comes, this
            call trains nothing (the book keeps its place for the next call).

        Returns
        -------
        bool
            True when training stopped during this chunk (the run ended, or
            the step target was reached), so the page can redraw its controls.
        """
        if not self.running or self.active is None or self.active.trainer is None:
            return False
        if self.turns is not None and not self.turns.acquire(self, wait):
            return False
        try:
            trainer = self.active.trainer
            seconds_per_iteration = trainer.seconds / trainer.iteration if trainer.iteration else 0.0
            target = self.step_target if self.step_target is not None else trainer.hyperparameters.iterations
            with self._lookers_changed:
                self._lookers_changed.wait_for(lambda: self._lookers == 0)
            with self._lock:
                trainer.step(target - trainer.iteration, max_seconds=chunk_seconds(budget, seconds_per_iteration))
        finally:
            if self.turns is not None:
                self.turns.release(self)
        self.meter.record(trainer.iteration, now)
        if trainer.done or trainer.iteration >= target:
            self.pause()
            return True
        return False

    @property
    def is_paused(self):
        """bool: an active run has started, can go on, and is not running."""
        return (not self.running and self.active is not None and self.active.trainer is not None
                and not self.active.trainer.done and self.active.iteration > 0)

    def status_of(self, run):
        """str: ``run.status``, but ``"paused"`` for a started run that is not training now."""
        if run.status == Status.RUNNING.value and not (self.running and run is self.active):
            return "paused"
        return run.status

    def add_checkpoint(self, checkpoint, name):
        """Keep an uploaded checkpoint as a run; it cannot be trained further.

        Parameters
        ----------
        checkpoint : Checkpoint
            As returned by :func:`~seq2seq_core.checkpoint.load_checkpoint`.
        name : str
            The file name, to tell uploads apart.

        Returns
        -------
        Run
        """
        run = Run.uploaded(self._next_number, checkpoint, name)
        self._add(run)
        return run

    def select(self, number):
        """Make run ``number`` the current model.

        Returns
        -------
        Checkpoint
            A snapshot for ``st.session_state["current_model"]``: training the
            run further does not change it.
        """
        run = self.run(number)
        self.current = (number, run.iteration)
        self._chosen()
        return run.checkpoint()

    def select_pretrained(self):
        """Mark the shipped pretrained model as the current one."""
        self.current = None
        self._chosen()

    def comparable_runs(self):
        """list of Run: the runs with at least one iteration that are not training right now."""
        return [run for run in self.runs
                if run.iteration > 0 and not (self.running and run is self.active)]


def smoothing_window(iterations):
    """The moving-average window for a run of ``iterations``: 1 % of it, within [10, 500]."""
    return int(np.clip(iterations // 100, 10, 500))


def moving_average(values, window):
    """Trailing mean over the last ``window`` values (fewer at the start).

    Parameters
    ----------
    values : array_like, shape-(n,)
    window : int
        ≥ 1.

    Returns
    -------
    ndarray, shape-(n,)
        Element ``i`` is the mean of ``values[max(0, i - window + 1) : i + 1]``,
        so it uses no future values and can be drawn while training.
    """
    values = np.asarray(values, dtype=np.float64)
    sums = np.concatenate([[0.0], np.cumsum(values)])
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(ends - window, 0)
    return (sums[ends] - sums[starts]) / (ends - starts)


def plot_indices(n, total, max_points):
    """Which of the ``n`` iterations done so far to plot: evenly spaced, always the last one.

    Sending every iteration of a long run to the browser a few times a second
    would cost more than the training; a chart a few hundred pixels wide shows no
    more than this anyway. The spacing depends on the run's length, not on
    ``n``, so a chart of a run in progress gains points steadily and keeps the
    same density along its (fixed) iteration axis.

    Parameters
    ----------
    n : int
        Iterations done.
    total : int
        Iterations of the whole run, ≥ n.
    max_points : int
        Most points a complete run gets (plus its last iteration).

    Returns
    -------
    ndarray of int, shape-(m,)
        Increasing, in ``[0, n)``; empty when ``n = 0``.
    """
    if n == 0:
        return np.arange(0)
    stride = -(-total // max_points)
    indices = np.arange(0, n, stride)
    return indices if indices[-1] == n - 1 else np.append(indices, n - 1)


def run_label(number, lang, name=""):
    """How a run is named on every page: "Run 3", or "Run 4 (file.npz)" for an upload.

    Parameters
    ----------
    number : int
    lang : {"ko", "en"}
    name : str, optional
        The uploaded file's name.
    """
    if name:
        return t("training.run_label_file", lang, number=number, name=name)
    return t("training.run_label", lang, number=number)


@dataclasses.dataclass(frozen=True)
class Curves:
    """A run's metrics thinned for plotting, raw and as a moving average.

    Attributes
    ----------
    iterations : ndarray of int, shape-(m,)
        Iteration numbers, counting from 1, ending at the last one done.
    raw, smoothed : dict of str to ndarray, shape-(m,)
        ``loss``, ``token_accuracy``, ``sequence_accuracy`` at those iterations;
        ``smoothed`` is the trailing mean over ``window`` iterations.
    window : int
    """

    iterations: np.ndarray
    raw: dict
    smoothed: dict
    window: int


def training_curves(history, total_iterations, max_points=MAX_PLOT_POINTS):
    """Thin and smooth a run's history for the charts.

    Parameters
    ----------
    history : dict of str to ndarray, shape-(n,)
    total_iterations : int
        Length of the whole run; sets the smoothing window.
    max_points : int

    Returns
    -------
    Curves
    """
    window = smoothing_window(total_iterations)
    indices = plot_indices(len(history["loss"]), max(total_iterations, len(history["loss"])), max_points)
    return Curves(
        iterations=indices + 1,
        raw={name: np.asarray(history[name])[indices] for name in METRIC_NAMES},
        smoothed={name: moving_average(history[name], window)[indices] for name in METRIC_NAMES},
        window=window,
    )


@dataclasses.dataclass(frozen=True)
class ProbeResult:
    """A model's answer on one probe sequence.

    Attributes
    ----------
    digits : ndarray of int, shape-(L,)
    targets : ndarray of int, shape-(L+1,)
        The digits reversed, then ``<END>``.
    predictions : ndarray of int, shape-(L+1,)
    """

    digits: np.ndarray
    targets: np.ndarray
    predictions: np.ndarray

    @property
    def correct(self):
        """ndarray of bool, shape-(L+1,): which output tokens are right."""
        return self.predictions == self.targets


def probe_sequences(lengths=PROBE_LENGTHS, seed=PROBE_SEED):
    """Fixed digit sequences to watch during training, the same in every session.

    Returns
    -------
    list of ndarray of int, shape-(L,)
        One sequence per length.
    """
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 10, length) for length in lengths]


def probe_predictions(model, probes):
    """Run ``model`` on each probe sequence.

    Parameters
    ----------
    model : Seq2Seq
    probes : list of ndarray of int, shape-(L,)

    Returns
    -------
    list of ProbeResult
    """
    results = []
    for digits in probes:
        probe_trace = trace(model, digits)
        results.append(ProbeResult(digits, probe_trace.targets[:, 0], probe_trace.predictions[:, 0]))
    return results


def metrics_csv(history):
    """The metrics of a run as CSV text, one row per iteration.

    Parameters
    ----------
    history : dict of str to ndarray, shape-(n,)
        ``loss``, ``token_accuracy``, ``sequence_accuracy``.

    Returns
    -------
    str
        A header ``iteration,loss,token_accuracy,sequence_accuracy`` and ``n``
        rows; iterations count from 1.
    """
    columns = [np.arange(1, len(history["loss"]) + 1)] + [history[name] for name in METRIC_NAMES]
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack(columns), delimiter=",", fmt=["%d"] + ["%.6g"] * len(METRIC_NAMES),
               header=",".join(("iteration",) + METRIC_NAMES), comments="")
    return buffer.getvalue()

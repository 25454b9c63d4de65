"""One session's runs: the one being trained, the ones kept to compare, the model in use."""
import dataclasses
import typing

from .kinds import DEFAULT_KIND, copy_model
from .run import UPLOADED, Run, run_label
from .train import Status
from .worker import TrainingWorker

__all__ = ["MAX_RUNS", "STEP_ITERATIONS", "RunBook", "LiveView", "DroppedRun", "display_name"]

MAX_RUNS = 6  # kept per session; each is at most ~1 MB (D = 256, 50 000 iterations)
# Never dropped: the active run, the current model's run and a run being added
# (an upload, before it becomes the current model), so a book keeps at least these.
PINNED_AT_MOST = 3
STEP_ITERATIONS = 100  # what one press of "step" advances
MAX_NAME_CHARS = 40  # a chart legend's width


def display_name(file_name):
    """An uploaded file's name as plain text for a table or a chart's legend (no HTML can form).

    Keeps letters and digits of any script, spaces and ``. _ - ( )``; anything
    else becomes ``?``; long names are cut to :data:`MAX_NAME_CHARS`. In Markdown,
    show it through :func:`~seq2seq_core.token_text.escape_markdown`.
    """
    safe = "".join(c if c.isalnum() or c in " ._-()" else "?" for c in str(file_name)).strip()
    return (safe[: MAX_NAME_CHARS - 1] + "…" if len(safe) > MAX_NAME_CHARS else safe) or "?"


@dataclasses.dataclass(frozen=True)
class LiveView:
    """The active run at one instant between two chunks, for drawing.

    Attributes
    ----------
    run : Run
    iteration : int
    history : dict of str to ndarray, shape-(iteration,)
        Copies: later training does not change them.
    model : a copy of the run's model at ``iteration``
    """

    run: Run
    iteration: int
    history: dict
    model: object


class DroppedRun(typing.NamedTuple):
    """What the notice says of a run removed to save memory (its weights and history are gone)."""

    number: int
    name: str
    kind: str

    def label(self, lang):
        """str: the run's name and kind in ``lang``, as :meth:`Run.label` wrote it."""
        return run_label(self.number, lang, self.name, self.kind)


class RunBook:
    """The training state of one session: the active run, the kept runs, the current model.

    Parameters
    ----------
    max_runs : int
        Runs kept, at least :data:`PINNED_AT_MOST`; beyond it the oldest unpinned run
        goes (pinned: the active run and the current model's run).
    turns : seq2seq_core.turns.Turns or None
        The server's queue of training turns; None trains whenever asked.
    connected : callable or None
        Whether the session still has a browser; see :class:`~seq2seq_core.worker.TrainingWorker`.
    line : seq2seq_core.line.Line or None
        The server's line of sessions allowed to train; None trains without waiting.

    Attributes
    ----------
    runs : list of Run
        Oldest first; at most ``max_runs``.
    active : Run or None
        The run the buttons act on; the newest trained run until a reset.
    current : tuple of (int, int) or None
        ``(run number, iteration)`` of the run last made the current model; None
        for the shipped pretrained model.
    dropped : list of DroppedRun
        The runs removed to stay within ``max_runs``, in the order they went.
    worker : TrainingWorker
    """

    def __init__(self, max_runs=MAX_RUNS, turns=None, connected=None, line=None):
        if max_runs < PINNED_AT_MOST:
            raise ValueError(f"max_runs must be ≥ {PINNED_AT_MOST} (the runs never dropped), "
                             f"got {max_runs}")
        self.max_runs = max_runs
        self.runs, self.active, self.current, self.dropped = [], None, None, []
        self.worker = TrainingWorker(turns, connected, line)
        self._finish_handled = None  # the finished run already made current, or passed over
        self._next_number = 1

    @property
    def running(self):
        """bool: True while the active run trains, or waits in the server's line to train."""
        return self.worker.running

    @property
    def in_line(self):
        """InLine or None: where the active run waits in the server's line to train, if it does."""
        return self.worker.in_line

    @property
    def meter(self):
        """ThroughputMeter: the speed of the training the student watches."""
        return self.worker.meter

    @property
    def failure(self):
        """str or None: the error that stopped the last training, if one did."""
        return self.worker.failure

    def run(self, number):
        """Run: the kept run with this number (KeyError if it is gone)."""
        for run in self.runs:
            if run.number == number:
                return run
        raise KeyError(number)

    def _add(self, run):
        """Keep ``run``; drop the oldest unpinned runs beyond ``max_runs``."""
        self.runs.append(run)
        self._next_number += 1
        pinned = {run.number, self.current[0] if self.current else None,
                  self.active.number if self.active else None}
        while len(self.runs) > self.max_runs:
            oldest = next(kept for kept in self.runs if kept.number not in pinned)
            self.runs.remove(oldest)
            self.dropped.append(DroppedRun(oldest.number, oldest.name, oldest.kind))

    def start(self, hyperparameters, now=None, iterations=None, kind=DEFAULT_KIND):
        """Resume the active run, or begin one with ``hyperparameters``; a no-op while training.

        ``hyperparameters`` and ``kind`` (a key of ``MODEL_KINDS``) serve only a new
        run (none yet, or the last one ended); ``iterations`` stops it after that many more.
        """
        if self.running:
            return
        if self.active is None or self.active.trainer is None or self.active.trainer.done:
            if self.active is not None:
                self.active.freeze()
            self.active = Run.trained(self._next_number, hyperparameters, kind)
            self._add(self.active)
        trainer = self.active.trainer
        total = trainer.hyperparameters.iterations
        target = total if iterations is None else min(trainer.iteration + iterations, total)
        self.worker.start(trainer, target, now)

    def step(self, hyperparameters, iterations=STEP_ITERATIONS, now=None, kind=DEFAULT_KIND):
        """Like :meth:`start`, but stop after ``iterations`` more iterations."""
        self.start(hyperparameters, now, iterations=iterations, kind=kind)

    def pause(self):
        """Stop training after the chunk in progress; the run can be resumed."""
        self.worker.pause()

    def reset(self):
        """End the active run (kept if it did any iteration); nothing is active."""
        self.pause()
        if self.active is not None:
            self.active.freeze()
            if self.active.iteration == 0:
                self.runs.remove(self.active)
        self.active = None

    def restart(self, hyperparameters, kind=DEFAULT_KIND):
        """End the active run and start a new one of ``kind`` with ``hyperparameters``."""
        self.reset()
        self.start(hyperparameters, kind=kind)

    def advance(self, budget, now=None, **kwargs):
        """Train one chunk (see :meth:`TrainingWorker.advance`); True when training stopped."""
        return self.worker.advance(budget, now, **kwargs)

    def take_stopped(self):
        """bool: True, once, after a background run stopped on its own."""
        return self.worker.take_stopped()

    def live_view(self):
        """LiveView of the active run (None if there is none), taken between two chunks."""
        run = self.active
        if run is None:
            return None
        with self.worker.look():
            history = {name: values.copy() for name, values in run.history.items()}
            return LiveView(run, len(history["loss"]), history, copy_model(run.model))

    def take_finished(self):
        """int or None: once, the number of the active run if it trained all its iterations.

        So a run that ends while its student is on another page still becomes their
        current model there. Choosing a model after it ended counts as taking it.
        """
        run = self.active
        if run is None or run.status != Status.FINISHED.value or run.number == self._finish_handled:
            return None
        self._finish_handled = run.number
        return run.number

    def _chosen(self):
        if self.active is not None and self.active.status == Status.FINISHED.value:
            self._finish_handled = self.active.number

    @property
    def is_paused(self):
        """bool: an active run has started, can go on, and is not running."""
        run = self.active
        return (not self.running and run is not None and run.trainer is not None
                and not run.trainer.done and run.iteration > 0)

    def status_of(self, run):
        """str: ``run.status``; ``"paused"`` for a started run not training, or ``"waiting"``."""
        if run is self.active and self.in_line is not None:
            return "waiting"
        if run.status == Status.RUNNING.value and not (self.running and run is self.active):
            return "paused"
        return run.status

    def add_checkpoint(self, checkpoint, file_name):
        """Keep an uploaded checkpoint as a run (named by :func:`display_name`) and make it current.

        Returns
        -------
        run : Run
        snapshot : Checkpoint
            For the session's current model, as :meth:`select` returns it.
        """
        run = Run.uploaded(self._next_number, checkpoint, display_name(file_name))
        snapshot = run.checkpoint()  # first: a file that cannot be used changes nothing
        self._add(run)
        return run, self._make_current(run, snapshot)

    def select(self, number):
        """Make run ``number`` the current model; return a Checkpoint snapshot of it."""
        run = self.run(number)
        return self._make_current(run, run.checkpoint())

    def _make_current(self, run, snapshot):
        self.current = (run.number, run.iteration)
        self._chosen()
        return snapshot

    def select_pretrained(self):
        """Mark the shipped pretrained model as the current one."""
        self.current = None
        self._chosen()

    def comparable_runs(self):
        """list of Run: uploads, and runs with an iteration that are not training right now."""
        return [run for run in self.runs
                if (run.iteration > 0 or run.status == UPLOADED)
                and not (self.running and run is self.active)]

    def selectable_runs(self):
        """list of Run: the comparable runs that can become the current model (not diverged)."""
        return [run for run in self.comparable_runs() if run.status != Status.DIVERGED.value]

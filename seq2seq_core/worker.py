"""Training a session's run in a thread of its own: once it has a place in the server's line,
a short chunk per turn of the server's queue."""
import contextlib
import threading
import traceback

from .throughput import ThroughputMeter

__all__ = ["CHUNK_SECONDS", "TURN_WAIT_SECONDS", "chunk_seconds", "TrainingWorker"]

# One chunk per turn, short, so that pause acts at once and the server's other
# work is never held up for long (python -m benchmarks.chunk_time measures it).
CHUNK_SECONDS = 0.15
TURN_WAIT_SECONDS = 0.1  # a trainer waiting for its turn looks this often whether it was paused


def chunk_seconds(budget, seconds_per_iteration):
    """``max_seconds`` for :meth:`Trainer.step` so that a chunk fits in ``budget`` seconds.

    ``step`` checks its deadline after each iteration; two average iterations of room
    absorb the overrun (long batches take about twice the average).
    """
    return max(0.0, budget - 2 * seconds_per_iteration)


class TrainingWorker:
    """Advances one :class:`~seq2seq_core.train.Trainer` at a time, in chunks, to a target.

    Parameters
    ----------
    turns : seq2seq_core.turns.Turns or None
        The server's queue of training turns; None trains whenever asked.
    connected : callable or None
        Whether the owning session still has a browser. With it, :meth:`start`
        trains in a thread of its own until the target, a pause or a closed tab;
        without it, the caller calls :meth:`advance` (tests, benchmarks).
    line : seq2seq_core.line.Line or None
        The server's line of sessions allowed to train; None trains without a place.
        :meth:`start` joins it at once, and the worker trains once it holds a place,
        until it stops.

    Attributes
    ----------
    running : bool
        True while the trainer should train (also while it waits in line).
    failure : str or None
        The exception's type name if the training thread stopped on an error.
    meter : ThroughputMeter
    """

    def __init__(self, turns=None, connected=None, line=None):
        self.turns, self._connected, self.line = turns, connected, line
        self.running = False
        self._placed = False  # holds a place to train since the last start
        self.failure = None
        self.meter = ThroughputMeter()
        self._trainer = None
        self._target = None
        self._thread = None
        self._stopped_itself = False
        self._control = threading.RLock()  # start and pause, from any thread
        self._chunk = threading.Lock()  # held while a chunk trains
        self._lookers = 0  # threads in look(); a chunk lets them go first
        self._lookers_changed = threading.Condition()

    def start(self, trainer, target, now=None):
        """bool: whether ``trainer`` started training to iteration ``target`` (not if training)."""
        with self._control:
            if self.running:
                return False
            self._join()
            self._trainer, self._target = trainer, target
            self.running, self._stopped_itself, self.failure = True, False, None
            self._take_place(0, now)  # in line from the click: first come, first served
            if self._connected is not None:
                self._thread = threading.Thread(target=self._train_in_background, daemon=True,
                                                name="training-run")
                self._thread.start()
            return True

    def pause(self):
        """Stop after the chunk in progress (waiting for it); :meth:`start` goes on later."""
        with self._control:
            self.running = False
            self._join()
            self._stop()

    def _stop(self):
        # Also called by the training thread itself, which must not wait for the
        # control lock: a pause holding it waits for that thread to end.
        self.running = False
        self.meter.stop()
        if self.turns is not None:
            self.turns.leave(self)
        if self.line is not None:
            self.line.leave(self)
        self._placed = False

    def _take_place(self, wait, now=None):
        """bool: whether this worker may train, once in :attr:`line` waiting up to ``wait`` s."""
        if self.line is not None and not self.line.enter(self, wait):
            return False
        if not self._placed:  # the speed counts from here: waiting in line is not slow training
            self._placed = True
            self.meter.start(self._trainer.iteration, now)
        return True

    @property
    def in_line(self):
        """InLine or None: where this worker waits in :attr:`line` after a start, if it does."""
        if self.line is None or not self.running:
            return None
        return self.line.in_line(self)

    def _join(self):
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
            self._thread = None

    def _train_in_background(self):
        try:
            while self.running:
                if not self._connected():
                    self._stop()  # a closed tab: resumable, as after a click on pause
                    return
                if self.advance(CHUNK_SECONDS):
                    self._stopped_itself = True
                    return
        except Exception as error:  # a training thread must never die silently
            traceback.print_exc()  # the details go to the server's log, the page says the type
            self.failure = type(error).__name__
            self._stopped_itself = True
            self._stop()

    def take_stopped(self):
        """bool: True, once, after background training stopped on its own (target, end, error)."""
        stopped, self._stopped_itself = self._stopped_itself, False
        return stopped

    @contextlib.contextmanager
    def look(self):
        """Hold the trainer still between two chunks while the ``with`` block reads it.

        A plain lock is not fair: a trainer that takes it again at once can keep
        a page waiting for several chunks, so chunks let lookers go first.
        """
        with self._lookers_changed:
            self._lookers += 1
        try:
            with self._chunk:
                yield
        finally:
            with self._lookers_changed:
                self._lookers -= 1
                self._lookers_changed.notify_all()

    def advance(self, budget, now=None, wait=TURN_WAIT_SECONDS):
        """Train one chunk of about ``budget`` seconds, if running and it is this worker's turn.

        Parameters
        ----------
        budget : float
            Seconds this chunk may take.
        wait : float
            With :attr:`line` and :attr:`turns`, seconds to wait for a place in the
            line and for a turn, each; without them nothing is trained (the spot in
            the line and the place in the queue are kept).

        Returns
        -------
        bool
            True when training stopped in this chunk (target reached or the run ended).
        """
        trainer = self._trainer
        if not self.running or trainer is None or not self._take_place(wait, now):
            return False
        if self.turns is not None and not self.turns.acquire(self, wait):
            return False
        try:
            per_iteration = trainer.seconds / trainer.iteration if trainer.iteration else 0.0
            with self._lookers_changed:
                self._lookers_changed.wait_for(lambda: self._lookers == 0)
            with self._chunk:
                trainer.step(self._target - trainer.iteration,
                             max_seconds=chunk_seconds(budget, per_iteration))
        finally:
            if self.turns is not None:
                self.turns.release(self)
        self.meter.record(trainer.iteration, now)
        if trainer.done or trainer.iteration >= self._target:
            self._stop()
            return True
        return False

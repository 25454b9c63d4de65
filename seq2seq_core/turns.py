"""Training in turns: the sessions of one server train one chunk at a time, first come first served.

Every browser session trains in a thread of the one server process, and
Python runs one thread's bytecode at a time (the GIL). When eight students
train at once, eight threads that hardly ever wait compete for it, and the
server's own thread — the one that answers a new visitor's page and files —
gets it only after all of them: measured with 8 sessions training on 2 cores,
the first byte of a static file took up to 5 s and a fresh home page 8–12 s
(``python -m benchmarks.classroom_load``). Training in turns keeps at most
``slots`` threads training; the others wait without using the CPU, so the
server thread competes with one trainer, not eight. The whole class trains about
as fast as before (the GIL let one thread run at a time anyway).

Turns go round in the order sessions asked for them; an owner (a session's run
book) that is not inside :meth:`Turns.acquire` keeps its place, but the next
turn goes to the earliest owner that is waiting at that moment, so one that is
busy elsewhere does not hold up the rest. A place that is not asked for again
within ``stale_after`` seconds (a paused run) is given up.
Nothing a session owns is shared: the queue holds only the owners' identities.
"""
import threading
import time

__all__ = ["Turns", "TRAINING_TURNS"]


class Turns:
    """A first-come-first-served queue for ``slots`` concurrent turns.

    Parameters
    ----------
    slots : int
        How many owners may hold a turn at the same time.
    stale_after : float
        Seconds after which a waiting owner that has not asked again loses its place.
    clock : callable
        Returns seconds; ``time.monotonic`` unless a test passes its own.
    """

    def __init__(self, slots=1, stale_after=2.0, clock=time.monotonic):
        if slots < 1:
            raise ValueError(f"slots must be ≥ 1, got {slots}")
        self.slots = slots
        self.stale_after = stale_after
        self._clock = clock
        self._changed = threading.Condition()
        self._waiting = {}  # owner id → when it last asked; dicts keep the order of arrival
        self._present = set()  # owners inside acquire() now
        self._holding = set()

    def acquire(self, owner, timeout):
        """Wait up to ``timeout`` seconds for a turn; keep the place in the queue if none comes.

        Parameters
        ----------
        owner : object
            Who asks; the same object keeps its place across calls.
        timeout : float
            Seconds to wait at most (0: just look).

        Returns
        -------
        bool
            True if ``owner`` now holds a turn and must :meth:`release` it.
        """
        key = id(owner)
        with self._changed:
            deadline = self._clock() + timeout
            self._present.add(key)
            try:
                while True:
                    now = self._clock()
                    self._waiting[key] = now  # joins at the back, or keeps its place
                    self._drop_stale(now)
                    # The earliest owner that is waiting now: one that is away
                    # keeps its place but does not hold up the others.
                    first = next(other for other in self._waiting if other in self._present)
                    if len(self._holding) < self.slots and first == key:
                        del self._waiting[key]
                        self._holding.add(key)
                        return True
                    if now >= deadline:
                        return False
                    self._changed.wait(deadline - now)
            finally:
                self._present.discard(key)

    def release(self, owner):
        """End ``owner``'s turn; the next in the queue may go."""
        with self._changed:
            self._holding.discard(id(owner))
            self._changed.notify_all()

    def leave(self, owner):
        """Give up ``owner``'s place in the queue (it stopped training)."""
        with self._changed:
            self._waiting.pop(id(owner), None)
            self._changed.notify_all()

    def waiting(self):
        """int: how many owners are queued now (waiting in :meth:`acquire` or away)."""
        with self._changed:
            return len(self._waiting)

    def present(self):
        """int: how many owners are waiting in :meth:`acquire` now."""
        with self._changed:
            return len(self._present)

    def _drop_stale(self, now):
        for key, asked in list(self._waiting.items()):
            if now - asked > self.stale_after:
                del self._waiting[key]


# The one queue of this server process (every session's run book uses it).
TRAINING_TURNS = Turns()

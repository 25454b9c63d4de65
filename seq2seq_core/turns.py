"""Training in turns: the sessions of one server train a chunk at a time, first come first served.

:class:`Turns` lets at most ``slots`` run books train at once while the others
wait without using the CPU, so the server's own thread is not crowded out
(measurements: README, "Many students at once"). It queues only the owners'
identities; nothing a session owns is shared.
"""
import threading
import time
from collections import Counter

__all__ = ["TRAINING_TURNS", "Turns"]


class Turns:
    """A first-come-first-served queue for ``slots`` concurrent turns.

    Turns go in the order owners asked for them. An owner that is not inside
    :meth:`acquire` keeps its place, but the next turn goes to the earliest
    owner asking at that moment, so one busy elsewhere does not hold up the
    rest; a place not asked for again within ``stale_after`` seconds (a paused
    run) is given up. An owner is asking while any of its threads is inside
    :meth:`acquire`, and its place is never stale then.

    Threads of one owner may ask at once (say, two trainers of one run book):
    each call that returns True holds one of the ``slots`` until one
    :meth:`release`, and when one of them takes a turn, the others go on
    asking from the back of the queue, like anyone else.

    Parameters
    ----------
    slots : int
        How many turns may be held at the same time.
    stale_after : float
        Seconds after which a queued owner that has not asked again loses its place.
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
        self._present = Counter()  # owner id → its threads inside acquire() now
        self._holding = Counter()  # owner id → turns it holds

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
            self._present[key] += 1
            try:
                while True:
                    now = self._clock()
                    self._waiting[key] = now  # joins at the back, or keeps its place
                    self._drop_stale(now)
                    # The earliest owner asking now (one that is away keeps its place but
                    # does not hold up the others). Always found: `key` itself is queued
                    # and asking, and _drop_stale() keeps those asking.
                    first = next(other for other in self._waiting if other in self._present)
                    if first == key and self._holding.total() < self.slots:
                        del self._waiting[key]
                        if self._present[key] > 1:  # its other threads go on asking, from the back
                            self._waiting[key] = now
                        self._holding[key] += 1
                        return True
                    if now >= deadline:
                        return False
                    self._changed.wait(deadline - now)
            finally:
                _take_one(self._present, key)

    def release(self, owner):
        """End one of ``owner``'s turns (if it holds any); the next in the queue may go."""
        with self._changed:
            _take_one(self._holding, id(owner))
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
            if key not in self._present and now - asked > self.stale_after:
                del self._waiting[key]


def _take_one(counter, key):
    """One less ``key`` in ``counter`` (none stays none); keys counted 0 are removed."""
    if counter[key] > 1:
        counter[key] -= 1
    else:
        counter.pop(key, None)


# The one queue of this server process (every session's run book uses it).
TRAINING_TURNS = Turns()

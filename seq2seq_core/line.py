"""The line to train: at most a set number of sessions train at once, the others wait their turn.

Turns (:mod:`seq2seq_core.turns`) share the CPU between the runs that train,
chunk by chunk; the line decides which runs train at all. Each run that trains
slows the others, so above :func:`max_trainers` runs a new Start waits in line,
first come first served, and begins by itself when a place frees up (a run
paused, finished, reset, diverged, or its tab closed). The page says where it
stands (:func:`waiting_text`). Like the turns, the line holds only the owners'
identities; nothing a session owns is shared.

The cap is the server's one setting for it, the environment variable
``SEQ2SEQ_MAX_TRAINERS`` (:data:`MAX_TRAINERS_VARIABLE`), read once when this
module is imported.
"""
import dataclasses
import os
import threading
import time
from collections import Counter

from .i18n import t

__all__ = [
    "DEFAULT_MAX_TRAINERS",
    "MAX_TRAINERS_RANGE",
    "MAX_TRAINERS_VARIABLE",
    "STALE_SECONDS",
    "TRAINING_LINE",
    "InLine",
    "Line",
    "max_trainers",
    "ordinal",
    "waiting_text",
]

MAX_TRAINERS_VARIABLE = "SEQ2SEQ_MAX_TRAINERS"
# README, "Many students at once": eight sessions training at once on 2 cores kept a
# fresh visitor's page within its target.
DEFAULT_MAX_TRAINERS = 8
MAX_TRAINERS_RANGE = (1, 100)
# A place not asked for again within this long is given up: an owner that stopped
# without leaving (a trainer asks at every chunk, a waiting one ten times a second).
STALE_SECONDS = 30.0


def max_trainers(environ=os.environ):
    """int: how many run books may train at once, from ``SEQ2SEQ_MAX_TRAINERS`` or the default.

    Parameters
    ----------
    environ : mapping of str to str
        The environment to read (the process's own unless a test passes one).

    Raises
    ------
    ValueError
        If the variable is set to anything but a whole number in :data:`MAX_TRAINERS_RANGE`;
        the message says what to set.
    """
    text = environ.get(MAX_TRAINERS_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MAX_TRAINERS
    low, high = MAX_TRAINERS_RANGE
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise ValueError(
            f"{MAX_TRAINERS_VARIABLE}={text!r}: set it to a whole number from {low} to {high}, "
            f"how many sessions may train at once (unset: {DEFAULT_MAX_TRAINERS})")
    return int(text)


@dataclasses.dataclass(frozen=True)
class InLine:
    """Where a waiting owner stands: ``position`` 1 trains next; ``training`` owners train now."""

    position: int
    training: int


class Line:
    """At most ``places`` owners hold a place to train; the others wait in line, in order.

    An owner asks with :meth:`enter` and, once it holds a place, keeps it until
    :meth:`leave`. A place that frees up goes at once to the first in line, whether
    or not its thread is asking at that moment; it finds the place its own at its next
    :meth:`enter`. Holding a place or a spot in line is kept alive by asking again:
    one not asked for within ``stale_after`` seconds is given up (an owner that stopped
    without leaving), but never while a thread of the owner waits inside :meth:`enter`.

    Parameters
    ----------
    places : int
        How many owners may hold a place at once.
    stale_after : float
        Seconds after which a place or a spot in line that was not asked for is given up.
    clock : callable
        Returns seconds; ``time.monotonic`` unless a test passes its own.
    """

    def __init__(self, places, stale_after=STALE_SECONDS, clock=time.monotonic):
        if places < 1:
            raise ValueError(f"places must be ≥ 1, got {places}")
        self.places = places
        self.stale_after = stale_after
        self._clock = clock
        self._changed = threading.Condition()
        self._placed = {}  # owner id → when it last asked
        self._waiting = {}  # owner id → when it last asked; dicts keep the order of arrival
        self._present = Counter()  # owner id → its threads inside enter() now

    def enter(self, owner, timeout=0.0):
        """Hold a place, or wait up to ``timeout`` seconds in line for one (keeping the spot).

        Parameters
        ----------
        owner : object
            Who asks; the same object keeps its place, or its spot in line, across calls.
        timeout : float
            Seconds to wait at most (0: join the line, or keep the spot, and return).

        Returns
        -------
        bool
            True if ``owner`` holds a place, until it calls :meth:`leave`.
        """
        key = id(owner)
        with self._changed:
            deadline = self._clock() + timeout
            self._present[key] += 1
            try:
                while True:
                    now = self._clock()
                    if key in self._placed:
                        self._placed[key] = now
                        return True
                    self._waiting[key] = now  # joins at the back, or keeps its spot
                    if self._drop_stale(now) or self._fill(now):
                        self._changed.notify_all()  # others may hold a place now
                        continue
                    if now >= deadline:
                        return False
                    self._changed.wait(deadline - now)
            finally:
                self._present[key] -= 1
                if not self._present[key]:
                    del self._present[key]

    def leave(self, owner):
        """Give up ``owner``'s place or spot in line (it stopped); the first in line moves up."""
        key = id(owner)
        with self._changed:
            self._placed.pop(key, None)
            self._waiting.pop(key, None)
            self._fill(self._clock())
            self._changed.notify_all()

    def in_line(self, owner):
        """InLine or None: where ``owner`` waits, or None if it holds a place or is not in line."""
        key = id(owner)
        with self._changed:
            if key not in self._waiting:
                return None
            return InLine(list(self._waiting).index(key) + 1, len(self._placed))

    def training(self):
        """int: how many owners hold a place now."""
        with self._changed:
            return len(self._placed)

    def waiting(self):
        """int: how many owners wait in line now."""
        with self._changed:
            return len(self._waiting)

    def _drop_stale(self, now):
        """bool: whether a place or a spot in line not asked for in time was given up."""
        stale = [key for queue in (self._placed, self._waiting) for key, asked in queue.items()
                 if key not in self._present and now - asked > self.stale_after]
        for key in stale:
            self._placed.pop(key, None)
            self._waiting.pop(key, None)
        return bool(stale)

    def _fill(self, now):
        """bool: whether the first in line took the places free, one each."""
        moved = False
        while self._waiting and len(self._placed) < self.places:
            key = next(iter(self._waiting))
            del self._waiting[key]
            self._placed[key] = now
            moved = True
        return moved


def ordinal(number, lang):
    """str: ``number`` as an ordinal in ``lang``: "1st", "2nd", "11th", "23rd"; "3번째"."""
    if number % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return t(f"training.ordinal.{suffix}", lang, number=number)


def waiting_text(in_line, lang):
    """str: where a run waits in line and how many train, e.g. "3rd in line — …", in ``lang``."""
    training = t("training.line.one_trains" if in_line.training == 1 else "training.line.trains",
                 lang, count=in_line.training)
    return t("training.line.waiting", lang, place=ordinal(in_line.position, lang),
             training=training)


# The one line of this server process (every session's run book uses it).
TRAINING_LINE = Line(max_trainers())

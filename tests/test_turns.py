"""Training turns: a chunk at a time, in the order asked, places kept, stale ones dropped.

Also when several threads of one owner ask at once.
"""
import threading
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.runs import RunBook
from seq2seq_core.train import Hyperparameters
from seq2seq_core.turns import Turns


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class Waiter:
    """``owner`` waiting in ``turns.acquire`` on a thread of its own."""

    def __init__(self, turns, owner=None):
        self.owner = owner if owner is not None else object()
        self.turns, self.got = turns, []
        present = turns.present()
        self.thread = threading.Thread(
            target=lambda: self.got.append(turns.acquire(self.owner, 30)))
        self.thread.start()
        while turns.present() == present:  # until it waits
            time.sleep(0.001)

    def done(self):
        self.thread.join(30)
        return self.got == [True]


def test_one_turn_at_a_time_then_the_waiters_in_order_of_asking():
    turns = Turns()
    holder = object()
    assert turns.acquire(holder, 0)
    second = Waiter(turns)
    third = Waiter(turns)
    turns.release(holder)
    assert second.done()
    assert third.got == [], "third waits for second's turn"
    assert not turns.acquire(holder, 0), "the holder goes to the back after its turn"
    turns.release(second.owner)
    assert third.done()
    turns.release(third.owner)
    assert turns.acquire(holder, 0)


def test_a_place_is_kept_between_calls_without_holding_up_those_waiting():
    turns = Turns()
    holder, away = object(), object()
    assert turns.acquire(holder, 0)
    assert not turns.acquire(away, 0)  # queued, then gone to draw its page
    waiting = Waiter(turns)
    turns.release(holder)
    assert waiting.done(), "the one waiting now goes first"
    back = Waiter(turns, away)
    later = Waiter(turns)
    turns.release(waiting.owner)
    assert back.done(), "asked before `later`, so it goes before it"
    turns.release(back.owner)
    assert later.done()


def test_a_place_not_asked_for_again_is_dropped():
    clock = FakeClock()
    turns = Turns(stale_after=2.0, clock=clock)
    holder, gone = object(), object()
    assert turns.acquire(holder, 0)
    assert not turns.acquire(gone, 0)
    assert turns.waiting() == 1
    clock.now = 3.0  # `gone` last asked 3 s ago (a closed tab)
    turns.release(holder)
    assert turns.acquire(holder, 0)
    assert turns.waiting() == 0


def test_asking_again_keeps_a_place_fresh():
    clock = FakeClock()
    turns = Turns(stale_after=2.0, clock=clock)
    holder, away = object(), object()
    assert turns.acquire(holder, 0)
    assert not turns.acquire(away, 0)
    clock.now = 1.5
    assert not turns.acquire(away, 0)  # asked again 1.5 s later
    clock.now = 3.0
    turns.release(holder)
    assert turns.acquire(holder, 0)
    assert turns.waiting() == 1, "`away` last asked 1.5 s ago: it keeps its place"


def test_leaving_gives_up_the_place():
    turns = Turns()
    holder, leaver = object(), object()
    assert turns.acquire(holder, 0)
    assert not turns.acquire(leaver, 0)
    turns.leave(leaver)
    assert turns.waiting() == 0


def test_a_waiter_gets_the_turn_as_soon_as_it_is_released():
    turns = Turns()
    holder, waiter = object(), object()
    assert turns.acquire(holder, 0)
    got = []
    thread = threading.Thread(target=lambda: got.append(turns.acquire(waiter, 30)))
    thread.start()
    while turns.waiting() == 0:  # the waiter has queued
        pass
    turns.release(holder)
    thread.join(30)
    assert got == [True]


@pytest.mark.parametrize("slots", [0, -1])
def test_at_least_one_slot(slots):
    with pytest.raises(ValueError, match="slots"):
        Turns(slots=slots)


def test_a_run_book_trains_only_in_its_turn_and_leaves_the_queue_when_paused():
    turns = Turns(clock=FakeClock())
    mine, other = RunBook(turns=turns), RunBook(turns=turns)
    settings = Hyperparameters(iterations=1000)
    mine.start(settings)
    other.start(settings)
    assert turns.acquire(other, 0)  # the other session is training now
    mine.advance(0.05, wait=0)
    assert mine.active.iteration == 0 and turns.waiting() == 1
    turns.release(other)
    mine.advance(0.05, wait=0)
    assert mine.active.iteration > 0
    assert turns.acquire(other, 0), "the turn was released after the chunk"
    mine.advance(0.05, wait=0)  # queued again behind the other session
    assert turns.waiting() == 1
    mine.pause()
    assert turns.waiting() == 0


class SignallingClock(FakeClock):
    """A fake clock that tells which threads have read it (acquire() reads it holding its lock)."""

    def __init__(self):
        super().__init__()
        self._read_by = {}
        self._lock = threading.Lock()

    def read_by(self, thread):
        with self._lock:  # by Thread, not ident: an ended thread's ident is given out again
            return self._read_by.setdefault(thread, threading.Event())

    def __call__(self):
        self.read_by(threading.current_thread()).set()
        return self.now


class Asker:
    """``turns.acquire(owner, timeout)`` on a thread of its own: what it returned, or raised."""

    def __init__(self, turns, owner, timeout=30, any_returned=None):
        self.outcome = []
        self.returned = threading.Event()
        self.any_returned = any_returned or threading.Event()
        self.thread = threading.Thread(target=self._ask, args=(turns, owner, timeout), daemon=True)
        self.thread.start()

    def _ask(self, turns, owner, timeout):
        try:
            self.outcome.append(turns.acquire(owner, timeout))
        except Exception as error:  # noqa: BLE001 -- raised again by result(): StopIteration was one
            self.outcome.append(error)
        self.returned.set()
        self.any_returned.set()

    def result(self):
        """What acquire() returned; what it raised is raised again here, with its traceback."""
        assert self.returned.wait(30), "acquire() never returned"
        if isinstance(self.outcome[0], BaseException):
            raise self.outcome[0]
        return self.outcome[0]


def test_two_threads_of_one_owner_in_acquire_at_once():
    """Start then Step at once: two threads of one run book asked for a turn together."""
    clock = SignallingClock()
    turns = Turns(clock=clock)
    holder, book = object(), object()
    assert turns.acquire(holder, 0)
    patient = Asker(turns, book)
    assert clock.read_by(patient.thread).wait(30)
    # Runs once `patient` waits (it holds the lock from reading the clock until then).
    assert not turns.acquire(book, 0), "the other thread of the book gives up at once"
    turns.release(holder)
    assert patient.result() is True
    assert turns.present() == 0


def test_an_owner_holds_one_slot_per_turn_taken():
    """Two threads of one owner: each turn taken is one slot, given back by one release."""
    clock = SignallingClock()
    turns = Turns(slots=2, clock=clock)
    book, other = object(), object()
    assert turns.acquire(book, 0)
    assert turns.acquire(book, 0), "a second slot is free"
    assert not turns.acquire(other, 0), "both slots are the book's"
    turns.release(book)
    assert turns.acquire(other, 0), "one release frees one slot"
    assert not turns.acquire(book, 0)
    turns.release(book)
    turns.release(book)  # holds none now: nothing happens
    assert turns.acquire(book, 0)
    assert not turns.acquire(object(), 0)


def test_the_second_thread_of_a_holder_waits_behind_those_who_asked_before_the_turn_was_taken():
    clock = SignallingClock()
    turns = Turns(clock=clock)
    holder, book, later = object(), object(), object()
    assert turns.acquire(holder, 0)
    one_returned = threading.Event()
    first, second = (Asker(turns, book, any_returned=one_returned) for _ in range(2))
    for asker in (first, second):
        assert clock.read_by(asker.thread).wait(30)
    turns.release(holder)
    assert one_returned.wait(30)
    winner, loser = (first, second) if first.returned.is_set() else (second, first)
    assert winner.result() is True
    behind = Asker(turns, later)
    assert clock.read_by(behind.thread).wait(30)
    assert turns.waiting() == 2 and turns.present() == 2
    turns.release(book)
    assert loser.result() is True, "asked before `later`"
    assert not behind.returned.is_set()
    turns.release(book)
    assert behind.result() is True


def test_an_owner_waiting_in_acquire_keeps_its_place_however_long_it_waits():
    clock = SignallingClock()
    turns = Turns(stale_after=2.0, clock=clock)
    holder, patient_owner, newcomer_owner = object(), object(), object()
    assert turns.acquire(holder, 0)
    patient = Asker(turns, patient_owner)
    assert clock.read_by(patient.thread).wait(30)
    clock.now = 3.0  # longer than stale_after, but it has been asking all along
    newcomer = Asker(turns, newcomer_owner)
    assert clock.read_by(newcomer.thread).wait(30)
    assert turns.waiting() == 2
    turns.release(holder)
    assert patient.result() is True
    turns.release(patient_owner)
    assert newcomer.result() is True


@pytest.mark.parametrize("stale_after", [0.0, -1.0])
def test_acquire_never_finds_its_own_place_stale(stale_after):
    turns = Turns(stale_after=stale_after, clock=FakeClock())
    assert turns.acquire(object(), 0)


class Model:
    """What :class:`Turns` should do, counted per owner; its asking threads are interchangeable.

    ``parked`` threads wait in acquire() and look again only when woken (a release or a leave).
    """

    def __init__(self, slots, stale_after):
        self.slots, self.stale_after = slots, stale_after
        self.queue = {}  # owner → when it last asked, in order of arrival
        self.parked = Counter()  # owner → its threads waiting in acquire()
        self.held = Counter()  # owner → turns it holds
        self.taken = Counter()  # owner → turns its parked threads took

    def ask(self, owner, now):
        """One more thread of ``owner`` asks; True if it takes a turn, else it is to be parked."""
        present = self.parked + Counter([owner])
        self.queue[owner] = now
        self._drop_stale(now, present)
        first = next(other for other in self.queue if present[other])
        if first != owner or self.held.total() >= self.slots:
            return False
        self._take(owner, now, others=present[owner] - 1)
        return True

    def release(self, owner, now):
        if self.held[owner]:
            self.held[owner] -= 1
        self._wake(now)

    def leave(self, owner, now):
        self.queue.pop(owner, None)
        self._wake(now)

    def _wake(self, now):
        """Every parked thread looks again: the earliest owner asking takes a free turn."""
        if not +self.parked:
            return
        for owner in +self.parked:
            self.queue[owner] = now  # keeps its place, or goes to the back after leave()
        self._drop_stale(now, self.parked)
        first = next(other for other in self.queue if self.parked[other])
        if self.held.total() < self.slots:
            self.parked[first] -= 1
            self.taken[first] += 1
            self._take(first, now, others=self.parked[first])

    def _take(self, owner, now, others):
        del self.queue[owner]
        self.held[owner] += 1
        if others:  # its other threads go on asking, from the back
            self.queue[owner] = now

    def _drop_stale(self, now, present):
        for other, asked in list(self.queue.items()):
            if not present[other] and now - asked > self.stale_after:
                del self.queue[other]


def settle(turns, askers):
    """Wait until every asker has returned or waits in acquire() with nothing new to look at.

    Reads the condition's private list of waiting threads: a thread woken but not yet
    looking again is no longer on it, and has not returned either.
    """
    for _ in range(10_000):
        with turns._changed:
            if len(turns._changed._waiters) == sum(not a.returned.is_set() for a in askers):
                return
        time.sleep(0.001)
    raise AssertionError("the askers never settled")


# Asking and releasing twice as often as leaving or time passing: more turns change hands.
OPERATION = st.sampled_from(["ask", "ask", "wait", "wait", "release", "release", "leave", "tick"])
OPERATIONS = st.lists(st.tuples(OPERATION, st.integers(0, 2)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(slots=st.integers(1, 2), stale_after=st.sampled_from([-1.0, 0.0, 1.0, 2.0]),
       operations=OPERATIONS)
def test_turns_go_first_come_first_served_to_those_asking(slots, stale_after, operations):
    """Any order of asking (at once, or waiting on a thread), releasing, leaving and time passing.

    acquire() never raises, at most ``slots`` turns are held, and each turn goes to the
    owner that asked first among those asking at that moment (:class:`Model`).
    """
    clock = FakeClock()
    turns = Turns(slots=slots, stale_after=stale_after, clock=clock)
    model = Model(slots, stale_after)
    owners = [object() for _ in range(3)]
    askers = []  # (owner number, Asker): threads waiting up to 1000 s of the fake clock
    got = Counter()  # turns each owner took without waiting
    released = Counter()  # releases of a turn held

    def returned():
        return [(index, asker.result()) for index, asker in askers if asker.returned.is_set()]

    def holding():
        return got + Counter(index for index, result in returned() if result) - released

    try:
        for operation, index in operations:
            if operation == "wait" and len(askers) < 4:
                askers.append((index, Asker(turns, owners[index], timeout=1000)))
                if model.ask(index, clock.now):
                    model.taken[index] += 1
                else:
                    model.parked[index] += 1
            elif operation in ("ask", "wait"):
                took = turns.acquire(owners[index], 0)
                assert took == model.ask(index, clock.now)
                got[index] += took
            elif operation == "release":
                if holding()[index]:
                    released[index] += 1
                turns.release(owners[index])
                model.release(index, clock.now)
            elif operation == "leave":
                turns.leave(owners[index])
                model.leave(index, clock.now)
            else:
                clock.now += 1.5
            settle(turns, [asker for _, asker in askers])
            assert all(result is True for _, result in returned()), "only a turn ends the wait"
            by_threads = Counter(index for index, _ in returned())
            assert by_threads == model.taken, "first come, first served"
            assert holding() == model.held and holding().total() <= slots
            assert turns.waiting() == len(model.queue)
            assert turns.present() == len(+model.parked)
            if holding().total() < slots:
                assert turns.present() == 0, "nobody waits while a turn is free"
    finally:
        clock.now = 1e9  # past every asker's deadline
        turns.leave(object())  # wakes them
        for _, asker in askers:
            assert asker.result() in (True, False)

"""Training turns: one chunk at a time, in the order asked, places kept across reruns, stale ones dropped."""
import threading
import time

import pytest

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
        self.thread = threading.Thread(target=lambda: self.got.append(turns.acquire(self.owner, 30)))
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

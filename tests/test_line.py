"""The line to train: a cap on sessions training at once, first come first served, places freed.

Unit tests of :class:`Line` (a fake clock where time matters), its setting, its text in
Korean and English, and run books that wait in it: a place freed in any way starts the
next run by itself. Every training thread started here is joined.
"""
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.line import (
    DEFAULT_MAX_TRAINERS,
    MAX_TRAINERS_VARIABLE,
    TRAINING_LINE,
    InLine,
    Line,
    max_trainers,
    ordinal,
    waiting_text,
)
from seq2seq_core.runs import RunBook
from seq2seq_core.train import Hyperparameters, Status
from seq2seq_core.turns import Turns

TINY = Hyperparameters(hidden=4, batch_size=2, iterations=150, min_len=1, max_len=3, seed=1)
LONG = Hyperparameters(hidden=8, iterations=200_000, seed=0)  # never ends while a test watches
DIVERGING = Hyperparameters(hidden=256, learning_rate=0.1, batch_size=20, iterations=300, seed=0)


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def wait_until(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def training_threads():
    return [thread for thread in threading.enumerate() if thread.name == "training-run"]


# The line alone


def test_places_go_in_order_of_arrival_and_the_others_wait_in_line():
    line = Line(places=2)
    first, second, third, fourth = (object() for _ in range(4))
    assert line.enter(first) and line.enter(second)
    assert not line.enter(third) and not line.enter(fourth)
    assert (line.training(), line.waiting()) == (2, 2)
    assert line.in_line(first) is None and line.in_line(second) is None
    assert line.in_line(third) == InLine(position=1, training=2)
    assert line.in_line(fourth) == InLine(position=2, training=2)
    assert not line.enter(fourth) and line.in_line(fourth).position == 2, "asking again keeps it"
    assert line.in_line(object()) is None  # never asked


def test_a_place_that_frees_up_goes_to_the_first_in_line_whether_or_not_it_asks():
    line = Line(places=1)
    holder, first, second = object(), object(), object()
    assert line.enter(holder)
    assert not line.enter(first) and not line.enter(second)
    line.leave(holder)
    assert line.in_line(first) is None and line.in_line(second) == InLine(1, 1)
    assert line.enter(first), "the place was given to it when it freed up"
    assert not line.enter(holder), "back in line, behind `second`"
    assert line.in_line(holder) == InLine(2, 1)


def test_leaving_the_line_while_waiting_moves_the_others_up():
    line = Line(places=1)
    holder, leaver, behind = object(), object(), object()
    assert line.enter(holder)
    assert not line.enter(leaver) and not line.enter(behind)
    line.leave(leaver)
    assert line.in_line(leaver) is None and line.in_line(behind) == InLine(1, 1)
    assert line.training() == 1, "leaving the line frees no place"
    line.leave(object())  # never in line: nothing happens
    assert (line.training(), line.waiting()) == (1, 1)


def test_a_waiter_starts_by_itself_as_soon_as_a_place_frees_up():
    line = Line(places=1)
    holder, waiter = object(), object()
    assert line.enter(holder)
    got = []
    thread = threading.Thread(target=lambda: got.append(line.enter(waiter, timeout=60)))
    thread.start()
    wait_until(lambda: line.waiting() == 1, "the waiter never joined the line")
    assert got == []
    line.leave(holder)
    thread.join(60)
    assert not thread.is_alive() and got == [True]
    assert line.training() == 1 and line.waiting() == 0


def test_a_waiter_that_times_out_keeps_its_spot():
    line = Line(places=1)
    holder, waiter, later = object(), object(), object()
    assert line.enter(holder)
    assert not line.enter(waiter, timeout=0.01)
    assert not line.enter(later)
    assert line.in_line(waiter) == InLine(1, 1)


def test_a_place_not_asked_for_again_is_given_up_and_asking_keeps_it():
    clock = FakeClock()
    line = Line(places=1, stale_after=30.0, clock=clock)
    holder, waiter = object(), object()
    assert line.enter(holder)
    assert not line.enter(waiter)
    clock.now = 20.0
    assert line.enter(holder), "asked again within 30 s"
    clock.now = 45.0
    assert not line.enter(waiter), "the holder asked 25 s ago: it keeps its place"
    clock.now = 51.0
    assert line.enter(waiter), "the holder has not asked for 31 s (it stopped without leaving)"
    assert not line.enter(holder) and line.in_line(holder) == InLine(1, 1)


def test_a_spot_in_line_not_asked_for_again_is_given_up():
    clock = FakeClock()
    line = Line(places=1, stale_after=30.0, clock=clock)
    holder, gone, patient = object(), object(), object()
    assert line.enter(holder)
    assert not line.enter(gone) and not line.enter(patient)
    clock.now = 20.0
    assert line.enter(holder) and not line.enter(patient)
    clock.now = 40.0
    assert line.enter(holder) and not line.enter(patient)
    assert line.in_line(patient) == InLine(1, 1), "`gone` last asked 40 s ago"
    assert line.waiting() == 1


def test_an_owner_waiting_inside_enter_keeps_its_spot_however_long_it_waits():
    clock = FakeClock()
    line = Line(places=1, stale_after=30.0, clock=clock)
    holder, patient = object(), object()
    assert line.enter(holder)
    got = []
    thread = threading.Thread(target=lambda: got.append(line.enter(patient, timeout=1000)))
    thread.start()
    wait_until(lambda: line.waiting() == 1, "the waiter never joined the line")
    clock.now = 100.0  # the waiter has been asking all along; the holder has not
    newcomer = object()
    assert not line.enter(newcomer), "the place went to the first in line, not the newcomer"
    thread.join(60)
    assert not thread.is_alive() and got == [True]
    assert line.in_line(newcomer) == InLine(1, 1)


@pytest.mark.parametrize("places", [0, -1])
def test_at_least_one_place(places):
    with pytest.raises(ValueError, match="places"):
        Line(places)


class LineSpec:
    """What :class:`Line` should do without time passing: a list in order of arrival."""

    def __init__(self, places):
        self.places, self.holders, self.queue = places, set(), []

    def enter(self, owner):
        if owner not in self.holders and owner not in self.queue:
            self.queue.append(owner)
        self._fill()
        return owner in self.holders

    def leave(self, owner):
        self.holders.discard(owner)
        if owner in self.queue:
            self.queue.remove(owner)
        self._fill()

    def _fill(self):
        while self.queue and len(self.holders) < self.places:
            self.holders.add(self.queue.pop(0))


@settings(max_examples=200, deadline=None)
@given(places=st.integers(1, 3),
       operations=st.lists(st.tuples(st.sampled_from(["enter", "enter", "leave"]),
                                     st.integers(0, 4)), max_size=40))
def test_the_line_is_first_come_first_served_and_never_over_its_places(places, operations):
    line, spec = Line(places, clock=FakeClock()), LineSpec(places)
    owners = [object() for _ in range(5)]
    for operation, index in operations:
        if operation == "enter":
            assert line.enter(owners[index]) == spec.enter(index)
        else:
            line.leave(owners[index])
            spec.leave(index)
        assert line.training() == len(spec.holders) <= places
        assert line.waiting() == len(spec.queue)
        if spec.queue:
            assert line.training() == places, "nobody waits while a place is free"
        for position, waiting in enumerate(spec.queue, start=1):
            assert line.in_line(owners[waiting]) == InLine(position, len(spec.holders))
        for holding in spec.holders:
            assert line.in_line(owners[holding]) is None


# Its setting


def test_the_cap_is_the_default_unless_the_variable_sets_it():
    assert DEFAULT_MAX_TRAINERS == 8
    assert max_trainers({}) == max_trainers({MAX_TRAINERS_VARIABLE: " "}) == DEFAULT_MAX_TRAINERS
    assert max_trainers({MAX_TRAINERS_VARIABLE: "1"}) == 1
    assert max_trainers({MAX_TRAINERS_VARIABLE: " 30 "}) == 30
    assert max_trainers({MAX_TRAINERS_VARIABLE: "100"}) == 100
    assert TRAINING_LINE.places == max_trainers(os.environ)


@pytest.mark.parametrize("value", ["0", "101", "-1", "2.5", "eight", "1_0", "²"])
def test_a_cap_that_is_not_a_whole_number_in_range_is_refused_saying_what_to_set(value):
    with pytest.raises(ValueError, match=f"{MAX_TRAINERS_VARIABLE}=.*from 1 to 100"):
        max_trainers({MAX_TRAINERS_VARIABLE: value})


def server_line_places(value):
    """The server's line as a fresh process with the variable set to ``value`` makes it."""
    environment = os.environ | {MAX_TRAINERS_VARIABLE: value}
    return subprocess.run(
        [sys.executable, "-c", "from seq2seq_core.line import TRAINING_LINE; "
                               "print(TRAINING_LINE.places)"],
        env=environment, capture_output=True, text=True, check=False)


def test_the_servers_line_takes_its_cap_from_the_variable():
    done = server_line_places("3")
    assert (done.returncode, done.stdout.strip()) == (0, "3"), done.stderr
    refused = server_line_places("lots")
    assert refused.returncode != 0 and f"{MAX_TRAINERS_VARIABLE}='lots'" in refused.stderr


# Its text


@pytest.mark.parametrize("number, english", [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"),
    (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"),
    (112, "112th"), (113, "113th"),
])
def test_ordinals_in_english_and_korean(number, english):
    assert ordinal(number, "en") == english
    assert ordinal(number, "ko") == f"{number}번째"


def test_the_waiting_text_says_the_place_and_how_many_train():
    assert waiting_text(InLine(3, 8), "en").startswith(
        "3rd in line — training starts by itself when a place frees up (8 students train now).")
    assert waiting_text(InLine(1, 1), "en").startswith(
        "1st in line — training starts by itself when a place frees up (1 student trains now).")
    assert waiting_text(InLine(3, 8), "ko").startswith(
        "대기 3번째 — 자리가 나면 학습이 저절로 시작됩니다")
    assert "(지금 8명이 학습 중)" in waiting_text(InLine(3, 8), "ko")


# Run books in the line


@pytest.fixture
def books():
    """``books(**kwargs)`` makes run books; each is paused (its thread joined) after the test."""
    made = []

    def make(**kwargs):
        made.append(RunBook(**kwargs))
        return made[-1]

    yield make
    for book in made:
        book.pause()
    assert not training_threads(), "a training thread outlived its run book"


def test_a_start_beyond_the_cap_waits_and_trains_once_a_place_frees_up(books):
    line = Line(places=1)
    holder, waiter = books(line=line), books(line=line)
    holder.start(TINY)
    waiter.start(LONG)
    assert waiter.running and waiter.in_line == InLine(1, 1) and holder.in_line is None
    assert waiter.status_of(waiter.active) == "waiting"
    assert not waiter.advance(0.05, wait=0)
    assert waiter.active.iteration == 0, "no training without a place"
    holder.advance(0.05)
    assert holder.active.iteration > 0
    holder.pause()
    assert waiter.in_line is None and waiter.status_of(waiter.active) == "ready"
    waiter.advance(0.05, wait=0)
    assert waiter.active.iteration > 0 and waiter.status_of(waiter.active) == "running"


@pytest.mark.parametrize("leave", ["pause", "reset"])
def test_pause_or_reset_while_waiting_leaves_the_line(books, leave):
    line = Line(places=1)
    holder, waiter, behind = books(line=line), books(line=line), books(line=line)
    holder.start(TINY)
    waiter.start(TINY)
    behind.start(TINY)
    getattr(waiter, leave)()
    assert not waiter.running and waiter.in_line is None
    assert behind.in_line == InLine(1, 1) and line.waiting() == 1
    holder.pause()
    assert behind.in_line is None and line.training() == 1, "the place went to `behind`"


def stop_by_pausing(holder):
    holder.pause()


def stop_by_resetting(holder):
    holder.reset()


def stop_by_finishing(holder):
    while holder.running:
        holder.advance(0.05)
    assert holder.active.status == Status.FINISHED.value


def stop_by_diverging(holder):
    while holder.running:
        holder.advance(0.05)
    assert holder.active.status == Status.DIVERGED.value


@pytest.mark.parametrize("stop, settings_", [(stop_by_pausing, LONG), (stop_by_resetting, LONG),
                                             (stop_by_finishing, TINY),
                                             (stop_by_diverging, DIVERGING)])
def test_a_place_freed_in_any_way_starts_the_next_run_by_itself(books, stop, settings_):
    line = Line(places=1)
    holder = books(line=line)  # trained here, chunk by chunk
    waiter = books(line=line, connected=lambda: True)  # trains in a thread of its own
    holder.start(settings_)
    waiter.start(TINY)
    assert waiter.in_line == InLine(1, 1) and waiter.active.iteration == 0
    stop(holder)
    wait_until(lambda: waiter.active.iteration > 0, "the waiting run never started")
    assert waiter.in_line is None and line.in_line(holder) is None


def test_a_closed_tab_gives_its_place_to_the_next_in_line(books):
    line = Line(places=1)
    connected = threading.Event()
    connected.set()
    holder = books(line=line, connected=connected.is_set)
    waiter = books(line=line, connected=lambda: True)
    holder.start(LONG)
    wait_until(lambda: holder.active.iteration > 0, "the first run never trained")
    waiter.start(TINY)
    assert waiter.in_line == InLine(1, 1)
    connected.clear()
    wait_until(lambda: waiter.active.iteration > 0, "the waiting run never started")
    assert not holder.running and holder.is_paused


def test_a_waiting_runs_closed_tab_leaves_the_line(books):
    line = Line(places=1)
    connected = threading.Event()
    connected.set()
    holder = books(line=line)
    waiter = books(line=line, connected=connected.is_set)
    holder.start(TINY)
    waiter.start(TINY)
    assert line.waiting() == 1
    connected.clear()
    wait_until(lambda: not waiter.running, "the waiting run never noticed its closed tab")
    assert line.waiting() == 0 and waiter.active.iteration == 0
    wait_until(lambda: not training_threads(), "the waiting run's thread never ended")


def test_runs_beyond_the_cap_wait_while_those_in_place_share_the_turns(books):
    line, turns = Line(places=2), Turns()
    trainers = [books(line=line, turns=turns, connected=lambda: True) for _ in range(3)]
    for book in trainers:
        book.start(LONG)
    first, second, third = trainers
    wait_until(lambda: first.active.iteration > 0 and second.active.iteration > 0,
               "the two runs in place did not both train")
    assert third.in_line == InLine(1, 2) and third.active.iteration == 0
    second.pause()
    wait_until(lambda: third.active.iteration > 0, "the third run never started")
    assert line.training() == 2 and len(training_threads()) == 2


def test_the_speed_shown_counts_from_when_the_run_got_its_place_not_from_the_click(books):
    line = Line(places=1)
    holder, waiter = books(line=line), books(line=line)
    holder.start(TINY)
    waiter.start(LONG, now=0.0)  # pressed Start at 0 s, then waited in line
    holder.pause()
    waiter.advance(0.05, now=100.0)  # its place came at 100 s
    waiter.advance(0.05, now=101.0)
    iterations = waiter.active.iteration
    # Measured from 100 s: iterations in 1 s (the fake clock's), not in 101 s.
    np.testing.assert_allclose(waiter.meter.rate, iterations / 1.0)

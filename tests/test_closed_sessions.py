"""A session whose tab has been gone longer than the TTL is closed, and only then."""
from pages._closed_sessions import ClosedSessions


class Tabs:
    """Which sessions have a tab now, a clock, and the sessions closed so far."""

    def __init__(self):
        self.connected, self.closed, self.now = set(), [], 0.0

    def sessions(self, ttl=120.0):
        return ClosedSessions(self.connected.__contains__, self.closed.append, ttl,
                              clock=lambda: self.now)


def test_a_session_gone_for_the_ttl_is_closed_once():
    tabs = Tabs()
    sessions = tabs.sessions()
    sessions.note("a")
    assert sessions.sweep() == []  # first seen gone now
    tabs.now = 119.0
    assert sessions.sweep() == []
    tabs.now = 120.0
    assert sessions.sweep() == ["a"]
    tabs.now = 500.0
    assert sessions.sweep() == [] and tabs.closed == ["a"] and len(sessions) == 0


def test_a_connected_session_is_never_closed():
    tabs = Tabs()
    tabs.connected.add("a")
    sessions = tabs.sessions()
    sessions.note("a")
    for tabs.now in (0.0, 200.0, 10_000.0):
        assert sessions.sweep() == []
    assert tabs.closed == []


def test_a_tab_that_comes_back_within_the_ttl_keeps_its_session_and_its_time_starts_again():
    tabs = Tabs()
    sessions = tabs.sessions()
    sessions.note("a")
    sessions.sweep()  # gone at 0
    tabs.now, _ = 100.0, tabs.connected.add("a")
    assert sessions.sweep() == []  # back
    tabs.now, _ = 110.0, tabs.connected.discard("a")
    sessions.sweep()  # gone again at 110
    tabs.now = 200.0
    assert sessions.sweep() == []  # 90 s gone, not 200
    tabs.now = 230.0
    assert sessions.sweep() == ["a"]


def test_noting_a_session_again_does_not_reset_how_long_it_has_been_gone():
    tabs = Tabs()
    sessions = tabs.sessions(ttl=10.0)
    sessions.note("a")
    sessions.sweep()
    tabs.now = 10.0
    sessions.note("a")  # a late page run of the closed tab
    assert sessions.sweep() == ["a"]


def test_each_session_is_timed_on_its_own():
    tabs = Tabs()
    sessions = tabs.sessions(ttl=10.0)
    sessions.note("early")
    sessions.sweep()
    tabs.now = 5.0
    sessions.note("late")
    sessions.sweep()
    tabs.now = 10.0
    assert sessions.sweep() == ["early"]
    tabs.now = 15.0
    assert sessions.sweep() == ["late"]

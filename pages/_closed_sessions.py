"""Closed tabs give their memory back: a session gone longer than Streamlit's TTL is shut down.

Streamlit keeps a disconnected session for ``server.disconnectedSessionTTL``
seconds (120) so that a tab that lost its connection for a moment comes back to
its runs. But it forgets an expired session only when another session
disconnects, and then without shutting it down (streamlit/streamlit#12506):
after a lecture, up to 128 students' runs would stay in the server's memory.
Every page run notes its session here (:func:`note_session`); a timer on the
server's event loop closes each noted session whose tab has been gone about as
long as the TTL, as Streamlit closes a session it does not keep. About: a sweep
every :data:`SWEEP_SECONDS` first sees a tab gone up to one sweep late, and an
expired session can no longer be closed (Streamlit then no longer finds it), so
a session is closed two sweeps before its TTL, 5–10 s before it would expire.
"""
import threading
import time

import streamlit as st
from streamlit import runtime

__all__ = ["ClosedSessions", "SWEEP_SECONDS", "note_session"]

SWEEP_SECONDS = 5.0


class ClosedSessions:
    """Sessions noted by their page runs; :meth:`sweep` closes those gone for ``ttl`` seconds.

    Parameters
    ----------
    is_active : callable
        ``is_active(session_id) -> bool``: whether the session's tab is connected now.
    close : callable
        ``close(session_id)``: shuts the session down for good.
    ttl : float
        Seconds a session may be gone before it is closed.
    clock : callable
        Returns seconds; ``time.monotonic`` unless a test passes its own.
    """

    def __init__(self, is_active, close, ttl, clock=time.monotonic):
        self._is_active, self._close, self.ttl, self._clock = is_active, close, ttl, clock
        self._lock = threading.Lock()
        self._gone_since = {}  # session id → when a sweep first saw it gone, None if connected

    def note(self, session_id):
        """Watch ``session_id`` (again and again: every page run notes its session)."""
        with self._lock:
            self._gone_since.setdefault(session_id, None)

    def __len__(self):
        return len(self._gone_since)

    def sweep(self):
        """Close every noted session gone for at least ``ttl`` seconds.

        Returns
        -------
        list of str
            The ids of the sessions closed.
        """
        now = self._clock()
        with self._lock:
            noted = list(self._gone_since.items())
        closed = []
        for session_id, gone_since in noted:
            if self._is_active(session_id):
                gone_since = None  # back, or never gone
            elif gone_since is None:
                gone_since = now
            elif now - gone_since >= self.ttl:
                self._close(session_id)
                closed.append(session_id)
                with self._lock:
                    del self._gone_since[session_id]
                continue
            with self._lock:
                self._gone_since[session_id] = gone_since
        return closed


_watching = {}  # id of the Runtime → its ClosedSessions
_starting = threading.Lock()


def note_session():
    """Note the session of this script run; on a server's first, start the sweeps.

    Does nothing without a server (bare ``python``) and under ``AppTest``, whose
    stand-in runtime has no event loop.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if not runtime.exists() or context is None:
        return
    server = runtime.get_instance()
    if type(server) is not runtime.Runtime:  # AppTest's MagicMock(spec=Runtime)
        return
    _sessions_of(server).note(context.session_id)


def _sessions_of(server):
    """ClosedSessions of ``server``, swept every :data:`SWEEP_SECONDS` on its event loop.

    ``Runtime.close_session`` must run on the event loop, which Streamlit has no
    public way to reach; ``tests/test_streamlit_internals.py`` fails, naming this
    function, if an upgrade renames what it uses.
    """
    with _starting:
        sessions = _watching.get(id(server))
        if sessions is None:
            loop = server._get_async_objs().eventloop
            ttl = st.get_option("server.disconnectedSessionTTL") - 2 * SWEEP_SECONDS
            sessions = _watching[id(server)] = ClosedSessions(
                server.is_active_session, server.close_session, ttl=max(ttl, 0.0))

            def sweep_and_again():
                sessions.sweep()
                loop.call_later(SWEEP_SECONDS, sweep_and_again)

            loop.call_soon_threadsafe(sweep_and_again)
    return sessions

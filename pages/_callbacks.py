"""Widget callbacks that never leave a session half-changed.

A callback that raises ends Streamlit's script run before any widget is
drawn, and the session then loses its widgets' values. :func:`guarded` catches
the error instead: the run goes on, and :func:`show_callback_error` says what
failed, in the user's language. Callbacks still compute everything first and
write session state last, so a failure changes nothing.
"""
import functools
import traceback

import streamlit as st

from seq2seq_core.i18n import t

__all__ = ["CALLBACK_ERROR_KEY", "guarded", "show_callback_error"]

CALLBACK_ERROR_KEY = "callback_error"


def guarded(callback):
    """``callback`` for ``on_click``/``on_change``, reporting an exception instead of raising it."""

    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            callback(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - whatever it is, the session must stay usable
            traceback.print_exc()  # the details go to the server's log, the page says the type
            st.session_state[CALLBACK_ERROR_KEY] = type(error).__name__

    return run


def show_callback_error(lang):
    """Show, once, the error of a callback that failed since the last run."""
    error = st.session_state.pop(CALLBACK_ERROR_KEY, None)
    if error is not None:
        st.error(t("callbacks.failed", lang, error=error))

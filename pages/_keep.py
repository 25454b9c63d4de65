"""Keeping a widget's value where Streamlit would forget or reset it."""
import streamlit as st

from seq2seq_core.url_state import widget_range

__all__ = ["keep_value", "saved_key", "kept", "setting_args"]


def saved_key(key):
    """str: where :func:`keep_value` keeps the value of widget ``key``."""
    return f"_saved_{key}"


def keep_value(key, default, translated=False):
    """Give widget ``key`` its last value (``default`` at first) before it is drawn; return ``key``.

    A copy under :func:`saved_key` brings back the value of a widget that was
    not drawn in the last run. A choice whose option labels are ``translated``
    is given its value again on every run: after a switch of language the
    browser sends back a label of the other language, which Streamlit would
    not recognise. Other widgets are left alone while they hold a value, so
    that the server never sends back a value the student has already moved past.
    """
    saved = saved_key(key)
    if key in st.session_state:
        st.session_state[saved] = st.session_state[key]
        if translated:
            st.session_state[key] = st.session_state[saved]
    else:
        st.session_state[key] = st.session_state.get(saved, default)
    return key


def kept(key):
    """dict: a kept widget's arguments: its key, and Streamlit's own memory of its value.

    ``persist_state="session"`` makes Streamlit send the widget its value again
    whenever the browser has forgotten it: after a page change, and after a
    run that failed (the browser then drops every widget's state).
    """
    return {"key": key, "persist_state": "session"}


def setting_args(key):
    """dict: a URL setting's widget arguments: bounds from its Setting, and :func:`kept`."""
    return widget_range(key) | kept(key)

"""Keeping a widget's value where Streamlit would forget or reset it."""
import streamlit as st

__all__ = ["keep_value", "saved_key"]


def saved_key(key):
    """str: where :func:`keep_value` keeps the value of widget ``key``."""
    return f"_saved_{key}"


def keep_value(key, default):
    """Give widget ``key`` its last value (``default`` at first) before it is drawn; return ``key``.

    Streamlit forgets the value of a widget that was not drawn in the last run
    (the student was on another page) and resets one whose option labels
    changed (a switch of language). A copy under :func:`saved_key` brings it
    back. Call it before the widget, and give the widget no default of its own.
    """
    saved = saved_key(key)
    if key in st.session_state:
        st.session_state[saved] = st.session_state[key]
    st.session_state[key] = st.session_state.get(saved, default)
    return key

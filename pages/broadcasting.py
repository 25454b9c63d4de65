"""Placeholder for the /broadcasting page until it is written (next commit)."""
import streamlit as st

from pages._shell import setup_page
from seq2seq_core.i18n import t

lang = setup_page()
st.title(t("shell.page.broadcasting", lang))
st.info(t("shell.coming", lang))

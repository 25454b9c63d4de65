"""Entry point: page config, the language switch and the navigation over ``pages/``.

Run with ``streamlit run app.py``. Each page file sets itself up through
:func:`pages._shell.setup_page`, so the switch here only has to own the language:
a change of the switch reruns the app, and ``setup_page`` writes it to ``?lang=``.
"""
import streamlit as st

from pages._keep import kept
from pages._shell import LANG_KEY, PRESENT_KEY, navigation_pages, setup_page
from seq2seq_core.i18n import LANGUAGES, t

lang = setup_page()
# A presenter opening ?present=1 gets the whole width for the projector.
st.set_page_config(
    page_title="Seq2Seq",
    page_icon=":material/swap_horiz:",
    layout="wide",
    initial_sidebar_state="collapsed" if st.session_state[PRESENT_KEY] else "auto",
)
with st.sidebar:
    lang = st.radio(
        t("common.language", lang),
        LANGUAGES,
        format_func=lambda code: t(f"shell.language.{code}", lang),
        horizontal=True,
        **kept(LANG_KEY),
    )
    st.toggle(t("shell.present", lang), help=t("shell.present_help", lang), **kept(PRESENT_KEY))

st.navigation(navigation_pages(lang)).run()

"""Home ``/``: the task, why it is hard, the vocabulary, the model, a try-it box, the pages."""
import numpy as np
import pandas as pd
import streamlit as st

from pages._shell import PAGE_NAMES, page, setup_page
from seq2seq_core.data import TOKEN_LABELS
from seq2seq_core.i18n import t

lang = setup_page()

st.title(t("home.title", lang))
st.markdown(t("home.task", lang))

st.subheader(t("home.why_hard.title", lang))
st.markdown(t("home.why_hard", lang))

st.subheader(t("home.vocab.title", lang))
st.caption(t("home.vocab.caption", lang))
vocabulary = pd.DataFrame(
    np.eye(len(TOKEN_LABELS), dtype=int), index=pd.Index(TOKEN_LABELS, name=t("home.vocab.token", lang))
)
st.table(vocabulary)

st.subheader(t("home.pages.title", lang))
for name in PAGE_NAMES[1:]:
    st.page_link(page(name, lang))
    st.caption(t(f"home.pages.{name}", lang))

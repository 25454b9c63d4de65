"""Batch generation ``/batches``: sliders → a seeded batch, its shapes, one sequence, lengths."""
import numpy as np
import streamlit as st

from pages._callbacks import guarded
from pages._keep import setting_args
from pages._shell import setup_page
from seq2seq_core.batches import LengthRangeError, batch_call, sample_lengths, seeded_batch
from seq2seq_core.figures.batches import length_histogram, one_hot_heatmap
from seq2seq_core.i18n import t
from seq2seq_core.url_state import SETTINGS

HISTOGRAM_BATCHES = 2000

lang = setup_page("batches")


@guarded
def next_seed():
    seeds = SETTINGS["batches_seed"]
    offset = st.session_state.batches_seed + 1 - seeds.low
    st.session_state.batches_seed = seeds.low + offset % (seeds.high - seeds.low + 1)


@st.cache_data(max_entries=64)
def cached_lengths(seq_len_min, seq_len_max, seed):
    return sample_lengths(seq_len_min, seq_len_max, HISTOGRAM_BATCHES, seed)


st.title(t("batches.title", lang))
st.markdown(t("batches.intro", lang))

left, right = st.columns(2)
# Bounds and defaults of the sliders come from seq2seq_core.url_state.PAGE_SETTINGS.
seq_len_min = left.slider(t("batches.min_len", lang), **setting_args("batches_min"))
seq_len_max = left.slider(t("batches.max_len", lang), **setting_args("batches_max"))
batch_size = right.slider(t("batches.batch_size", lang), **setting_args("batches_size"))
seed = right.slider(t("batches.seed", lang), **setting_args("batches_seed"))
right.button(t("batches.new", lang), help=t("batches.new_help", lang), on_click=next_seed)

try:
    x, y, digits = seeded_batch(seq_len_min, seq_len_max, batch_size, seed)
except LengthRangeError as error:
    st.warning(t(f"batches.error.{error.reason}", lang,
                 seq_len_min=seq_len_min, seq_len_max=seq_len_max))
    st.stop()

T, N, C = x.shape
st.subheader(t("batches.shapes", lang))
st.markdown(f"`x: (T={T}, N={N}, C={C})` · `y: (T={T}, N={N})` · `digits: (T-1={T - 1}, N={N})`")
st.caption(t("batches.call", lang))
st.code(batch_call(seq_len_min, seq_len_max, batch_size, seed), language="python", wrap_lines=True)

st.subheader(t("batches.sequence.title", lang))
column = st.selectbox(t("batches.sequence.pick", lang), range(N))
st.caption(t("batches.sequence.caption", lang))
st.plotly_chart(one_hot_heatmap(x, column, lang))
st.markdown(t("batches.sequence.arrays", lang))
st.code(f"digits[:, {column}] = {digits[:, column].tolist()}\n"
        f"y[:, {column}]      = {y[:, column].tolist()}")
with st.expander(t("batches.full_arrays", lang)):
    with np.printoptions(linewidth=200):
        st.code(f"digits =\n{digits}\n\ny =\n{y}")

st.subheader(t("batches.why_one_length.title", lang))
st.markdown(t("batches.why_one_length", lang))
lengths = cached_lengths(seq_len_min, seq_len_max, seed)
st.plotly_chart(length_histogram(lengths, seq_len_min, seq_len_max, lang))

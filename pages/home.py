"""Home ``/``: the task, why it is hard, the vocabulary, the model, try it, the cure, the pages."""
import numpy as np
import pandas as pd
import streamlit as st

from pages._keep import setting_args
from pages._shell import PAGE_NAMES, page, setup_page
from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import MAX_TYPED_LENGTH, TOKEN_LABELS, SequenceInputError, parse_sequence
from seq2seq_core.figures.home import seq2seq_diagram
from seq2seq_core.i18n import t
from seq2seq_core.kinds import DEFAULT_KIND, MODEL_KINDS

EXAMPLE = (2, 4, 7, 1, 3)  # the notebook's example

lang = setup_page("home")


@st.cache_resource(show_spinner=False)
def shipped(kind):
    # Read only: the page never changes a model it shows.
    return load_pretrained(kind)


@st.cache_data(max_entries=256)
def pretrained_answer(kind, digits):
    """The shipped ``kind`` model's tokens, the targets and which are right, for a digit tuple."""
    result = MODEL_KINDS[kind].trace(shipped(kind).model, np.array(digits))
    return result.predictions[:, 0], result.targets[:, 0], result.correct[:, 0]


def show_answer(kind, digits):
    """Draw the shipped ``kind`` model's answer to ``digits``: tokens green ✓ or red ✗, score."""
    predictions, targets, correct = pretrained_answer(kind, digits)
    st.markdown(" ".join(
        f":{'green' if right else 'red'}-background"
        f"[**{TOKEN_LABELS[token]}** {'✓' if right else '✗'}]"
        for token, right in zip(predictions, correct)
    ))
    st.caption(
        t("home.try.expected", lang, expected=" ".join(TOKEN_LABELS[token] for token in targets))
        + " · "
        + t("home.try.score", lang, correct=int(correct.sum()), total=len(correct))
    )


st.title(t("home.title", lang))
st.markdown(t("home.task", lang))

st.subheader(t("home.why_hard.title", lang))
st.markdown(t("home.why_hard", lang, hidden=shipped(DEFAULT_KIND).hyperparameters.hidden))

st.subheader(t("home.vocab.title", lang))
st.caption(t("home.vocab.caption", lang))
vocabulary = pd.DataFrame(
    np.eye(len(TOKEN_LABELS), dtype=int),
    index=pd.Index(TOKEN_LABELS, name=t("home.vocab.token", lang)),
)
# A Markdown table, not st.table: st.table makes a first visit load ~1 MB of
# JavaScript for Arrow tables that this 12 × 12 grid of 0s and 1s does not need.
st.markdown(vocabulary.to_markdown())

st.subheader(t("home.model.title", lang))
st.caption(t("home.model.caption", lang))
st.image(seq2seq_diagram(EXAMPLE, lang), width="stretch")
st.markdown(t("home.model.equations", lang))
st.latex(r"h_t = \mathrm{ReLU}\left(x_t W_{xh} + h_{t-1} W_{hh} + b_h\right), \qquad h_0 = 0")
st.latex(r"h'_t = \mathrm{ReLU}\left(s_t W'_{xh} + h'_{t-1} W'_{hh} + b'_h\right), "
         r"\qquad h'_0 = h_T")
st.latex(r"y_t = h'_t W'_{hy} + b'_y, \qquad s_{t+1} = \mathrm{onehot}\left(\arg\max y_t\right), "
         r"\qquad s_1 = \langle START \rangle")

st.subheader(t("home.try.title", lang))
typed = st.text_input(t("home.try.label", lang, max_length=MAX_TYPED_LENGTH),
                      **setting_args("home_try"))
try:
    digits = tuple(parse_sequence(typed).tolist())
except SequenceInputError as error:
    digits = None
    st.warning(t(f"common.sequence.{error.reason}", lang, max_length=MAX_TYPED_LENGTH))
else:
    st.markdown(t("home.try.model", lang))
    show_answer(DEFAULT_KIND, digits)

# The story's last step: what removes the bottleneck, on the digits typed above.
st.subheader(t("home.attention.title", lang))
attention = shipped("attention").hyperparameters
st.markdown(t("home.attention", lang, hidden=attention.hidden, max_len=attention.max_len))
if digits is not None:
    st.markdown(t("home.attention.model", lang))
    show_answer("attention", digits)
st.page_link(page("attention", lang), label=t("home.attention.link", lang))

st.subheader(t("home.pages.title", lang))
for name in PAGE_NAMES[1:]:
    st.page_link(page(name, lang))
    st.caption(t(f"home.pages.{name}", lang))

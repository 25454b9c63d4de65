"""Accuracy by length ``/accuracy``: where and why seq2seq fails, beside the baseline and the cure.

Widget keys: ``accuracy_samples`` (sequences per length), ``accuracy_lengths``
(the evaluated range), ``accuracy_models`` (which models to compare),
``accuracy_heatmap_model`` and ``accuracy_download``. Evaluations are cached per
model fingerprint and setting, so a model is evaluated once per server, not once
per rerun or per user.
"""
import math

import pandas as pd
import streamlit as st

from pages._keep import setting_args
from pages._shell import BOOK_KEY, current_model, page, setup_page
from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.comparison import (
    TABLE_COLUMNS,
    accuracy_csv,
    accuracy_rows,
    at_length,
    distinct_models,
    errors_after_first_mistake,
    evaluate_model,
    failure_evidence,
    first_length_below,
)
from seq2seq_core.figures.accuracy import (
    exact_match_figure,
    position_heatmap,
    token_accuracy_figure,
)
from seq2seq_core.i18n import t
from seq2seq_core.kinds import DEFAULT_KIND, MODEL_KINDS, kind_of
from seq2seq_core.token_text import escape_markdown

lang = setup_page("accuracy")


@st.cache_data(max_entries=64, show_spinner=False)
def cached_evaluation(fingerprint, min_len, max_len, samples, _model):
    # The fingerprint stands for the (unhashed) model: same weights, same evaluation.
    return evaluate_model(_model, min_len, max_len, samples)


@st.cache_data(max_entries=64, show_spinner=False)
def cached_errors_after_first_mistake(fingerprint, length, _model):
    return errors_after_first_mistake(_model, length)


# A copy per call (cache_data pickles), so no session can change another's model.
shipped_model = st.cache_data(show_spinner=False)(load_pretrained)


def percent(value):
    return f"{value:.0%}" if value >= 0.01 or value == 0 else f"{value:.1%}"


def shipped_key(kind):
    """The shipped model's option key: ``"pretrained"`` for the default kind (a link contract)."""
    return "pretrained" if kind.name == DEFAULT_KIND else kind.name


# Every model this session can compare: key → (name, checkpoint or training-page run).
candidates = {"current": (t("accuracy.model.current", lang), current_model())}
for kind in MODEL_KINDS.values():
    candidates[shipped_key(kind)] = (t(kind.shipped_label_key, lang), shipped_model(kind.name))
book = st.session_state.get(BOOK_KEY)
for run in [] if book is None else book.comparable_runs():
    candidates[f"run_{run.number}"] = (run.label(lang), run)

st.title(t("shell.page.accuracy", lang))
st.markdown(t("accuracy.intro", lang))

left, right = st.columns(2)
samples = left.slider(t("accuracy.samples", lang), **setting_args("accuracy_samples"),
                      help=t("accuracy.samples_help", lang))
min_len, max_len = right.slider(t("accuracy.lengths", lang), **setting_args("accuracy_lengths"))
chosen = st.multiselect(t("accuracy.models", lang), list(candidates), default=list(candidates),
                        key="accuracy_models", format_func=lambda key: candidates[key][0])
budget = candidates["baseline"][1].hyperparameters  # every shipped model's (tested)
st.caption(t("accuracy.model.caption", lang, hidden=budget.hidden, iterations=budget.iterations,
             batch=budget.batch_size, min_len=budget.min_len, max_len=budget.max_len,
             lr=budget.learning_rate))
if not chosen:
    st.info(t("accuracy.no_models", lang))
    st.stop()

models = distinct_models([candidates[key] for key in chosen])
training_ranges = sorted({(entry.hyperparameters.min_len, entry.hyperparameters.max_len)
                          for _, entry, _ in models})
curves = []
for name, entry, fingerprint in models:
    with st.spinner(t("accuracy.evaluating", lang, name=name)):
        evaluation = cached_evaluation(fingerprint, min_len, max_len, samples, entry.model)
        curves.append((name, evaluation))
kinds = [kind_of(entry.model) for _, entry, _ in models]

# --- Accuracy by length
st.subheader(t("accuracy.by_length", lang), anchor="by-length")
exact_column, token_column = st.columns(2)
exact_column.plotly_chart(exact_match_figure(curves, training_ranges, lang,
                                             one_pass_ceiling=any(kind.one_pass for kind in kinds)))
token_column.plotly_chart(token_accuracy_figure(curves, training_ranges, lang))
st.caption(t("accuracy.by_length.caption", lang, samples=samples))

# --- Accuracy per output position
st.subheader(t("accuracy.positions", lang), anchor="positions")
shown = st.selectbox(t("accuracy.positions.model", lang), range(len(curves)),
                     key="accuracy_heatmap_model", format_func=lambda index: curves[index][0])
st.plotly_chart(position_heatmap(*curves[shown], lang, unread_boundary=kinds[shown].one_pass))
st.caption(t("accuracy.positions.caption", lang))

# --- Why: each answer cites the numbers of the charts above, where they were evaluated
st.subheader(t("accuracy.why", lang), anchor="why")
seq2seq_index = next((i for i, kind in enumerate(kinds) if kind.name == DEFAULT_KIND), None)
baseline_index = next((i for i, kind in enumerate(kinds) if kind.one_pass), None)
attention_index = next((i for i, kind in enumerate(kinds) if kind.attends), None)
# The answers speak about the first seq2seq without attention on the charts (the notebook's
# one when none is shown): the bottleneck is its own.
seq2seq_name, reference, seq2seq_fingerprint = (
    models[seq2seq_index] if seq2seq_index is not None
    else (None, candidates["pretrained"][1], None))
training_range = (reference.hyperparameters.min_len, reference.hyperparameters.max_len)
evidence = failure_evidence(
    None if seq2seq_index is None else curves[seq2seq_index][1],
    None if baseline_index is None else curves[baseline_index][1],
    training_range,
)


def answer(claim, links, **fields):
    """One answer: the claim, its numbers when they were evaluated, links to what shows it."""
    numbers = evidence.get(claim)
    text = t(f"accuracy.why.{claim}", lang, **fields)
    if numbers:
        formatted = {key: percent(value) if isinstance(value, float) else value
                     for key, value in numbers.items()}
        text += " " + t(f"accuracy.why.{claim}.evidence", lang, name=escape_markdown(seq2seq_name),
                        **formatted)
    st.markdown(text + " " + " ".join(links))


chart_link = f"[{t('accuracy.link.chart', lang)}](#by-length)"
heatmap_link = f"[{t('accuracy.link.heatmap', lang)}](#positions)"
answer("bottleneck", [chart_link], units=reference.hyperparameters.hidden)
st.page_link(page("hidden_states", lang), label=t("accuracy.link.hidden_states", lang),
             icon=":material/visibility:")
answer("one_pass", [chart_link, heatmap_link])
if seq2seq_index is not None:
    before, after = cached_errors_after_first_mistake(seq2seq_fingerprint, training_range[1],
                                                      reference.model)
    evidence["compounding"] = None if math.isnan(after) else dict(  # NaN: the model never erred
        length=training_range[1], before=before, after=after)
answer("compounding", [heatmap_link])
answer("unseen", [chart_link], min_len=training_range[0], max_len=training_range[1])
if seq2seq_index is not None and attention_index is not None:
    # Both at the attention model's longest training length, then where it breaks past it.
    (attention_name, attention_evaluation), seq2seq_evaluation = (curves[attention_index],
                                                                  curves[seq2seq_index][1])
    longest = models[attention_index][1].hyperparameters.max_len
    broken = first_length_below(attention_evaluation, longer_than=longest)
    at_longest, seq2seq_at_longest, at_broken = (
        at_length(attention_evaluation, longest), at_length(seq2seq_evaluation, longest),
        None if broken is None else at_length(attention_evaluation, broken))
    evidence["attention"] = None if None in (at_longest, seq2seq_at_longest, at_broken) else dict(
        attention=escape_markdown(attention_name), long=longest, attention_long=at_longest[0],
        seq2seq_long=seq2seq_at_longest[0], next=broken, attention_next=at_broken[0])
answer("attention", [chart_link], units=reference.hyperparameters.hidden)
st.page_link(page("attention", lang), label=t("accuracy.link.attention", lang))

# --- Table
st.subheader(t("accuracy.table", lang), anchor="table")
rows = accuracy_rows(curves)
headers = {column: t(f"accuracy.column.{column}", lang) for column in TABLE_COLUMNS}
percent_columns = {headers[column]: st.column_config.NumberColumn(format="percent")
                   for column in TABLE_COLUMNS if column.startswith(("exact", "token"))}
st.dataframe(pd.DataFrame(rows, columns=TABLE_COLUMNS).rename(columns=headers), hide_index=True,
             height=280, column_config=percent_columns)
st.download_button(t("accuracy.download", lang), accuracy_csv(rows, headers),
                   key="accuracy_download", file_name=f"accuracy_{min_len}-{max_len}_{samples}.csv",
                   mime="text/csv", icon=":material/download:")

"""Attention ``/attention``: where each output looks, one decoding step at a time, and the cure.

Session state of this page: ``attention_input`` (the text box), ``attention_digits``
(the last sequence that parsed, so a typo never blanks the view), ``attention_step``
and ``attention_length`` (sliders). The models shown are, for each kind (attention,
basic seq2seq), the session's current model if it is of that kind, else the newest
kept run of that kind, else the shipped pretrained model; the page says which.
"""
import numpy as np
import streamlit as st

from pages._callbacks import guarded
from pages._keep import setting_args
from pages._shell import BOOK_KEY, current_model, page, setup_page
from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.comparison import evaluate_model, first_length_below
from seq2seq_core.data import (
    MAX_TYPED_LENGTH,
    SequenceInputError,
    format_digits,
    parse_sequence,
)
from seq2seq_core.figures.attention import (
    attention_heatmap,
    length_curves_figure,
    output_distribution_figure,
    step_scores_figure,
    step_vectors_figure,
)
from seq2seq_core.fingerprint import model_fingerprint
from seq2seq_core.i18n import t
from seq2seq_core.kinds import MODEL_KINDS, kind_of
from seq2seq_core.token_text import escape_markdown, outputs_markdown, tokens_markdown

DIGITS_KEY = "attention_digits"
EVALUATION_SAMPLES = 200  # sequences per length for the breaking-point chart


@st.cache_resource(show_spinner=False)
def shipped(kind):
    # Read only: the page never changes a model it shows.
    return load_pretrained(kind)


@st.cache_data(max_entries=16, show_spinner=False)
def evaluation_by_length(fingerprint, _model):
    # The fingerprint stands for the (unhashed) model: same weights, same curve.
    return evaluate_model(_model, 1, MAX_TYPED_LENGTH, EVALUATION_SAMPLES, seed=0)


def model_of_kind(name):
    """(checkpoint, Markdown naming it): the current model, the newest run, or the shipped one."""
    current = current_model()
    if kind_of(current.model).name == name:
        return current, t("attention.model.current", lang, kind=t(f"kinds.{name}", lang),
                          iterations=len(current.history["loss"]),
                          hidden=current.hyperparameters.hidden)
    book = st.session_state.get(BOOK_KEY)
    runs = [run for run in (book.selectable_runs() if book else ())
            if kind_of(run.model).name == name]
    if runs:
        run = runs[-1]
        return run.checkpoint(), t("attention.model.run", lang, kind=t(f"kinds.{name}", lang),
                                   label=escape_markdown(run.label(lang)), iterations=run.iteration)
    checkpoint = shipped(name)
    return checkpoint, t("attention.model.shipped", lang, kind=t(f"kinds.{name}.shipped", lang),
                         **checkpoint.hyperparameters.to_dict())


@guarded
def put_random_sequence():
    rng = np.random.default_rng()
    st.session_state.attention_input = format_digits(rng.integers(0, 10, rng.integers(8, 21)))


@guarded
def move_step(change):
    st.session_state.attention_step = max(1, st.session_state.attention_step + change)


def typed_digits():
    """The input row; returns the digits shown: the typed ones, or the last that parsed."""
    if DIGITS_KEY not in st.session_state:
        st.session_state[DIGITS_KEY] = parse_sequence(st.session_state.attention_input).tolist()
    typed_column, button_column = st.columns([4, 1], vertical_alignment="bottom")
    typed = typed_column.text_input(t("attention.sequence", lang),
                                    help=t("attention.sequence_help", lang,
                                           max_length=MAX_TYPED_LENGTH),
                                    **setting_args("attention_input"))
    button_column.button(t("attention.random", lang), key="attention_random",
                         on_click=put_random_sequence, width="stretch")
    try:
        st.session_state[DIGITS_KEY] = parse_sequence(typed).tolist()
    except SequenceInputError as error:
        st.error(t(f"common.sequence.{error.reason}", lang, max_length=MAX_TYPED_LENGTH))
        st.caption(t("attention.showing_last",
                     lang, sequence=format_digits(st.session_state[DIGITS_KEY])))
    return np.array(st.session_state[DIGITS_KEY])


def verdict(seen):
    wrong = int((~seen.correct[:, 0]).sum())
    steps = len(seen.targets)
    if wrong:
        return t("attention.result.wrong", lang, wrong=wrong, steps=steps)
    return t("attention.result.all_correct", lang, steps=steps)


def show_result(digits, seen):
    st.markdown(t("attention.result", lang, digits=tokens_markdown(digits),
                  targets=tokens_markdown(seen.targets[:, 0]),
                  predictions=outputs_markdown(seen), verdict=verdict(seen)))


def clamp_step(steps):
    """The 1-based step shown: the slider's, lowered when a shorter sequence came in."""
    if st.session_state.attention_step > steps:
        st.session_state.attention_step = steps
    return st.session_state.attention_step


def step_slider(steps):
    """The decoding-step slider with back and forward buttons; returns the 1-based step."""
    back_column, slider_column, forward_column = st.columns([1, 6, 1],
                                                            vertical_alignment="bottom")
    back_column.button(t("attention.step.back", lang), key="attention_step_back",
                       on_click=move_step, args=(-1,),
                       disabled=st.session_state.attention_step <= 1, width="stretch")
    step = slider_column.slider(t("attention.step", lang),
                                **(setting_args("attention_step") | {"max_value": steps}))
    forward_column.button(t("attention.step.forward", lang), key="attention_step_forward",
                          on_click=move_step, args=(1,), disabled=step >= steps, width="stretch")
    return step


def step_equation(step, sources, dim):
    """The equations of output ``step`` with this sequence's shapes, as LaTeX."""
    return (
        rf"e_{{{step},s}} = \bar{{e}}_s^\top W_a\, h_{{{step}}} \quad (s = 1..{sources}"
        rf",\; W_a \in \mathbb{{R}}^{{{dim}\times{dim}}}) \qquad "
        rf"a_{{{step}}} = \mathrm{{softmax}}(e_{{{step}}}) \in \mathbb{{R}}^{{{sources}}}"
        r"\\[4pt]"
        rf"c_{{{step}}} = \sum_{{s=1}}^{{{sources}}} a_{{{step},s}}\, \bar{{e}}_s "
        rf"\in \mathbb{{R}}^{{{dim}}} \qquad "
        rf"y_{{{step}}} = [h_{{{step}}};\, c_{{{step}}}] \begin{{bmatrix}}W_{{hy}}\\ W_{{cy}}"
        rf"\end{{bmatrix}} + b_y \in \mathbb{{R}}^{{12}}"
    )


def step_through(model, seen):
    """One output step: its equation, scores, weights, vectors and output distribution."""
    st.subheader(t("attention.step.title", lang))
    st.markdown(t("attention.step.intro", lang))
    steps = len(seen.targets)
    step = step_slider(steps)
    index = step - 1
    sources, dim = seen.encoder_hidden.shape[0], seen.encoder_hidden.shape[-1]
    st.latex(step_equation(step, sources, dim))
    read, wrote = seen.decoder_inputs[index, 0], seen.predictions[index, 0]
    weights = seen.weights[index, 0]
    st.markdown(t("attention.step.summary", lang, step=step, read=tokens_markdown([read]),
                  wrote=tokens_markdown([wrote]), target=tokens_markdown([seen.targets[index, 0]]),
                  position=int(weights.argmax()) + 1, weight=float(weights.max())))
    scores_column, output_column = st.columns([3, 2])
    scores_column.plotly_chart(
        step_scores_figure(seen.scores_at(model, index)[0], weights, seen.encoder_inputs[:, 0],
                           lang), key="attention_scores_chart")
    output_column.plotly_chart(
        output_distribution_figure(seen.probabilities[index, 0], seen.targets[index, 0], lang),
        key="attention_output_chart")
    st.plotly_chart(step_vectors_figure(seen.decoder_hidden[index, 0], seen.contexts[index, 0],
                                        lang), key="attention_vectors_chart")
    st.caption(t("attention.step.vectors_caption", lang, dim=dim))
    return step


def compare(digits, attention, basic):
    """Both models on the typed sequence, on one of a chosen length, and by length."""
    (attention_model, _), (basic_model, _) = attention, basic
    st.subheader(t("attention.compare.title", lang))
    basic_trace = MODEL_KINDS["seq2seq"].trace(basic_model.model, digits)
    attention_trace = MODEL_KINDS["attention"].trace(attention_model.model, digits)
    st.markdown(t("attention.compare.typed", lang, basic=outputs_markdown(basic_trace),
                  basic_verdict=verdict(basic_trace), attention=outputs_markdown(attention_trace),
                  attention_verdict=verdict(attention_trace)))

    length = st.slider(t("attention.compare.length", lang), **setting_args("attention_length"))
    sample = np.random.default_rng(length).integers(0, 10, length)  # the same one for everybody
    basic_trace = MODEL_KINDS["seq2seq"].trace(basic_model.model, sample)
    attention_trace = MODEL_KINDS["attention"].trace(attention_model.model, sample)
    st.markdown(t("attention.compare.sample", lang, length=length,
                  digits=tokens_markdown(sample), basic=outputs_markdown(basic_trace),
                  basic_verdict=verdict(basic_trace), attention=outputs_markdown(attention_trace),
                  attention_verdict=verdict(attention_trace)))

    evaluations = {}
    for checkpoint, name in ((basic_model, "seq2seq"), (attention_model, "attention")):
        with st.spinner(t("attention.compare.evaluating", lang)):
            evaluations[name] = evaluation_by_length(model_fingerprint(checkpoint.model),
                                                     checkpoint.model)
    hp = attention_model.hyperparameters
    st.plotly_chart(length_curves_figure(
        evaluations["seq2seq"].lengths,
        [(t(f"kinds.{name}", lang), evaluation.exact_match)
         for name, evaluation in evaluations.items()],
        (hp.min_len, hp.max_len), length, lang), key="attention_lengths_chart")
    points = {name: first_length_below(evaluation) for name, evaluation in evaluations.items()}
    st.markdown(t("attention.compare.breaking", lang,
                  basic=points["seq2seq"] or "–", attention=points["attention"] or "–",
                  samples=EVALUATION_SAMPLES))


lang = setup_page("attention")
st.title(t("attention.title", lang))
st.markdown(t("attention.intro", lang))
with st.expander(t("attention.why_luong.title", lang)):
    st.markdown(t("attention.why_luong", lang))

attention, basic = model_of_kind("attention"), model_of_kind("seq2seq")
st.markdown(t("attention.model.shown", lang, attention=attention[1], basic=basic[1]))

digits = typed_digits()
seen = MODEL_KINDS["attention"].trace(attention[0].model, digits)
show_result(digits, seen)
st.plotly_chart(attention_heatmap(seen.weights[:, 0], seen.encoder_inputs[:, 0],
                                  seen.predictions[:, 0], seen.targets[:, 0], lang,
                                  step=clamp_step(len(seen.targets))),
                key="attention_heatmap_chart")
st.caption(t("attention.heatmap_caption", lang))
step_through(attention[0].model, seen)
compare(digits, attention, basic)
st.page_link(page("hidden_states", lang), label=t("attention.to_hidden_states", lang))

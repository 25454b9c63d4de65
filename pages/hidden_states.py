"""Hidden states ``/hidden_states``: a typed sequence's encoder and decoder states, step by step.

Session state of this page: ``sequence_input`` (the text box; a test contract),
``hidden_states_digits`` (the last sequence that parsed, so a typo never blanks
the view) and the keys of its other widgets, all prefixed ``hidden_states_``.
The model shown is the shell's current model (:func:`pages._shell.current_model`)
when its kind has encoder and decoder states, else the shipped seq2seq model.
"""

import numpy as np
import streamlit as st

from pages._callbacks import guarded
from pages._keep import keep_value, kept, setting_args
from pages._shell import current_model, page, setup_page
from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import (
    END,
    MAX_TYPED_LENGTH,
    SequenceInputError,
    change_digit,
    format_digits,
    parse_sequence,
)
from seq2seq_core.figures.hidden_states_bottleneck import bottleneck_scatter
from seq2seq_core.figures.hidden_states_heatmaps import (
    decoder_axis_labels,
    encoder_axis_labels,
    hidden_difference_heatmap,
    hidden_state_heatmap,
    probability_heatmap,
)
from seq2seq_core.fingerprint import is_pretrained, model_fingerprint
from seq2seq_core.i18n import t
from seq2seq_core.kinds import kind_of
from seq2seq_core.pca import explained_by_groups, principal_components
from seq2seq_core.probe_states import PROBE_SEQUENCES, probe_states
from seq2seq_core.step_summary import step_summary
from seq2seq_core.token_text import outputs_markdown, token_code, tokens_markdown
from seq2seq_core.unit_order import order_by_peak_time

DIGITS_KEY = "hidden_states_digits"
ACCURACY_WINDOW = 100
TOP_PROBABILITIES = 3
ORDERS = ("peak", "similarity", "index")


@st.cache_data(max_entries=16, show_spinner=False)
def cached_probe(fingerprint, min_len, max_len, _model):
    # The fingerprint stands for the (unhashed) model: same weights, same summary.
    return probe_states(_model, min_len, max_len, PROBE_SEQUENCES)


@guarded
def put_random_sequence():
    length = st.session_state.hidden_states_length
    st.session_state.sequence_input = format_digits(np.random.default_rng().integers(0, 10, length))


def unit_list(unit_numbers):
    return ", ".join(map(str, unit_numbers)) or t("hidden_states.dead.none", lang)


def model_to_show():
    """The current model if its kind has encoder and decoder states, else the shipped seq2seq."""
    checkpoint = current_model()
    kind = kind_of(checkpoint.model)
    if kind.trace is not None:
        return checkpoint, kind
    st.warning(t("hidden_states.model.other_kind", lang, kind=t(kind.label_key, lang)))
    shipped = load_pretrained()
    return shipped, kind_of(shipped.model)


def describe_model(checkpoint):
    hp = checkpoint.hyperparameters
    done = len(checkpoint.history["loss"])
    if done == 0:
        return t("hidden_states.model.no_history", lang, hidden=hp.hidden)
    window = min(ACCURACY_WINDOW, done)
    fields = dict(
        hp.to_dict(),
        planned=hp.iterations,
        window=window,
        accuracy=float(np.mean(checkpoint.history["sequence_accuracy"][-window:])),
    )
    if is_pretrained(checkpoint.model):
        return t("hidden_states.model.pretrained", lang, **fields)
    return t("hidden_states.model.user", lang, **dict(fields, iterations=done))


def typed_digits():
    """The input row; returns the digits shown: the typed ones, or the last that parsed."""
    if DIGITS_KEY not in st.session_state:
        # first visit: setup_page gave the box the link's sequence or the default, never a typo
        st.session_state[DIGITS_KEY] = parse_sequence(st.session_state.sequence_input).tolist()
    typed_column, length_column, button_column = st.columns([3, 2, 1.4],
                                                            vertical_alignment="bottom")
    typed = typed_column.text_input(t("hidden_states.sequence", lang),
                                    help=t("hidden_states.sequence_help", lang),
                                    **setting_args("sequence_input"))
    length_column.slider(t("hidden_states.length", lang), **setting_args("hidden_states_length"))
    button_column.button(
        t("hidden_states.random", lang),
        key="hidden_states_random",
        help=t("hidden_states.random_help", lang),
        on_click=put_random_sequence,
        width="stretch",
    )
    try:
        st.session_state[DIGITS_KEY] = parse_sequence(typed).tolist()
    except SequenceInputError as error:
        st.error(t(f"common.sequence.{error.reason}", lang, max_length=MAX_TYPED_LENGTH))
        last = format_digits(st.session_state[DIGITS_KEY])
        st.caption(t("hidden_states.showing_last", lang, sequence=last))
    return np.array(st.session_state[DIGITS_KEY])


def show_result(digits, seen):
    """The input, the target and the model's output, with a verdict."""
    targets, predictions = seen.targets[:, 0], seen.predictions[:, 0]
    steps = len(digits) + 1
    wrong_steps = int((predictions != targets).sum())
    verdict = (
        t("hidden_states.result.wrong", lang, wrong=wrong_steps, steps=steps)
        if wrong_steps
        else t("hidden_states.result.all_correct", lang, steps=steps)
    )
    st.markdown(
        t(
            "hidden_states.result",
            lang,
            digits=tokens_markdown(digits),
            targets=tokens_markdown(targets),
            predictions=outputs_markdown(seen),
        )
        + f" — {verdict}"
    )


def step_through(seen, steps):
    """The step slider and that step written out; returns its summary."""
    st.subheader(t("hidden_states.step.title", lang))
    if st.session_state.get("hidden_states_step", 1) > steps:
        st.session_state.hidden_states_step = steps  # a shorter sequence than before: stay in range
    # No default value: the clamp above may own the value through session state.
    step = st.slider(t("hidden_states.step.slider", lang), 1, steps, key="hidden_states_step")
    summary = step_summary(seen, step, top=TOP_PROBABILITIES)
    should = t(
        f"hidden_states.step.should_{'end' if summary.target == END else 'digit'}",
        lang,
        target=token_code(summary.target),
        position=summary.source_step,
    )
    top = " · ".join(
        f"{token_code(token)} {probability:.2%}"
        for token, probability in zip(summary.top_tokens, summary.top_probabilities)
    )
    chosen = t(f"hidden_states.step.{'right' if summary.correct else 'wrong'}", lang,
               chosen=token_code(summary.chosen))
    reads = t("hidden_states.step.reads", lang, step=step,
              input_token=token_code(summary.input_token))
    st.markdown(
        f"{reads}; {should}.  \n"
        f"{t('hidden_states.step.top', lang, top=TOP_PROBABILITIES)} {top}  \n{chosen}"
    )
    return summary


def unit_orders(seen, probe, units):
    """The order radio; returns the encoder's and the decoder's unit order."""
    order_name = st.radio(
        t("hidden_states.order", lang),
        ORDERS,
        **kept(keep_value("hidden_states_order", ORDERS[0], translated=True)),
        horizontal=True,
        help=t("hidden_states.order_help", lang),
        format_func=lambda name: t(f"hidden_states.order.{name}", lang, sequences=PROBE_SEQUENCES),
    )
    if order_name == "peak":
        return (order_by_peak_time(seen.encoder_hidden[:, 0], last=probe.dead_encoder_units),
                order_by_peak_time(seen.decoder_hidden[:, 0], last=probe.dead_decoder_units))
    if order_name == "similarity":
        return probe.encoder_similarity_order, probe.decoder_similarity_order
    return np.arange(units), np.arange(units)


def heatmaps(seen, probe, summary, orders):
    """Encoder states, decoder states and output probabilities, the step outlined."""
    encoder_order, decoder_order = orders
    predictions, targets = seen.predictions[:, 0], seen.targets[:, 0]
    encoder_labels = encoder_axis_labels(seen.encoder_inputs[:, 0])
    decoder_labels = decoder_axis_labels(seen.decoder_inputs[:, 0], predictions, targets)
    for part, states, order, labels, dead, step in (
        ("encoder", seen.encoder_hidden, encoder_order, encoder_labels, probe.dead_encoder_units,
         summary.source_step),
        ("decoder", seen.decoder_hidden, decoder_order, decoder_labels, probe.dead_decoder_units,
         summary.step),
    ):
        title = t(f"hidden_states.{part}_title", lang)
        figure = hidden_state_heatmap(states[:, 0], order, labels, title, lang, dead_units=dead,
                                      highlight_step=step)
        st.plotly_chart(figure, key=f"hidden_states_{part}")
    st.plotly_chart(
        probability_heatmap(seen.probabilities[:, 0], targets, predictions, decoder_labels, lang,
                            highlight_step=summary.step),
        key="hidden_states_probabilities",
    )


def dead_units(probe, hp, units):
    dead_encoder = np.flatnonzero(probe.dead_encoder_units)
    dead_decoder = np.flatnonzero(probe.dead_decoder_units)
    st.markdown(
        t(
            "hidden_states.dead",
            lang,
            sequences=PROBE_SEQUENCES,
            min_len=hp.min_len,
            max_len=hp.max_len,
            encoder=len(dead_encoder),
            decoder=len(dead_decoder),
            units=units,
        )
    )
    if len(dead_encoder) or len(dead_decoder):
        st.caption(t("hidden_states.dead.list", lang, encoder=unit_list(dead_encoder),
                     decoder=unit_list(dead_decoder)))


def bottleneck(digits, seen, probe, units):
    """Everything the decoder gets, for many sequences at once: the final encoder states in 2-D."""
    st.subheader(t("hidden_states.bottleneck.title", lang))
    st.markdown(t("hidden_states.bottleneck.intro", lang, sequences=PROBE_SEQUENCES, units=units))
    colour_by = st.radio(
        t("hidden_states.bottleneck.colour", lang),
        ("length", "first_digit"),
        **kept(keep_value("hidden_states_pca_colour", "length", translated=True)),
        horizontal=True,
        format_func=lambda name: t(f"hidden_states.bottleneck.colour.{name}", lang),
    )
    pca = principal_components(probe.final_encoder)
    projected = pca.project(probe.final_encoder)
    st.plotly_chart(
        bottleneck_scatter(
            projected,
            pca.explained,
            probe.lengths if colour_by == "length" else probe.first_digits,
            colour_by,
            probe.sequences,
            lang,
            marked=pca.project(seen.encoder_hidden[-1:, 0])[0],
            marked_text=t("hidden_states.fig.typed", lang, sequence=format_digits(digits)),
        ),
        key="hidden_states_pca",
    )
    st.caption(
        t(
            "hidden_states.bottleneck.explained",
            lang,
            percent=100 * pca.explained.sum(),
            by_length=100 * explained_by_groups(projected, probe.lengths),
            by_first_digit=100 * explained_by_groups(projected, probe.first_digits),
        )
    )


def changed_sequence(model, digits):
    """Controls to change one digit of the typed sequence (A); returns (position, B's trace)."""
    position_column, digit_column = st.columns(2)
    if st.session_state.get("_saved_hidden_states_change_position", 0) >= len(digits):
        # a shorter sequence than before
        st.session_state["_saved_hidden_states_change_position"] = 0
    # The option labels must not depend on the digits: the browser sends back the
    # label, and a label that changed with the sequence would match no option.
    position = position_column.selectbox(
        t("hidden_states.compare.position", lang),
        range(len(digits)),
        **kept(keep_value("hidden_states_change_position", 0, translated=True)),
        format_func=lambda index: t("hidden_states.compare.position_option", lang,
                                    position=index + 1),
    )
    # Only digits that differ from the one in place: B is always a different sequence.
    new_digit = digit_column.selectbox(
        t("hidden_states.compare.digit", lang),
        [digit for digit in range(10) if digit != digits[position]],
        key="hidden_states_change_digit",
    )
    return position, kind.trace(model, change_digit(digits, position, new_digit))


def compare(model, digits, seen, probe, encoder_order, decoder_order):
    """The typed sequence (A) beside the same with one digit changed (B): states and differences."""
    st.subheader(t("hidden_states.compare.title", lang))
    st.markdown(t("hidden_states.compare.intro", lang))
    position, changed = changed_sequence(model, digits)
    encoder_hidden, changed_encoder = seen.encoder_hidden[:, 0], changed.encoder_hidden[:, 0]
    # One row of columns per kind of content, so that A's and B's charts line up
    # even when one side's text wraps onto a second line.
    left, right = st.columns(2)
    left.markdown(
        t("hidden_states.compare.sequence_a", lang, digits=tokens_markdown(digits),
          predictions=outputs_markdown(seen))
    )
    right.markdown(
        t(
            "hidden_states.compare.sequence_b",
            lang,
            digits=tokens_markdown(changed.digits[:, 0], [position], ":blue-background[**{}**]"),
            predictions=outputs_markdown(changed),
        )
    )
    encoder_labels = encoder_axis_labels(seen.encoder_inputs[:, 0])
    shared_top = max(encoder_hidden.max(), changed_encoder.max())
    for column, states, labels, name in zip(
        st.columns(2),
        (encoder_hidden, changed_encoder),
        (encoder_labels, encoder_axis_labels(changed.encoder_inputs[:, 0])),
        "ab",
    ):
        column.plotly_chart(
            hidden_state_heatmap(
                states,
                encoder_order,  # A's order for both, so that row i is the same unit in each
                labels,
                t(f"hidden_states.compare.encoder_{name}", lang),
                lang,
                dead_units=probe.dead_encoder_units,
                highlight_step=position + 1,
                zmax=shared_top,
            ),
            key=f"hidden_states_{name}",
        )
    left, right = st.columns(2)
    left.plotly_chart(
        hidden_difference_heatmap(
            changed_encoder - encoder_hidden,
            encoder_order,
            encoder_labels,
            t("hidden_states.compare.encoder_difference", lang),
            lang,
            dead_units=probe.dead_encoder_units,
        ),
        key="hidden_states_encoder_difference",
    )
    right.plotly_chart(
        hidden_difference_heatmap(
            changed.decoder_hidden[:, 0] - seen.decoder_hidden[:, 0],
            decoder_order,
            decoder_axis_labels(changed.decoder_inputs[:, 0], changed.predictions[:, 0],
                                changed.targets[:, 0]),
            t("hidden_states.compare.decoder_difference", lang),
            lang,
            dead_units=probe.dead_decoder_units,
        ),
        key="hidden_states_decoder_difference",
    )
    st.markdown(
        t(
            "hidden_states.compare.final_distance",
            lang,
            distance=float(np.linalg.norm(changed_encoder[-1] - encoder_hidden[-1])),
            norm=float(np.linalg.norm(encoder_hidden[-1])),
        )
    )


lang = setup_page("hidden_states")
checkpoint, kind = model_to_show()
model, hp = checkpoint.model, checkpoint.hyperparameters
units = model.dim_recurrent

st.title(t("shell.page.hidden_states", lang))
st.markdown(t("hidden_states.intro", lang, units=units))
st.info(describe_model(checkpoint))
if kind.attends:
    st.info(t("hidden_states.model.attends", lang, kind=t(kind.label_key, lang)))
    st.page_link(page("attention", lang), label=t("hidden_states.model.to_attention", lang))
digits = typed_digits()
seen = kind.trace(model, digits)
show_result(digits, seen)
probe = cached_probe(model_fingerprint(model), hp.min_len, hp.max_len, model)
summary = step_through(seen, len(digits) + 1)
orders = unit_orders(seen, probe, units)
heatmaps(seen, probe, summary, orders)
dead_units(probe, hp, units)
bottleneck(digits, seen, probe, units)
compare(model, digits, seen, probe, *orders)

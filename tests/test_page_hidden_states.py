"""The /hidden_states page under AppTest: heatmaps for typed sequences, messages for bad ones."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages._shell import BOOK_KEY, MODEL_KEY
from seq2seq_core.attention_recurrence import attention_trace
from seq2seq_core.checkpoint import Checkpoint, load_pretrained
from seq2seq_core.data import END, VOCAB_SIZE
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.model import Seq2Seq
from seq2seq_core.pca import explained_by_groups, principal_components
from seq2seq_core.probe_states import probe_states
from seq2seq_core.runs import RunBook
from seq2seq_core.trace import trace
from seq2seq_core.train import METRIC_NAMES, Hyperparameters

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "hidden_states.py")
HEATMAPS = ("hidden_states_encoder", "hidden_states_decoder", "hidden_states_probabilities")


def run_page(lang="ko", session=None):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["lang"] = lang
    for key, value in (session or {}).items():
        app.session_state[key] = value
    return app.run()


def type_sequence(app, text):
    app.text_input(key="sequence_input").set_value(text)
    return app.run()


def chart(app, key):
    """The figure (data and layout) of the plotly chart drawn with ``key``."""
    for element in app.get("plotly_chart"):
        if element.proto.id.endswith(f"-{key}"):
            return json.loads(element.proto.spec)
    raise AssertionError(
        f"no chart {key!r}; charts: {[e.proto.id for e in app.get('plotly_chart')]}"
    )


def encoder_columns(app):
    """The encoder heatmap's time-axis labels, e.g. ``["1·3", "2·1", "3·&lt;END&gt;"]``."""
    return chart(app, "hidden_states_encoder")["data"][0]["x"]


def array(value):
    """A figure's array from its JSON: plotly writes NumPy arrays as base64 (``bdata``)."""
    if isinstance(value, dict):
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.array(value)


def texts(app):
    return "\n".join(element.value for element in [*app.markdown, *app.info, *app.caption])


def labels(digits):
    return [f"{step}·{digit}" for step, digit in enumerate(digits, start=1)] + [
        f"{len(digits) + 1}·&lt;END&gt;"
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_default_sequence_draws_every_view(lang):
    app = run_page(lang)
    assert not app.exception
    assert app.title[0].value == t("shell.page.hidden_states", lang)
    for key in (
        *HEATMAPS,
        "hidden_states_pca",
        "hidden_states_a",
        "hidden_states_b",
        "hidden_states_encoder_difference",
        "hidden_states_decoder_difference",
    ):
        assert chart(app, key)["data"], key
    assert encoder_columns(app) == labels([3, 1, 4, 1, 5, 9, 2, 6])
    assert chart(app, "hidden_states_encoder")["layout"]["title"]["text"] == t(
        "hidden_states.encoder_title", lang
    )
    assert t("hidden_states.step.title", lang) in [header.value for header in app.subheader]


@pytest.mark.parametrize("text", ["31415", "3 1 4 1 5", "3,1,4,1,5", " 3, 1 4,1 5 "])
def test_every_accepted_spelling_draws_the_same_heatmaps(text):
    app = type_sequence(run_page("en"), text)
    assert not app.exception and not app.error
    assert encoder_columns(app) == labels([3, 1, 4, 1, 5])
    states = trace(load_pretrained().model, [3, 1, 4, 1, 5]).encoder_hidden[:, 0]
    z = array(chart(app, "hidden_states_encoder")["data"][0]["z"])
    # Rows are units in some order: the same states, one row per unit.
    np.testing.assert_allclose(np.sort(z, axis=0), np.sort(states.T, axis=0), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 x 4", "invalid"),
        ("-1 2", "invalid"),
        ("3.5", "invalid"),
        ("", "empty"),
        (" , ", "empty"),
        ("1" * 31, "too_long"),
    ],
)
def test_bad_input_gives_the_message_and_keeps_the_last_good_view(lang, text, reason):
    app = type_sequence(run_page(lang), "2 7 1 8")
    assert encoder_columns(app) == labels([2, 7, 1, 8])
    app = type_sequence(app, text)
    assert not app.exception
    assert [error.value for error in app.error] == [
        t(f"common.sequence.{reason}", lang, max_length=30)
    ]
    assert t("hidden_states.showing_last", lang, sequence="2 7 1 8") in texts(app)
    assert encoder_columns(app) == labels([2, 7, 1, 8])  # the previous heatmaps are still there
    for key in HEATMAPS:
        assert chart(app, key)["data"]
    # Fixing the typo brings the page back in step.
    app = type_sequence(app, "9 9")
    assert not app.error and encoder_columns(app) == labels([9, 9])


def test_random_button_puts_a_sequence_of_the_chosen_length():
    app = run_page("en")
    app.slider(key="hidden_states_length").set_value(12)
    app.button(key="hidden_states_random").click()
    app.run()
    typed = app.text_input(key="sequence_input").value
    digits = [int(d) for d in typed.split()]
    assert len(digits) == 12 and all(0 <= d <= 9 for d in digits)
    assert encoder_columns(app) == labels(digits)


def test_step_slider_writes_out_that_step_and_moves_the_outline():
    app = type_sequence(run_page("en"), "3 1 4")
    seen = trace(load_pretrained().model, [3, 1, 4])
    app.slider(key="hidden_states_step").set_value(2).run()
    page = texts(app)
    assert (
        t("hidden_states.step.reads", "en", step=2, input_token=f"`{seen.predictions[0, 0]}`")
        in page
    )
    probabilities = np.sort(seen.probabilities[1, 0])[::-1]
    assert f"{probabilities[0]:.2%}" in page and f"{probabilities[2]:.2%}" in page
    verdict = "right" if seen.correct[1, 0] else "wrong"
    assert t(f"hidden_states.step.{verdict}", "en", chosen=f"`{seen.predictions[1, 0]}`") in page
    # The decoder's step 2 is column 2 (x from 0.5 to 1.5 on a category axis).
    outline = chart(app, "hidden_states_decoder")["layout"]["shapes"][0]
    assert (outline["x0"], outline["x1"]) == (0.5, 1.5)
    # Step 2 should output the input's second digit: the encoder outlines column 2.
    outline = chart(app, "hidden_states_encoder")["layout"]["shapes"][0]
    assert (outline["x0"], outline["x1"]) == (0.5, 1.5)


def test_a_shorter_sequence_after_the_last_step_stays_in_range():
    app = type_sequence(run_page("en"), "1 2 3 4 5 6")
    app.slider(key="hidden_states_step").set_value(7).run()
    app = type_sequence(app, "1 2")
    assert not app.exception
    assert app.slider(key="hidden_states_step").value <= 3
    assert len(chart(app, "hidden_states_probabilities")["data"][0]["x"]) == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pretrained_model_is_named_with_its_hyperparameters(lang):
    app = run_page(lang)
    pretrained = load_pretrained()
    hp = pretrained.hyperparameters
    accuracy = float(np.mean(pretrained.history["sequence_accuracy"][-100:]))
    assert app.info[0].value == t(
        "hidden_states.model.pretrained",
        lang,
        **hp.to_dict(),
        planned=hp.iterations,
        window=100,
        accuracy=accuracy,
    )


def test_a_trained_model_is_shown_as_the_users_own():
    trained = load_pretrained()
    trained.model.decoder.fc_h2y.bias.data[0, END] += (
        100.0  # a different model: everything ends at once
    )
    history = {name: values[:1234] for name, values in trained.history.items()}
    app = run_page(
        "en", session={"current_model": Checkpoint(trained.model, trained.hyperparameters, history)}
    )
    assert not app.exception
    info = app.info[0].value
    assert "the model you trained or uploaded" in info and "1,234 of 10,000 iterations" in info
    predictions = chart(app, "hidden_states_probabilities")["data"][0]["x"]
    assert predictions[0].endswith("→&lt;END&gt;")  # the page really uses this model
    # Wrong outputs are flagged in the written result, with the count of wrong steps.
    outputs = trace(trained.model, [3, 1, 4, 1, 5, 9, 2, 6])
    wrong = int((~outputs.correct).sum())
    assert wrong > 0 and ":red[✗`<END>`]" in texts(app)
    assert t("hidden_states.result.wrong", "en", wrong=wrong, steps=9) in texts(app)


@pytest.mark.parametrize("hidden", [1, 2])
def test_a_tiny_model_without_history_still_draws_every_view_and_says_it_has_no_history(hidden):
    hp = Hyperparameters(hidden=hidden, min_len=3, max_len=4)
    model = Seq2Seq(VOCAB_SIZE, hidden, VOCAB_SIZE, rng=np.random.default_rng(0))
    empty = {name: np.zeros(0) for name in METRIC_NAMES}
    app = run_page("en", session={"current_model": Checkpoint(model, hp, empty)})
    assert not app.exception
    assert app.info[0].value == t("hidden_states.model.no_history", "en", hidden=hidden)
    assert len(chart(app, "hidden_states_encoder")["data"][0]["y"]) == hidden
    assert "lengths 3–4" in texts(app)  # dead units are counted on the model's training lengths


def test_dead_units_are_counted_and_marked():
    app = run_page("en")
    page = texts(app)
    assert "**Dead units** (0 at every step of 500 random sequences of lengths 1–20)" in page
    dead_rows = [
        unit for unit in chart(app, "hidden_states_decoder")["data"][0]["y"] if unit.endswith("†")
    ]
    count = f"decoder {len(dead_rows)} of 50"
    assert count in page


def test_bottleneck_colours_by_length_or_first_digit_and_stars_the_typed_sequence():
    app = type_sequence(run_page("en"), "5 5 5")
    by_length = chart(app, "hidden_states_pca")
    assert len(array(by_length["data"][0]["x"])) == 500
    assert by_length["data"][-1]["name"] == t("hidden_states.fig.typed", "en", sequence="5 5 5")
    probe = probe_states(load_pretrained().model, 1, 20)
    pca = principal_components(probe.final_encoder)
    projected = pca.project(probe.final_encoder)
    caption = t(
        "hidden_states.bottleneck.explained",
        "en",
        percent=100 * pca.explained.sum(),
        by_length=100 * explained_by_groups(projected, probe.lengths),
        by_first_digit=100 * explained_by_groups(projected, probe.first_digits),
    )
    assert caption in [element.value for element in app.caption]
    app.radio(key="hidden_states_pca_colour").set_value("first_digit").run()
    by_digit = chart(app, "hidden_states_pca")
    assert [trace_["name"] for trace_ in by_digit["data"][:10]] == [
        f"First digit {d}" for d in range(10)
    ]
    assert sum(len(array(trace_["x"])) for trace_ in by_digit["data"][:10]) == 500


def test_changing_one_digit_compares_the_two_sequences():
    app = type_sequence(run_page("en"), "3 1 4")
    app.selectbox(key="hidden_states_change_position").set_value(1)
    app.selectbox(key="hidden_states_change_digit").set_value(7)
    app.run()
    assert not app.exception
    assert chart(app, "hidden_states_b")["data"][0]["x"] == labels([3, 7, 4])
    difference = array(chart(app, "hidden_states_encoder_difference")["data"][0]["z"])
    assert np.abs(difference[:, 0]).max() == 0  # before the change, the states are equal
    assert np.abs(difference[:, 1]).max() > 0
    assert "B: `3` :blue-background[**`7`**] `4`" in texts(app)  # the changed digit stands out
    # The digit in place is not offered: B always differs from A.
    assert app.selectbox(key="hidden_states_change_digit").options == [
        "0",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]


def test_a_run_that_finishes_while_the_student_is_here_is_shown_at_the_next_rerun():
    hyperparameters = Hyperparameters(hidden=6, batch_size=2, iterations=120, min_len=1,
                                      max_len=3, seed=3)
    book = RunBook()
    book.start(hyperparameters)
    book.advance(0.001)
    app = run_page("en", session={BOOK_KEY: book})
    assert app.session_state[MODEL_KEY].model.dim_recurrent == 50  # the pretrained model meanwhile
    while book.running:  # the run goes on in the background and ends
        book.advance(0.05)
    app.run()
    assert not app.exception
    assert app.session_state[MODEL_KEY].model.dim_recurrent == 6
    assert book.current == (1, 120)
    assert "hidden 6, 120 of 120 iterations done" in app.info[0].value


def test_a_current_model_without_encoder_states_shows_the_pretrained_seq2seq_and_says_so():
    baseline = load_pretrained("baseline")
    app = run_page("en", session={MODEL_KEY: baseline})
    assert not app.exception
    other_kind = t("hidden_states.model.other_kind", "en", kind=t("kinds.baseline", "en"))
    assert app.warning[0].value == other_kind
    assert app.session_state[MODEL_KEY] is baseline  # the student's choice stays
    assert len(chart(app, "hidden_states_encoder")["data"][0]["y"]) == 50


def test_an_attention_model_shows_its_own_states_and_points_to_the_attention_page():
    attention = load_pretrained("attention")
    app = run_page("en", session={MODEL_KEY: attention})
    assert not app.exception and not app.warning
    infos = [element.value for element in app.info]
    assert t("hidden_states.model.attends", "en", kind=t("kinds.attention", "en")) in infos
    assert "the shipped pretrained model" in infos[0]
    seen = attention_trace(attention.model, [3, 1, 4, 1, 5, 9, 2, 6])  # the default sequence
    decoder = array(chart(app, "hidden_states_decoder")["data"][0]["z"])
    assert decoder.shape == (50, 9)
    np.testing.assert_allclose(np.sort(decoder.ravel()),
                               np.sort(seen.decoder_hidden[:, 0].ravel()), atol=1e-5)

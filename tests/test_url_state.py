"""Settings in the URL (seq2seq_core.url_state): parsing, refusing hostile values, round trips."""
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seq2seq_core.train import Hyperparameters
from seq2seq_core.url_state import (
    LEARNING_RATES,
    MAX_QUERY_CHARS,
    PAGE_SETTINGS,
    read_query,
    share_url,
    to_query,
)

TRAINING = PAGE_SETTINGS["training"]
EVERY_SETTING = [setting for page in PAGE_SETTINGS.values() for setting in page]
# Every character but 0-9 that str.isdigit() takes, by the digit it stands for:
# other scripts' digits ('٣', '３', which int() and float() accept too) and others ('²', '①').
OTHER_DIGITS = {}
for code in range(0x80, sys.maxunicode + 1):
    if chr(code).isdigit():
        OTHER_DIGITS.setdefault(str(unicodedata.digit(chr(code))), []).append(chr(code))
ANY_OTHER_DIGIT = [char for chars in OTHER_DIGITS.values() for char in chars]


def test_training_defaults_are_the_notebooks():
    defaults = {s.param: s.default for s in TRAINING}
    hp = Hyperparameters()
    assert defaults == {"hidden": hp.hidden, "lr": hp.learning_rate, "batch": hp.batch_size,
                        "iterations": hp.iterations, "lengths": (hp.min_len, hp.max_len),
                        "seed": hp.seed, "model": "seq2seq"}
    assert hp.learning_rate in LEARNING_RATES
    assert LEARNING_RATES[0] == 1e-4 and LEARNING_RATES[-1] == 0.1


@pytest.mark.parametrize(
    "query",
    [{"seed": "abc"}, {"hidden": "100000"}, {"hidden": "-5"}, {"lr": "nan"}, {"lr": "inf"},
     {"lr": "0"}, {"lr": "-0.001"}, {"lengths": "12-3"}, {"lengths": "5"}, {"lengths": "a-b"},
     {"batch": "1e3"}, {"iterations": "9" * 5000}, {"seed": ""}, {"seed": "1.5"}],
)
def test_invalid_or_hostile_values_are_refused(query):
    values, rejected = read_query(query, TRAINING)
    assert values == {} and rejected == list(query)


def test_valid_values_are_read_and_the_learning_rate_snaps_to_a_slider_step():
    values, rejected = read_query(
        {"hidden": "100", "lr": "0.0012", "lengths": "3-12", "seed": " 7 ", "other": "x"}, TRAINING
    )
    assert rejected == []
    assert values == {"train_hidden": 100, "train_lr": 0.001,
                      "train_lengths": (3, 12), "train_seed": 7}


def test_sequences_are_normalised_and_long_ones_refused():
    settings = PAGE_SETTINGS["hidden_states"]
    assert read_query({"seq": "3,1,4"}, settings) == ({"sequence_input": "3 1 4"}, [])
    for hostile in ("3" * 10_000, "3 x 4", "", "<script>", "1" * 31):
        assert read_query({"seq": hostile}, settings) == ({}, ["seq"])


@pytest.mark.parametrize(
    "query",
    [{"seed": "1_000"}, {"seed": "+7"}, {"hidden": "６４"}, {"lr": "٠.٠٠١"}, {"lengths": "3-１２"},
     {"hidden": "6²"}],
)
def test_numbers_are_written_in_the_digits_0_to_9_only(query):
    assert read_query(query, TRAINING) == ({}, list(query))


def valid_values(setting):
    """Hypothesis strategy: the values a page's widget can hold for ``setting``."""
    if setting.kind == "choice" or (setting.kind == "float" and setting.choices):
        return st.sampled_from(setting.choices)
    if setting.kind == "float":
        return st.floats(setting.low, setting.high)
    if setting.kind == "int":
        step = setting.step or 1
        steps = st.integers(0, (setting.high - setting.low) // step)
        return steps.map(lambda k: setting.low + k * step)
    if setting.kind == "int_range":
        bounds = st.integers(setting.low, setting.high)
        return st.tuples(bounds, bounds).map(sorted).map(tuple)
    if setting.kind == "sequence":
        digits = st.lists(st.integers(0, 9), min_size=1, max_size=10)
        return digits.map(lambda digits: " ".join(map(str, digits)))
    raise AssertionError(f"no strategy for the new kind {setting.kind!r}: add one here")


@pytest.mark.parametrize("setting", EVERY_SETTING, ids=lambda s: f"{s.widget_key}")
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_digit_of_another_script_is_refused_in_every_setting(setting, data):
    text = setting.format(data.draw(valid_values(setting), label="value"))
    assert read_query({setting.param: text}, [setting])[1] == []  # the ASCII link is fine
    digits = [i for i, char in enumerate(text) if char in "0123456789"]
    if digits:  # the same number, one of its digits written in another script
        at = data.draw(st.sampled_from(digits), label="position")
        other = data.draw(st.sampled_from(OTHER_DIGITS[text[at]]), label="digit")
        text = text[:at] + other + text[at + 1:]
    else:  # a choice: no digits of its own
        text += data.draw(st.sampled_from(ANY_OTHER_DIGIT), label="digit")
    assert read_query({setting.param: text}, [setting]) == ({}, [setting.param])


@pytest.mark.parametrize("page", sorted(PAGE_SETTINGS))
def test_defaults_survive_a_round_trip(page):
    settings = PAGE_SETTINGS[page]
    state = {s.widget_key: s.default for s in settings}
    query = to_query(state, settings)
    assert all(len(value) <= MAX_QUERY_CHARS for value in query.values())
    assert read_query(query, settings) == (state, [])


@given(hidden=st.integers(4, 256), lr=st.sampled_from(LEARNING_RATES), batch=st.integers(1, 500),
       low=st.integers(1, 30), span=st.integers(0, 29), seed=st.integers(0, 9999))
def test_any_valid_training_view_round_trips(hidden, lr, batch, low, span, seed):
    state = {"train_hidden": hidden, "train_lr": lr, "train_batch": batch,
             "train_iterations": 2000, "train_lengths": (low, min(30, low + span)),
             "train_seed": seed}
    assert read_query(to_query(state, TRAINING), TRAINING) == (state, [])


def test_share_url_keeps_only_the_apps_address():
    url = share_url("https://class.example.org:8501/training?lang=ko", "accuracy",
                    {"lang": "en", "samples": "300"})
    assert url == "https://class.example.org:8501/accuracy?lang=en&samples=300"
    assert share_url(None, "", {}) == "/"


def test_a_value_between_a_sliders_steps_is_refused():
    iterations = next(s for s in TRAINING if s.widget_key == "train_iterations")
    assert read_query({"iterations": "2000"}, [iterations]) == ({"train_iterations": 2000}, [])
    assert read_query({"iterations": "2050"}, [iterations]) == ({}, ["iterations"])

"""The line in a real browser: with one place, a second student's Start waits, and trains by itself.

Checks what AppTest cannot: the live panel's timer keeps running while a run waits,
so the tab moves from "1st in line" to training without any click.
"""
import pytest

from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.line import MAX_TRAINERS_VARIABLE, ordinal

PROGRESS = '[data-testid="stProgress"]'
ALERTS = '[data-testid="stAlert"]'
# Whether an element matching the selector shows the text (each argument a string).
SHOWS_JS = """([selector, text]) => Array.from(document.querySelectorAll(selector))
    .some((element) => element.innerText.includes(text))"""


@pytest.fixture
def one_place_server(monkeypatch, request):
    """The base URL of a server of its own that lets one session train at a time."""
    monkeypatch.setenv(MAX_TRAINERS_VARIABLE, "1")
    return request.getfixturevalue("fresh_app_server")


def wait_until_shown(page, selector, text, timeout=30_000):
    page.wait_for_function(SHOWS_JS, arg=[selector, text], timeout=timeout)


def shows(page, selector, text):
    return page.evaluate(SHOWS_JS, [selector, text])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_second_start_waits_in_line_and_trains_by_itself_once_the_place_frees_up(
        one_place_server, new_tab, lang):
    first, second = new_tab(one_place_server), new_tab(one_place_server)
    training = t("training.status.running", lang)
    first_page = first.open("/training", lang=lang, query="iterations=50000")
    first_page.locator(".st-key-train_start button").click()
    wait_until_shown(first_page, PROGRESS, training)

    second_page = second.open("/training", lang=lang, query="iterations=50000")
    second_page.locator(".st-key-train_start button").click()
    in_line = t("training.line.waiting", lang, place=ordinal(1, lang),
                training=t("training.line.one_trains", lang, count=1)).split(" **")[0]
    wait_until_shown(second_page, ALERTS, in_line)
    assert ("1st in line" if lang == "en" else "대기 1번째") in in_line
    wait_until_shown(second_page, PROGRESS, t("training.status.waiting", lang))
    second.screenshot(f"training-in-line-{lang}")

    first_page.locator(".st-key-train_pause button").click()
    # No click in the second tab: its live panel keeps looking while it waits.
    wait_until_shown(second_page, PROGRESS, training)
    assert not shows(second_page, ALERTS, in_line)
    second_page.locator(".st-key-train_pause button").click()
    wait_until_shown(second_page, PROGRESS, t("training.status.paused", lang))
    second.wait()
    first.wait()

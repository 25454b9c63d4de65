"""The lecture hall's students speak Streamlit's websocket as a real browser tab does.

``benchmarks.lecture_hall`` simulates 30 students with
:class:`benchmarks._protocol_student.ProtocolStudent`, which draws nothing; its
figures are only worth something if the server gets from it what it gets from
Chromium. Both open the same link and press Start; the script runs they ask for
must be the same (page, query string, every widget's state, the trigger).
"""
import time

from streamlit.proto.BackMsg_pb2 import BackMsg

from benchmarks._protocol_student import ProtocolStudent

LINK = "/training?lang=en&seed=3&iterations=50000"
START = ".st-key-train_start button"


def reruns(messages):
    """The ``rerun_script`` requests among BackMsgs, without the browser's context."""
    found = []
    for message in messages:
        if message.WhichOneof("type") == "rerun_script":
            message.rerun_script.ClearField("context_info")
            found.append(message.rerun_script)
    return found


def widget_states(rerun):
    """dict: widget id → (value field, value) of one rerun request."""
    states = {}
    for widget in rerun.widget_states.widgets:
        field = widget.WhichOneof("value")
        states[widget.id] = (field, str(getattr(widget, field)))
    return states


def browser_reruns(chromium, app_server):
    """The page's link, Start, and its first live redraw, as Chromium asks for them."""
    sent = []
    page = chromium.new_page()
    try:
        page.on("websocket", lambda socket: socket.on(
            "framesent", lambda payload: sent.append(payload)))
        page.goto(app_server + LINK)
        page.locator(START).wait_for(timeout=60_000)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state') === 'notRunning'")
        page.locator(START).click()
        deadline = time.monotonic() + 60
        while len(reruns(BackMsg.FromString(p) for p in sent if isinstance(p, bytes))) < 3:
            assert time.monotonic() < deadline, "the browser asked for no live redraw"
            page.wait_for_timeout(100)
        page.locator(".st-key-train_pause button").click()
        page.wait_for_timeout(500)
    finally:
        page.close()
    return reruns(BackMsg.FromString(p) for p in sent if isinstance(p, bytes))[:3]


def student_reruns(app_server):
    """The same three requests from a ProtocolStudent; also its exceptions and iterations."""
    student = ProtocolStudent(app_server, seed=3, iterations=50_000)
    try:
        student.press("train_start")
        deadline = time.monotonic() + 60
        while student.redraws < 1 or student.iteration == 0:
            assert time.monotonic() < deadline, "the student's run showed no progress"
            time.sleep(0.1)
        student.press("train_pause")
    finally:
        student.close()
    return reruns(student.sent)[:3], student


def test_protocol_student_asks_for_the_same_script_runs_as_a_browser(chromium, app_server):
    from_browser = browser_reruns(chromium, app_server)
    from_student, student = student_reruns(app_server)

    for what, browser, ours in zip(("the link", "Start", "a live redraw"),
                                   from_browser, from_student, strict=True):
        assert widget_states(ours) == widget_states(browser), what
        browser.ClearField("widget_states")
        ours.ClearField("widget_states")
        assert ours == browser, what
    assert student.exceptions == []
    assert student.iteration > 0

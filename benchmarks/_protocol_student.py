"""A student's session on ``/training`` spoken over Streamlit's websocket, with nothing drawn.

A lecture hall of 30 live tabs cannot run in one Chromium on the server's own
two cores (their renderers starve for minutes), while a real student's browser
runs on their own computer. This client sends the server what such a browser
sends (``tests/browser/test_protocol_student.py`` compares the two): the page's
first script run from a link, then every rerun with the page's script hash, the
query string the page last wrote, and the state of every widget on the page
(as the browser's widget manager keeps it: each widget's default or the value
the server set); a press of Start or Pause is a trigger among them; the live
panel's fragment reruns at the interval of the server's ``auto_rerun`` message.
It reads the progress bar's text and any exception from the deltas it receives.
"""
import contextlib
import re
import threading
import time
import urllib.parse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

__all__ = ["ProtocolStudent", "widget_state"]

_PROGRESS_NUMBERS = re.compile(r"([\d,]+) / ([\d,]+)")
_TRIGGERS = {"button", "download_button"}  # sent only when pressed
# Elements with an id for selections, which the app's charts and tables never turn on.
_NO_STATE = {"plotly_chart", "vega_lite_chart", "dataframe", "deck_gl_json_chart"}


def widget_key(widget_id):
    """str: the user key at the end of a widget id (``$$ID-<hash>-<key>``), else the id."""
    return widget_id.rsplit("-", 1)[-1] if widget_id.startswith("$$ID-") else widget_id


def widget_state(element):
    """WidgetState or None: what a browser reports for the widget ``element`` draws.

    Its value is the one the server set (``set_value``), else its default; None
    for an element that is not a widget, for a button (a trigger, reported only
    when pressed) and for a widget with no value yet.
    """
    kind = element.WhichOneof("type")
    widget = getattr(element, kind) if kind else None
    if (widget is None or kind in _TRIGGERS or kind in _NO_STATE
            or "id" not in widget.DESCRIPTOR.fields_by_name):
        return None
    if not widget.id:
        return None
    state = WidgetState(id=widget.id)
    fields = widget.DESCRIPTOR.fields_by_name
    set_value = "set_value" in fields and widget.set_value
    if kind in ("radio", "selectbox"):
        if set_value and widget.HasField("raw_value"):
            state.string_value = widget.raw_value
        elif widget.HasField("default"):
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif kind == "slider":
        if widget.options:  # a select_slider: the chosen options' labels
            labels = (widget.raw_value if set_value
                      else [widget.options[int(index)] for index in widget.default])
            state.string_array_value.data.extend(labels)
        else:
            state.double_array_value.data.extend(widget.value if set_value else widget.default)
    elif kind == "number_input":
        if not (set_value or widget.HasField("default")):
            return None
        value = widget.value if set_value else widget.default
        if widget.data_type == NumberInput.INT:
            state.int_value = int(value)
        else:
            state.double_value = value
    elif kind == "checkbox":
        state.bool_value = widget.value if set_value else widget.default
    elif kind in ("text_input", "text_area"):
        state.string_value = widget.value if set_value else widget.default
    elif kind == "file_uploader":
        state.file_uploader_state_value.SetInParent()
    else:
        raise NotImplementedError(f"no browser state known for a {kind} widget")
    return state


class ProtocolStudent:
    """One session on ``/training?lang=en&seed=…&iterations=…`` over a websocket of its own.

    Attributes
    ----------
    iteration : int
        The last iteration the progress bar showed.
    progress : list of (float, int)
        Every progress bar received: ``time.perf_counter()`` then, and its iteration.
    exceptions : list of str
        Exception messages the server sent as page elements.
    notice : str or None
        The text of the last notice (``st.info`` and the like) the server sent.
    redraws : int
        Fragment reruns asked for.
    watching : bool
        Whether the live panel's redraws are asked for (set it False to look away).
    sent : list of BackMsg
        Every message sent, oldest first.
    """

    def __init__(self, base_url, seed, iterations, timeout=120.0):
        self.seed, self.timeout = seed, timeout
        self.query = urllib.parse.urlencode({"lang": "en", "seed": seed, "iterations": iterations})
        host = urllib.parse.urlsplit(base_url).netloc
        self.url = f"{base_url}/training"
        # No client pings (a browser sends none): a starved server answers late, and
        # a missed pong would close the session, which a browser's would not.
        self._exit = contextlib.ExitStack()
        self.socket = self._exit.enter_context(connect(
            f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
            open_timeout=timeout, ping_interval=None))
        self.page_script_hash = None
        self.error = None  # what stopped the reader, raised by wait_for_page
        self.widgets = {}  # widget key → WidgetState, as the browser keeps them
        self.buttons = {}  # widget key → widget id
        self.iteration, self.exceptions, self.redraws, self.sent = 0, [], 0, []
        self.progress = []
        self.notice = None
        self.watching = True  # False: no live redraws asked for, as a tab on another page
        self._auto = None  # (fragment id, interval) of the live panel's timer
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._timer = threading.Thread(target=self._redraw, daemon=True)
        self._timer.start()
        self._rerun()

    def _send(self, message):
        with self._lock:
            self.sent.append(message)
            self.socket.send(message.SerializeToString())

    def _rerun(self, trigger=None, fragment_id=None):
        """Ask for a script run (the whole page, or one fragment), pressing button ``trigger``."""
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query
        if self.page_script_hash is None:
            rerun.page_name = "training"  # the link's path, before the server named the page
        else:
            rerun.page_script_hash = self.page_script_hash
            rerun.widget_states.widgets.extend(self.widgets.values())
        if trigger is not None:
            rerun.widget_states.widgets.add(id=self.buttons[trigger], trigger_value=True)
        if fragment_id is not None:
            rerun.fragment_id, rerun.is_auto_rerun = fragment_id, True
        else:
            self._finished.clear()
        context = rerun.context_info
        context.timezone, context.locale, context.url = "UTC", "en-US", self.url
        context.color_scheme = "light"
        self._send(message)

    def _read(self):
        try:
            for data in self.socket:
                message = ForwardMsg.FromString(data)
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    self._element(message.delta.new_element)
                elif kind == "navigation":  # the page this session is on (st.navigation)
                    self.page_script_hash = message.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query = message.page_info_changed.query_string
                elif kind == "auto_rerun":
                    self._auto = (message.auto_rerun.fragment_id, message.auto_rerun.interval)
                elif kind == "stop_auto_rerun":
                    self._auto = None
                elif kind == "script_finished" and (
                        message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY):
                    self._finished.set()  # a whole page's run, not a fragment's or one cut short
        except Exception as error:  # the socket closed, or a message this client cannot mirror
            if not self._closed:
                self.error = error

    def _element(self, element):
        kind = element.WhichOneof("type")
        if kind in _TRIGGERS:
            widget = getattr(element, kind)
            self.buttons[widget_key(widget.id)] = widget.id
        elif kind == "progress":
            match = _PROGRESS_NUMBERS.search(element.progress.text)
            if match:
                self.iteration = int(match.group(1).replace(",", ""))
                self.progress.append((time.perf_counter(), self.iteration))
        elif kind == "exception":
            self.exceptions.append(element.exception.message)
        elif kind == "alert":
            self.notice = element.alert.body
        else:
            state = widget_state(element)
            if state is not None:
                key = widget_key(state.id)
                known = self.widgets.get(key)
                set_value = getattr(getattr(element, kind), "set_value", False)
                if known is None or known.id != state.id or set_value:
                    self.widgets[key] = state  # a browser keeps a value it already has

    def _redraw(self):
        while not self._closed:
            auto = self._auto
            if auto is None or not self.watching:
                time.sleep(0.05)
                continue
            time.sleep(auto[1])
            if self._auto == auto and not self._closed:
                self._rerun(fragment_id=auto[0])
                self.redraws += 1

    def rate(self, began, ended):
        """float or None: iterations per second between the first and last progress in a window."""
        seen = [(when, iteration) for when, iteration in self.progress if began <= when <= ended]
        if len(seen) < 2 or seen[-1][0] == seen[0][0]:
            return None
        return (seen[-1][1] - seen[0][1]) / (seen[-1][0] - seen[0][0])

    def wait_for_page(self, key=None):
        """Wait until a run of the whole page has finished (and drawn button ``key``)."""
        deadline = time.monotonic() + self.timeout
        while not (self._finished.is_set() and (key is None or key in self.buttons)):
            if self.error is not None:
                raise RuntimeError(f"seed {self.seed}: the session stopped") from self.error
            if time.monotonic() > deadline:
                raise TimeoutError(f"seed {self.seed}: the page did not finish drawing")
            time.sleep(0.05)

    def press(self, key):
        """Press the button with widget key ``key`` and wait for the page's run to finish."""
        self.wait_for_page(key)
        self._rerun(trigger=key)
        self.wait_for_page()

    def close(self):
        self._closed = True
        self._exit.close()

"""A student's session on ``/training`` spoken over Streamlit's websocket, with nothing drawn.

A lecture hall of 30 live tabs cannot run in one Chromium on the server's own
two cores (their renderers starve for minutes), while a real student's browser
runs on their own computer. This client gives the server exactly what such a
browser sends: the page's first script run from a link, a press of Start or
Pause (a widget trigger), and the live panel's fragment reruns at the interval
the server's ``auto_rerun`` message asks for. It reads the progress bar's text
and any exception from the deltas it receives.
"""
import re
import threading
import time
import urllib.parse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

_PROGRESS_NUMBERS = re.compile(r"([\d,]+) / ([\d,]+)")


class ProtocolStudent:
    """One session on ``/training?lang=en&seed=…&iterations=…`` over a websocket of its own.

    Attributes
    ----------
    iteration : int
        The last iteration the progress bar showed.
    exceptions : list of str
        Exception messages the server sent as page elements.
    redraws : int
        Fragment reruns asked for.
    """

    def __init__(self, base_url, seed, iterations, timeout=120.0):
        self.seed, self.timeout = seed, timeout
        self.query = urllib.parse.urlencode({"lang": "en", "seed": seed, "iterations": iterations})
        host = urllib.parse.urlsplit(base_url).netloc
        self.socket = connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                              max_size=None, open_timeout=timeout)
        self.buttons = {}  # widget key → widget id
        self.iteration, self.exceptions, self.redraws = 0, [], 0
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
            self.socket.send(message.SerializeToString())

    def _rerun(self, trigger=None, fragment_id=None):
        """Ask for a script run (the whole page, or one fragment), pressing button ``trigger``."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_name = self.query, "training"
        if trigger is not None:
            widget = state.widget_states.widgets.add()
            widget.id, widget.trigger_value = self.buttons[trigger], True
        if fragment_id is not None:
            state.fragment_id, state.is_auto_rerun = fragment_id, True
        else:
            self._finished.clear()
        self._send(message)

    def _read(self):
        try:
            for data in self.socket:
                message = ForwardMsg.FromString(data)
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    self._element(message.delta.new_element)
                elif kind == "auto_rerun":
                    self._auto = (message.auto_rerun.fragment_id, message.auto_rerun.interval)
                elif kind == "stop_auto_rerun":
                    self._auto = None
                elif kind == "script_finished" and (
                        message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY):
                    self._finished.set()  # a whole page's run, not a fragment's or one cut short
        except Exception:  # the socket closed
            if not self._closed:
                raise

    def _element(self, element):
        kind = element.WhichOneof("type")
        if kind == "button":
            key = element.button.id.rsplit("-", 1)[-1]
            self.buttons[key] = element.button.id
        elif kind == "progress":
            match = _PROGRESS_NUMBERS.search(element.progress.text)
            if match:
                self.iteration = int(match.group(1).replace(",", ""))
        elif kind == "exception":
            self.exceptions.append(element.exception.message)

    def _redraw(self):
        while not self._closed:
            auto = self._auto
            if auto is None:
                time.sleep(0.05)
                continue
            time.sleep(auto[1])
            if self._auto == auto and not self._closed:
                self._rerun(fragment_id=auto[0])
                self.redraws += 1

    def wait_for_page(self, key=None):
        """Wait until a run of the whole page has finished (and drawn button ``key``)."""
        deadline = time.monotonic() + self.timeout
        while not (self._finished.is_set() and (key is None or key in self.buttons)):
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
        self.socket.close()

"""Page settings in the URL query, so that a lecturer can share a link to exactly one view.

Each page declares its settings once (:data:`PAGE_SETTINGS`); widgets take their
bounds from them, :func:`read_query` refuses anything invalid or hostile so that
the page falls back to its default and says so, and :func:`to_query` writes the
values back for :func:`share_url`.
"""
import dataclasses
import math
import re
from urllib.parse import urlencode, urlsplit

from .broadcasting import WEIGHT_LAYOUTS
from .data import MAX_TYPED_LENGTH, SequenceInputError, format_digits, parse_sequence
from .kinds import DEFAULT_KIND, MODEL_KINDS
from .train import LEARNING_RATES, LIMITS, SESSION_LIMITS, Hyperparameters

__all__ = [
    "Setting", "PAGE_SETTINGS", "SETTINGS", "LEARNING_RATES", "MAX_QUERY_CHARS", "read_query",
    "to_query", "share_url", "widget_range",
]

MAX_QUERY_CHARS = 200  # no setting is longer; a longer value is refused unread

# One rule for digits in a link, as in a typed sequence (parse_sequence): only the ASCII
# digits 0-9. Python's int() and float() also take other scripts' digits ('٣', '３') and
# underscores ('1_000'); a shared link is typed or copied, so those would only ever be
# accidents or probes, and a setting refused with a notice is easier to explain.
_ASCII_INTEGER = re.compile(r"[0-9]+")
_ASCII_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclasses.dataclass(frozen=True)
class Setting:
    """One page setting that lives in the URL.

    Attributes
    ----------
    param : str
        The query-parameter name (``seed`` in ``?seed=3``).
    widget_key : str
        The ``st.session_state`` key of the widget that holds the value.
    kind : {"int", "float", "int_range", "choice", "sequence"}
        ``int_range`` is a (low, high) pair written ``3-12``; ``sequence`` is typed
        digits, kept as text (``3 1 4``).
    default : object
        The value when the URL has none (or a refused one).
    low, high : float, optional
        Inclusive bounds of an ``int``, ``float`` or ``int_range``.
    choices : tuple, optional
        Allowed values of a ``choice``; a ``float`` with choices snaps to the
        nearest one on a log scale (a log slider offers only those).
    step : int, optional
        An ``int`` must be ``low`` plus a multiple of it (a slider's step).
    capped : bool, optional
        The page may draw the widget with a lower ``high`` that the view allows
        (a decoding step: at most the typed sequence's length + 1).
    """

    param: str
    widget_key: str
    kind: str
    default: object
    low: float = None
    high: float = None
    choices: tuple = None
    step: int = None
    capped: bool = False

    def widget_range(self):
        """dict: the widget's ``min_value``, ``max_value``, ``step``, or a choice's ``options``.

        Empty for typed text (``sequence``), which is checked when parsed.
        """
        if self.kind == "sequence":
            return {}
        if self.choices:
            return {"options": self.choices}
        bounds = {"min_value": self.low, "max_value": self.high}
        return bounds | ({"step": self.step} if self.step else {})

    def parse(self, raw):
        """Turn the query text ``raw`` into a value, or raise ``ValueError``."""
        if not isinstance(raw, str) or len(raw) > MAX_QUERY_CHARS:
            raise ValueError(f"{self.param}: not a short text")
        raw = raw.strip()
        if self.kind == "choice":
            if raw not in self.choices:
                raise ValueError(f"{self.param}: not one of {self.choices}")
            return raw
        if self.kind == "sequence":
            try:
                return format_digits(parse_sequence(raw, MAX_TYPED_LENGTH))
            except SequenceInputError as error:
                raise ValueError(f"{self.param}: {error.reason}") from None
        if self.kind == "int_range":
            low_text, separator, high_text = raw.partition("-")
            if not separator:
                raise ValueError(f"{self.param}: not low-high")
            value = (self._number(low_text.strip()), self._number(high_text.strip()))
            if value[0] > value[1]:
                raise ValueError(f"{self.param}: low above high")
            return value
        if self.kind == "int":
            return self._number(raw)
        if self.kind == "float":
            value = self._number(raw, float)
            if self.choices:  # snap to the slider's nearest step
                value = min(self.choices, key=lambda choice: abs(math.log(choice / value)))
            return value
        raise ValueError(f"unknown kind {self.kind!r}")

    def _number(self, text, kind=int):
        """``text`` as an ``int`` (or ``float``) in [low, high], written in ASCII digits."""
        pattern = _ASCII_INTEGER if kind is int else _ASCII_DECIMAL
        if not pattern.fullmatch(text):
            raise ValueError(f"{self.param}: not a number in the digits 0-9")
        value = kind(text)
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise ValueError(f"{self.param}: outside [{self.low}, {self.high}]")
        if self.step and (value - self.low) % self.step:
            raise ValueError(f"{self.param}: not {self.low} plus a multiple of {self.step}")
        return value

    def format(self, value):
        """The query text of ``value``."""
        if self.kind == "int_range":
            return f"{value[0]}-{value[1]}"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)[:MAX_QUERY_CHARS]


def read_query(query, settings):
    """The settings present in a URL ``query`` (e.g. ``st.query_params``).

    Returns
    -------
    values : dict of str to object
        The valid values, by widget key.
    rejected : list of str
        The parameters whose value was refused, in ``settings`` order.
    """
    values, rejected = {}, []
    for setting in settings:
        if setting.param not in query:
            continue
        try:
            values[setting.widget_key] = setting.parse(query[setting.param])
        except (ValueError, TypeError, ZeroDivisionError):
            rejected.append(setting.param)
    return values, rejected


def to_query(state, settings):
    """dict of str to str: the query of the widget values in ``state`` (``st.session_state``)."""
    return {s.param: s.format(state[s.widget_key]) for s in settings if s.widget_key in state}


def share_url(app_url, page_path, params):
    """str: a link to ``page_path`` (``""`` for home) with ``params``, for a "copy link" box.

    ``app_url`` is any address of the app as the browser sees it (``st.context.url``),
    of which only scheme, host and port are kept; without one the link is relative.
    """
    parts = urlsplit(app_url or "")
    root = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    query = urlencode(params)
    return f"{root}/{page_path}" + (f"?{query}" if query else "")


_DEFAULTS = Hyperparameters()


def _training(param, key, field, default=None, **options):
    """A training page setting bounded by the engine's :data:`SESSION_LIMITS` of ``field``."""
    low, high = SESSION_LIMITS[field]
    value = getattr(_DEFAULTS, field) if default is None else default
    return Setting(param, key, options.pop("kind", "int"), value, low, high, **options)


PAGE_SETTINGS = {
    "home": (Setting("seq", "home_try", "sequence", "2 4 7 1 3"),),
    "batches": (
        Setting("min_len", "batches_min", "int", 1, 1, 30),
        Setting("max_len", "batches_max", "int", 20, 1, 30),
        Setting("batch", "batches_size", "int", 10, 1, 100),
        Setting("seed", "batches_seed", "int", 0, 0, 999),
    ),
    "broadcasting": (
        Setting("T", "broadcasting_T", "int", 2, 1, 6),
        Setting("N", "broadcasting_N", "int", 3, 1, 5),
        Setting("C", "broadcasting_C", "int", 4, 1, 6),
        Setting("K", "broadcasting_K", "int", 5, 1, 6),
        Setting("weights", "broadcasting_layout", "choice", WEIGHT_LAYOUTS[0],
                choices=WEIGHT_LAYOUTS),
    ),
    "training": (
        Setting("model", "train_model", "choice", DEFAULT_KIND, choices=tuple(MODEL_KINDS)),
        _training("hidden", "train_hidden", "hidden"),
        _training("lr", "train_lr", "learning_rate", kind="float", choices=LEARNING_RATES),
        _training("batch", "train_batch", "batch_size"),
        _training("iterations", "train_iterations", "iterations", step=100),
        _training("lengths", "train_lengths", "max_len", (_DEFAULTS.min_len, _DEFAULTS.max_len),
                  kind="int_range"),
        _training("seed", "train_seed", "seed"),
    ),
    "hidden_states": (
        Setting("seq", "sequence_input", "sequence", "3 1 4 1 5 9 2 6"),
        Setting("length", "hidden_states_length", "int", 8, 1, MAX_TYPED_LENGTH),
    ),
    "attention": (
        Setting("seq", "attention_input", "sequence", "2 4 7 1 3 9 9 0 5 8 6 1 4 2"),
        Setting("step", "attention_step", "int", 1, 1, MAX_TYPED_LENGTH + 1, capped=True),
        Setting("length", "attention_length", "int", 16, 1, MAX_TYPED_LENGTH),
    ),
    "accuracy": (
        Setting("samples", "accuracy_samples", "int", 1000, 100, 5000, step=100),
        Setting("lengths", "accuracy_lengths", "int_range", (1, 30), 1, LIMITS["max_len"][1]),
    ),
}
SETTINGS = {setting.widget_key: setting for page in PAGE_SETTINGS.values() for setting in page}


def widget_range(widget_key):
    """dict: widget ``widget_key``'s bounds from its :class:`Setting`, for ``st.slider(**...)``."""
    return SETTINGS[widget_key].widget_range()

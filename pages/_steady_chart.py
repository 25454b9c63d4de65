"""A plotly chart that is redrawn without blinking: copies stacked, the newest drawn one shown.

Streamlit identifies a plotly chart by its figure, so a chart whose data
changed is a new element to the browser: it removes the old chart and keeps the
new one invisible until plotly has drawn it, and now and then a frame is painted
in between. On the training page, which redraws three charts every 0.4 s, that
made the charts blink (measured in headless Chromium: 14 blank frames of 921 in
20 s; ``tests/browser/test_training.py`` watches every frame).

:func:`steady_plotly_chart` keeps three slots in one grid cell. Each redraw puts
the new figure in the slot holding the oldest one and sends the other slots'
figures again unchanged (same figure, same element: the browser keeps them as
they are). A marker says which slot is newest, and CSS shows the newest slot
that plotly has drawn and hides the others. Three, not two: a browser that is
busy can receive two redraws before it draws either. A browser starved for
longer (three redraws, 1.2 s, none drawn) shows one blank frame: seen once in
about thirty runs of the browser test on a loaded machine. A fourth slot would
hide that but cost the page 5–9 % of its training speed with the browser on the
same cores (python -m benchmarks.training_page_speed --rounds 3: 0.69 against 0.76).

Within a slot, Streamlit keeps a replaced chart after the new one until the
rerun ends, so only a slot's first chart counts, and the others are hidden.
"""
import plotly.graph_objects as go
import streamlit as st

__all__ = ["steady_chart_styles", "steady_plotly_chart"]

_SLOTS = ("a", "b", "c")
# A slot's newest chart, once plotly has drawn it and Streamlit shows it.
_DRAWN = ('> .stElementContainer:first-child [data-testid="stPlotlyChart"]'
          ' > div:not([style*="visibility: hidden"]) .main-svg')


def _css(key):
    """The rules that show one slot of chart ``key``: the newest that is drawn."""
    chart = f".st-key-{key}"
    rules = [
        f"{chart} {{ display: grid !important; grid-template-columns: minmax(0, 1fr); }}",
        f"{chart} > * {{ grid-area: 1 / 1; }}",
        f"{chart} [class*='st-key-{key}_'] > .stElementContainer:not(:first-child) "
        "{ visibility: hidden; }",
    ]
    for position, newest in enumerate(_SLOTS):
        # The slots from newest to oldest when ``newest`` is the newest.
        by_age = [_SLOTS[(position - age) % len(_SLOTS)] for age in range(len(_SLOTS))]
        for shown_age, shown in enumerate(by_age[:-1]):
            condition = f"{chart}:has(.{key}-newest-{newest})"
            condition += "".join(f":not(:has({chart}_{newer} {_DRAWN}))"
                                 for newer in by_age[:shown_age])
            condition += f":has({chart}_{shown} {_DRAWN})"
            hidden = ", ".join(f"{condition} {chart}_{older}" for older in by_age[shown_age + 1:])
            rules.append(f"{hidden} {{ visibility: hidden; }}")
    return "\n".join(rules)


def steady_chart_styles(*keys):
    """Put the CSS of the steady charts ``keys`` in the page, outside the fragment redrawing them.

    The rules do not change between redraws, so a fragment that redraws the
    charts every few tenths of a second need not send them again.
    """
    st.html("<style>\n" + "\n".join(_css(key) for key in keys) + "\n</style>")


class _Built(go.Figure):
    """A figure dict already checked by plotly, which ``st.plotly_chart`` sends as it is.

    Given a plain dict, ``st.plotly_chart`` builds a ``go.Figure`` from it to check
    it; given a figure, it sends ``figure.to_dict()``. This one skips plotly's
    constructor: its dict is ready (``tests/test_streamlit_internals.py``).
    """

    def __init__(self, spec):  # noqa: D107 — no super().__init__: that is the cost avoided
        self._spec = spec

    def to_dict(self):
        return self._spec


def steady_plotly_chart(figure, key):
    """Draw ``figure`` where the last figure drawn under ``key`` was, with no blank frame between.

    The page calls :func:`steady_chart_styles` with ``key`` once per run of the whole page.

    Parameters
    ----------
    figure : plotly.graph_objects.Figure or dict
        A dict is a figure dict plotly made (``Figure.to_dict()``), perhaps with
        new points (:class:`seq2seq_core.figures.live.LiveFigures`); it is sent
        without being checked again. Pass the same object again when nothing
        changed: the chart is then not redrawn.
    key : str
        Names the chart across reruns; its container has the CSS class
        ``st-key-<key>``.
    """
    state = st.session_state.setdefault(f"_steady_chart_{key}",
                                        {"figures": {}, "newest": _SLOTS[-1]})
    figures, newest = state["figures"], state["newest"]
    # The figure shown, passed again (the probes' answers change only now and
    # then), does not move to a new slot: the browser would draw it anew.
    if newest not in figures or figures[newest] is not figure:
        newest = _SLOTS[(_SLOTS.index(newest) + 1) % len(_SLOTS)]
        figures[newest], state["newest"] = figure, newest
    with st.container(key=key):
        for slot in _SLOTS:
            with st.container(key=f"{key}_{slot}"):
                if slot in figures:
                    shown = figures[slot]
                    st.plotly_chart(_Built(shown) if isinstance(shown, dict) else shown,
                                    key=f"{key}_plot_{slot}")
        st.html(f'<span class="{key}-newest-{newest}"></span>')

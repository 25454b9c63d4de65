"""Figure of the home page: the encoder → hidden state → decoder diagram of one sequence, as SVG.

A schematic, not a chart of data: plain SVG, so that the first page a visitor
opens does not load plotly's JavaScript. Its colours are its own, on its own
light card, so it reads the same in the light and the dark theme.
"""
from html import escape

from ..data import END, START, TOKEN_LABELS
from ..i18n import t

__all__ = ["seq2seq_diagram"]

_ENCODER_COLOUR, _DECODER_COLOUR, _BOTTLENECK_COLOUR = "#1f6feb", "#8250df", "#d1242f"
_TEXT_COLOUR, _LABEL_COLOUR, _CARD_COLOUR = "#1b1f24", "#57606a", "#ffffff"
_STEP = 44  # px between two time steps
_NODE = 30  # px: side of a token's square, diameter of a state's circle
_GAP = 40  # px between the encoder's last state and the decoder's first
_LEFT, _TOP = 70, 44  # px of room for the row labels and the titles
_ROWS = {"output": 0, "hidden": 1, "input": 2}
_ROW_HEIGHT = 70
_MARKERS = {_ENCODER_COLOUR: "head-encoder", _DECODER_COLOUR: "head-decoder",
            _BOTTLENECK_COLOUR: "head-bottleneck"}
_FONT = "font-family:'Source Sans Pro','Source Sans 3',sans-serif"


def _node(kind, role, x, y, label, colour):
    """A token (square) or a state (circle) centred on ``(x, y)`` with its label."""
    half = _NODE / 2
    if kind == "token":
        shape = (f'<rect x="{x - half}" y="{y - half}" width="{_NODE}" height="{_NODE}" rx="3" '
                 f'fill="{_CARD_COLOUR}" stroke="{colour}" stroke-width="2"/>')
    else:
        shape = (f'<circle cx="{x}" cy="{y}" r="{half}" fill="{_CARD_COLOUR}" stroke="{colour}" '
                 f'stroke-width="2"/>')
    size = 8 if len(label) > 3 else 12
    return (f'{shape}<text class="{role}" x="{x}" y="{y}" font-size="{size}" fill="{_TEXT_COLOUR}" '
            f'text-anchor="middle" dominant-baseline="central">{label}</text>')


def _arrow(start, end, colour, width=1.5, dashed=False):
    """A straight arrow between two node centres, stopping at the nodes' edges."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    trim = _NODE / 2 + 2
    dx, dy = (x1 - x0) / length * trim, (y1 - y0) / length * trim
    dash = ' stroke-dasharray="3 3"' if dashed else ""
    return (f'<line x1="{x0 + dx:.1f}" y1="{y0 + dy:.1f}" x2="{x1 - dx:.1f}" y2="{y1 - dy:.1f}" '
            f'stroke="{colour}" stroke-width="{width}"{dash} '
            f'marker-end="url(#{_MARKERS[colour]})"/>')


def _arrow_head(colour, name):
    """The marker ending arrows of ``colour``; smaller on the bottleneck's thick line."""
    size = 4 if colour == _BOTTLENECK_COLOUR else 6
    return (f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="{size}" '
            f'markerHeight="{size}" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            '</marker>')


def _state_label(name, index):
    """``h`` with its index as a subscript, e.g. h₃ or h'₃."""
    return f'{name}<tspan baseline-shift="sub" font-size="8">{index}</tspan>'


def seq2seq_diagram(digits, lang):
    """How the seq2seq model reverses ``digits``, e.g. ``[2, 4, 7, 1, 3]``: tokens, states, arrows.

    Returns
    -------
    str
        One ``<svg>`` element. Its texts carry classes by role, in time order:
        ``encoder-input`` (the digits, then ``<END>``), ``encoder-state``
        (``h_1 … h_T``), ``decoder-input`` (``<START>``, then the decoder's own
        outputs), ``decoder-state`` and ``decoder-output`` (the digits reversed,
        then ``<END>``). The thick red arrow is all the decoder gets from the encoder.
    """
    digits = [int(d) for d in digits]
    steps = len(digits) + 1
    encoder_inputs = [TOKEN_LABELS[d] for d in digits] + [TOKEN_LABELS[END]]
    outputs = [TOKEN_LABELS[d] for d in reversed(digits)] + [TOKEN_LABELS[END]]
    decoder_inputs = [TOKEN_LABELS[START]] + outputs[:-1]
    encoder_x = [_LEFT + _NODE / 2 + i * _STEP for i in range(steps)]
    decoder_x = [encoder_x[-1] + _STEP + _GAP + j * _STEP for j in range(steps)]
    row_y = {row: _TOP + _NODE / 2 + index * _ROW_HEIGHT for row, index in _ROWS.items()}
    width = decoder_x[-1] + _NODE / 2 + 12
    height = row_y["input"] + _NODE / 2 + 12

    inputs_y, hidden_y, outputs_y = row_y["input"], row_y["hidden"], row_y["output"]

    parts = []
    for i, x in enumerate(encoder_x):
        parts.append(_arrow((x, inputs_y), (x, hidden_y), _ENCODER_COLOUR))
        if i:
            parts.append(_arrow((encoder_x[i - 1], hidden_y), (x, hidden_y), _ENCODER_COLOUR))
    parts.append(_arrow((encoder_x[-1], hidden_y), (decoder_x[0], hidden_y),
                        _BOTTLENECK_COLOUR, width=4))
    for j, x in enumerate(decoder_x):
        parts.append(_arrow((x, inputs_y), (x, hidden_y), _DECODER_COLOUR))
        parts.append(_arrow((x, hidden_y), (x, outputs_y), _DECODER_COLOUR))
        if j:
            parts.append(_arrow((decoder_x[j - 1], hidden_y), (x, hidden_y), _DECODER_COLOUR))
            # The greedy loop: what the decoder wrote is what it reads next.
            parts.append(_arrow((decoder_x[j - 1], outputs_y), (x, inputs_y), _DECODER_COLOUR,
                                width=0.8, dashed=True))
    for i, x in enumerate(encoder_x):
        parts.append(_node("token", "encoder-input", x, inputs_y, escape(encoder_inputs[i]),
                           _ENCODER_COLOUR))
        parts.append(_node("state", "encoder-state", x, hidden_y, _state_label("h", i + 1),
                           _ENCODER_COLOUR))
    for j, x in enumerate(decoder_x):
        parts.append(_node("token", "decoder-input", x, inputs_y, escape(decoder_inputs[j]),
                           _DECODER_COLOUR))
        parts.append(_node("state", "decoder-state", x, hidden_y, _state_label("h'", j + 1),
                           _DECODER_COLOUR))
        parts.append(_node("token", "decoder-output", x, outputs_y, escape(outputs[j]),
                           _DECODER_COLOUR))

    bottleneck = t("home.model.bottleneck", lang, state=_state_label("h", "T"))
    middle = (encoder_x[-1] + decoder_x[0]) / 2
    parts.append(f'<text class="bottleneck" x="{middle}" y="{hidden_y - 24}" font-size="11" '
                 f'fill="{_BOTTLENECK_COLOUR}" text-anchor="middle">{bottleneck}</text>')
    for role, label, xs, colour in (
        ("encoder", t("home.model.encoder", lang), encoder_x, _ENCODER_COLOUR),
        ("decoder", t("home.model.decoder", lang), decoder_x, _DECODER_COLOUR),
    ):
        parts.append(f'<text class="{role}-title" x="{(xs[0] + xs[-1]) / 2}" y="{_TOP - 22}" '
                     f'font-size="14" font-weight="bold" fill="{colour}" text-anchor="middle">'
                     f'{escape(label)}</text>')
    for row, key in (("input", "home.model.inputs"), ("output", "home.model.outputs")):
        parts.append(f'<text class="row-label" x="{_LEFT - 10}" y="{row_y[row]}" font-size="11" '
                     f'fill="{_LABEL_COLOUR}" text-anchor="end" dominant-baseline="central">'
                     f'{escape(t(key, lang))}</text>')

    heads = "".join(_arrow_head(colour, name) for colour, name in _MARKERS.items())
    title = escape(t("home.model.title", lang))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{title}" '
            f'style="{_FONT}">'
            f'<title>{title}</title><defs>{heads}</defs>'
            f'<rect width="100%" height="100%" rx="8" fill="{_CARD_COLOUR}"/>'
            + "".join(parts) + "</svg>")

"""Figure of the home page: the encoder → hidden state → decoder diagram for one sequence."""
import plotly.graph_objects as go

from ..data import END, START, TOKEN_LABELS
from ..i18n import t

__all__ = ["seq2seq_diagram"]

_INPUT, _HIDDEN, _OUTPUT = 0, 1, 2  # rows of the diagram
_ENCODER_COLOUR, _DECODER_COLOUR, _BOTTLENECK_COLOUR = "#1f6feb", "#8250df", "#d1242f"


def _arrow(figure, start, end, colour, dash=False, width=1.5):
    figure.add_annotation(
        x=end[0], y=end[1], ax=start[0], ay=start[1],
        xref="x", yref="y", axref="x", ayref="y",
        showarrow=True, arrowhead=2, arrowsize=1, arrowwidth=width, arrowcolor=colour,
        standoff=14, startstandoff=14, text="",
    )
    if dash:
        # Plotly arrows cannot be dashed; a dashed line under a faint arrow reads as feedback.
        figure.add_shape(type="line", x0=start[0], y0=start[1], x1=end[0], y1=end[1],
                         line=dict(color=colour, dash="dot", width=1), layer="below")


def seq2seq_diagram(digits, lang):
    """Draw how the seq2seq model reverses ``digits``: every token, state and arrow.

    Parameters
    ----------
    digits : sequence of int, shape-(L,)
        One digit sequence, e.g. ``[2, 4, 7, 1, 3]``.
    lang : {"ko", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        Two scatter traces of nodes. The encoder's has ``L + 1`` inputs (the
        digits, then ``<END>``) and states ``h_1 … h_T``; the decoder's has
        inputs ``<START>`` then its own outputs, states, and the outputs: the
        digits reversed, then ``<END>``. Arrows join them; the thick red one is
        the only thing the decoder gets from the encoder.
    """
    digits = [int(d) for d in digits]
    steps = len(digits) + 1
    encoder_inputs = [TOKEN_LABELS[d] for d in digits] + [TOKEN_LABELS[END]]
    outputs = [TOKEN_LABELS[d] for d in reversed(digits)] + [TOKEN_LABELS[END]]
    decoder_inputs = [TOKEN_LABELS[START]] + outputs[:-1]
    decoder_x = [steps + 1 + j for j in range(steps)]

    figure = go.Figure()
    figure.add_trace(go.Scatter(
        name=t("home.model.encoder", lang),
        x=list(range(steps)) * 2,
        y=[_INPUT] * steps + [_HIDDEN] * steps,
        text=encoder_inputs + [f"h<sub>{i + 1}</sub>" for i in range(steps)],
        mode="markers+text",
        marker=dict(size=40, symbol=["square"] * steps + ["circle"] * steps,
                    color="white", line=dict(color=_ENCODER_COLOUR, width=2)),
        textfont=dict(size=10),
        hoverinfo="skip",
    ))
    figure.add_trace(go.Scatter(
        name=t("home.model.decoder", lang),
        x=decoder_x * 3,
        y=[_INPUT] * steps + [_HIDDEN] * steps + [_OUTPUT] * steps,
        text=decoder_inputs + [f"h'<sub>{j + 1}</sub>" for j in range(steps)] + outputs,
        mode="markers+text",
        marker=dict(size=40, symbol=["square"] * steps + ["circle"] * steps + ["square"] * steps,
                    color="white", line=dict(color=_DECODER_COLOUR, width=2)),
        textfont=dict(size=10),
        hoverinfo="skip",
    ))
    for i in range(steps):
        _arrow(figure, (i, _INPUT), (i, _HIDDEN), _ENCODER_COLOUR)
        if i:
            _arrow(figure, (i - 1, _HIDDEN), (i, _HIDDEN), _ENCODER_COLOUR)
    _arrow(figure, (steps - 1, _HIDDEN), (decoder_x[0], _HIDDEN), _BOTTLENECK_COLOUR, width=4)
    figure.add_annotation(x=(steps - 1 + decoder_x[0]) / 2, y=_HIDDEN + 0.35, showarrow=False,
                          text=t("home.model.bottleneck", lang), font=dict(color=_BOTTLENECK_COLOUR))
    for j, x in enumerate(decoder_x):
        _arrow(figure, (x, _INPUT), (x, _HIDDEN), _DECODER_COLOUR)
        _arrow(figure, (x, _HIDDEN), (x, _OUTPUT), _DECODER_COLOUR)
        if j:
            _arrow(figure, (x - 1, _HIDDEN), (x, _HIDDEN), _DECODER_COLOUR)
            _arrow(figure, (x - 1, _OUTPUT), (x, _INPUT), _DECODER_COLOUR, dash=True, width=0.5)
    for label, x, colour in ((t("home.model.encoder", lang), (steps - 1) / 2, _ENCODER_COLOUR),
                             (t("home.model.decoder", lang), decoder_x[0] + (steps - 1) / 2, _DECODER_COLOUR)):
        figure.add_annotation(x=x, y=_OUTPUT + 0.55, text=f"<b>{label}</b>", showarrow=False,
                              font=dict(color=colour, size=14))
    for row, label in ((_INPUT, t("home.model.inputs", lang)), (_OUTPUT, t("home.model.outputs", lang))):
        figure.add_annotation(x=-0.6, y=row, text=label, showarrow=False, xanchor="right",
                              font=dict(color="#57606a"))
    figure.update_layout(
        showlegend=False,
        height=320,
        margin=dict(l=60, r=10, t=10, b=10),
        xaxis=dict(visible=False, range=[-1.5, decoder_x[-1] + 0.7]),
        yaxis=dict(visible=False, range=[-0.5, _OUTPUT + 0.8]),
        plot_bgcolor="white",
    )
    return figure

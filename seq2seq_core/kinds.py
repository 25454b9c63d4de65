"""The one registry of model kinds, read by training, checkpoints, evaluation, runs and pages.

A new kind is its module (the model and its fast loss) plus one :class:`ModelKind`
entry in :data:`MODEL_KINDS`. A kind may be built with several recurrent cells
(:data:`~seq2seq_core.model.CELLS`); the notebook's relu is every kind's default.
"""
import dataclasses
from typing import Callable, Optional

import numpy as np

from .attention import AttentionSeq2Seq
from .attention_recurrence import attention_loss, attention_trace, predict_attention_tokens
from .baseline import baseline_loss, predict_baseline_tokens
from .cell_recurrence import any_cell_loss
from .data import VOCAB_SIZE
from .model import CELLS, DEFAULT_CELL, RNN, Seq2Seq
from .trace import predict_tokens, trace

__all__ = ["ModelKind", "MODEL_KINDS", "DEFAULT_KIND", "kind_of", "cell_of", "copy_model"]

_LAYER_NAMES = ("fc_x2h.weight", "fc_x2h.bias", "fc_h2h.weight", "fc_h2y.weight", "fc_h2y.bias")


@dataclasses.dataclass(frozen=True)
class ModelKind:
    """One kind of model the app can train, save, load, evaluate and show.

    Attributes
    ----------
    name : str
        Its key in :data:`MODEL_KINDS`, in checkpoints and on the command line.
    model_class : type
        Built as ``model_class(12, D, 12, rng=...)``.
    parts : tuple of str
        Its RNNs, in ``model.parameters`` order (checkpoint names ``"<part>.fc_x2h.weight"`` …).
    extra_parameters : tuple of (str, tuple of str)
        Its other weights, after the RNNs' in ``model.parameters`` order: each name with
        its shape in the letters ``"D"`` (hidden size) and ``"K"`` (classes).
    cells : tuple of str
        The recurrent cells (keys of ``CELLS``) it can be built with; ``("relu",)``, the
        notebook's, unless its ``model_class`` takes a ``cell``.
    loss : callable
        The fast path, ``loss(model, x, targets, workspace=None) -> (loss, logits)``: x
        one-hot shape-(T, N, C), targets shape-(T, N), mean cross-entropy loss shape-(),
        logits shape-(T, N, K); the workspace's scratch arrays are reused by the next call.
    predict : callable
        Greedy tokens without gradients, ``predict(model, digits)``: digits shape-(L, N),
        tokens shape-(L+1, N) (a perfect model: the digits reversed, then ``<END>``).
    pretrained_file : str
        The shipped checkpoint in ``seq2seq_core/pretrained/``.
    trace : callable or None
        ``trace(model, digits) -> Trace`` with encoder and decoder states (the
        hidden-state page); None where the model has none.
    one_pass : bool
        True for a model that must answer while reading (no encoder first).
    attends : bool
        True for a decoder that reads every encoder state (not only the last one).
    """

    name: str
    model_class: type
    parts: tuple
    loss: Callable
    predict: Callable
    pretrained_file: str
    trace: Optional[Callable] = None
    one_pass: bool = False
    attends: bool = False
    extra_parameters: tuple = ()
    cells: tuple = (DEFAULT_CELL,)

    @property
    def label_key(self):
        """str: the i18n key of its name, e.g. ``"kinds.seq2seq"``."""
        return f"kinds.{self.name}"

    @property
    def shipped_label_key(self):
        """str: the i18n key of its shipped pretrained model's name."""
        return f"kinds.{self.name}.shipped"

    def check_cell(self, cell):
        """Raise ValueError unless this kind can be built with ``cell``."""
        if cell not in self.cells:
            raise ValueError(f"a {self.name} model has one of the cells {list(self.cells)}, "
                             f"not {cell!r}")

    def build(self, hidden, rng=None, cell=DEFAULT_CELL):
        """A new model with hidden size ``hidden`` and ``cell``, weights drawn from ``rng``."""
        self.check_cell(cell)
        if len(self.cells) == 1:
            return self.model_class(VOCAB_SIZE, hidden, VOCAB_SIZE, rng=rng)
        return self.model_class(VOCAB_SIZE, hidden, VOCAB_SIZE, rng=rng, cell=cell)

    def parameter_shapes(self, hidden, cell=DEFAULT_CELL):
        """dict of str to tuple: parameter names in ``model.parameters`` order, with shapes.

        A gated cell's input and recurrent layers are B blocks of D columns wide.
        """
        self.check_cell(cell)
        gates = getattr(CELLS[cell], "blocks", 1) * hidden  # the notebook's RNN: one block
        layer_shapes = ((VOCAB_SIZE, gates), (1, gates), (hidden, gates),
                        (hidden, VOCAB_SIZE), (1, VOCAB_SIZE))
        sizes = {"D": hidden, "K": VOCAB_SIZE}
        shapes = {f"{part}.{layer}": shape
                  for part in self.parts for layer, shape in zip(_LAYER_NAMES, layer_shapes)}
        shapes.update((name, tuple(sizes[letter] for letter in letters))
                      for name, letters in self.extra_parameters)
        return shapes


MODEL_KINDS = {
    kind.name: kind
    for kind in (
        ModelKind("seq2seq", Seq2Seq, ("encoder", "decoder"), any_cell_loss, predict_tokens,
                  "seq2seq_notebook.npz", trace=trace, cells=tuple(CELLS)),
        ModelKind("attention", AttentionSeq2Seq, ("encoder", "decoder"), attention_loss,
                  predict_attention_tokens, "seq2seq_attention.npz", trace=attention_trace,
                  attends=True,
                  extra_parameters=(("fc_score.weight", "DD"), ("fc_c2y.weight", "DK"))),
        ModelKind("baseline", RNN, ("rnn",), baseline_loss, predict_baseline_tokens,
                  "baseline_rnn.npz", one_pass=True),
    )
}
DEFAULT_KIND = "seq2seq"


def kind_of(model):
    """ModelKind: the registry entry of ``model`` (TypeError for anything else)."""
    for kind in MODEL_KINDS.values():
        if type(model) is kind.model_class:
            return kind
    raise TypeError(f"not a model of a known kind: {type(model).__name__}")


def cell_of(model):
    """str: the key in ``CELLS`` of ``model``'s cell; ``"relu"`` if its kind has no choice."""
    return getattr(model, "cell", DEFAULT_CELL)


def copy_model(model):
    """A new model of the same kind, cell and hidden size D with copies of ``model``'s weights."""
    copy = kind_of(model).build(model.dim_recurrent, rng=np.random.default_rng(0),
                                cell=cell_of(model))
    for target, source in zip(copy.parameters, model.parameters):
        target.data = source.data.copy()
    return copy

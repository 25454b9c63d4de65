"""seq2seq_core: the course notebook's seq2seq digit reverser as a tested, fast engine.

The notebook's names are here with the notebook's meaning (``generate_batch``,
``one_hot_encode_prediction``, ``RNN``, ``Seq2Seq``); everything the app shows
comes from this package, which never imports streamlit.
"""
from .checkpoint import (
    Checkpoint,
    CheckpointError,
    load_checkpoint,
    load_pretrained,
    save_checkpoint,
)
from .data import END, START, VOCAB_SIZE, SequenceInputError, generate_batch, parse_sequence
from .evaluate import LengthEvaluation, evaluate_lengths, wilson_interval
from .model import RNN, Seq2Seq, one_hot_encode_prediction, seq2seq
from .trace import Trace, predict_tokens, trace
from .train import HyperparameterError, Hyperparameters, Status, Trainer

__all__ = [
    "START", "END", "VOCAB_SIZE",
    "generate_batch", "parse_sequence", "SequenceInputError",
    "RNN", "Seq2Seq", "seq2seq", "one_hot_encode_prediction",
    "Hyperparameters", "HyperparameterError", "Status", "Trainer",
    "Trace", "trace", "predict_tokens",
    "LengthEvaluation", "evaluate_lengths", "wilson_interval",
    "Checkpoint", "CheckpointError", "save_checkpoint", "load_checkpoint", "load_pretrained",
]

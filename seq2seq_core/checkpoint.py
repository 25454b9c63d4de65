"""Checkpoints: one ``.npz`` file with weights, hyperparameters, history and a format version.

A file also names its model's kind (``"seq2seq"`` or the one-pass ``"baseline"``
RNN, see :data:`~seq2seq_core.kinds.MODEL_KINDS`); files without it are seq2seq.

Loading trusts nothing in the file: it refuses pickles, checks every key, shape,
dtype and value, and raises :class:`CheckpointError` for anything else, so an
uploaded file can never crash the app or run code.
"""
import dataclasses
import io
import json
import zipfile
from importlib import resources

import numpy as np

from .kinds import DEFAULT_KIND, MODEL_KINDS, kind_of
from .train import METRIC_NAMES, HyperparameterError, Hyperparameters

__all__ = [
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointError",
    "parameter_shapes",
    "save_checkpoint",
    "checkpoint_bytes",
    "load_checkpoint",
    "load_pretrained",
]

FORMAT_VERSION = 1
MAX_BYTES = 20 * 2**20  # far above any real checkpoint (hidden 512 is ~4 MB), below a memory hazard



def parameter_shapes(hidden, kind=DEFAULT_KIND):
    """The parameter names of a model of ``kind`` (a key of ``MODEL_KINDS``), in order, with shapes.

    Returns
    -------
    dict of str to tuple
        e.g. ``"encoder.fc_x2h.weight": (12, D)``.
    """
    return MODEL_KINDS[kind].parameter_shapes(hidden)


class CheckpointError(ValueError):
    """A file that is not a usable checkpoint.

    Attributes
    ----------
    reason : str
        ``"not_npz"``, ``"too_large"``, ``"version"``, ``"missing"``, ``"shape"``,
        ``"dtype"``, ``"not_finite"`` or ``"metadata"``: a key the app turns into a
        message in the user's language.
    detail : str
        What exactly was wrong (a key name, a shape), for the message.
    """

    def __init__(self, reason, detail=""):
        self.reason, self.detail = reason, detail
        super().__init__(f"not a usable checkpoint ({reason}){': ' + detail if detail else ''}")


@dataclasses.dataclass
class Checkpoint:
    """A trained model with what produced it.

    Attributes
    ----------
    model : Seq2Seq or RNN
    hyperparameters : Hyperparameters
    history : dict of str to ndarray, shape-(iterations_done,)
        ``loss``, ``token_accuracy``, ``sequence_accuracy`` per iteration.
    """

    model: object
    hyperparameters: Hyperparameters
    history: dict

    @property
    def kind(self):
        """{"seq2seq", "baseline"}: which model this is."""
        return kind_of(self.model).name


def _arrays(model, hyperparameters, history):
    kind = kind_of(model).name
    names = parameter_shapes(hyperparameters.hidden, kind=kind)
    arrays = {name: p.data for name, p in zip(names, model.parameters)}
    arrays.update({f"history.{name}": np.asarray(history[name], dtype=np.float32)
                   for name in METRIC_NAMES})
    arrays["format_version"] = np.array(FORMAT_VERSION)
    arrays["hyperparameters"] = np.array(json.dumps(hyperparameters.to_dict()))
    arrays["kind"] = np.array(kind)
    return arrays


def save_checkpoint(file, model, hyperparameters, history):
    """Write a checkpoint (compressed ``.npz``).

    Parameters
    ----------
    file : str, os.PathLike or binary file object
    model : Seq2Seq or RNN
    hyperparameters : Hyperparameters
        Must match the model (``hidden`` = the model's D).
    history : dict of str to array_like
        The metrics per iteration, as :attr:`Trainer.history`.
    """
    np.savez_compressed(file, **_arrays(model, hyperparameters, history))


def checkpoint_bytes(model, hyperparameters, history):
    """The bytes of :func:`save_checkpoint`, for a download button."""
    buffer = io.BytesIO()
    save_checkpoint(buffer, model, hyperparameters, history)
    return buffer.getvalue()


def _read_npz(file):
    if isinstance(file, (bytes, bytearray)):
        file = io.BytesIO(file)
    if hasattr(file, "seek") and hasattr(file, "tell"):
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
        if size > MAX_BYTES:
            raise CheckpointError("too_large", f"{size} bytes")
    try:
        with np.load(file, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError, RuntimeError) as error:
        # np.load raises ValueError for pickled arrays and for files that are not
        # .npy/.npz at all; BadZipFile/EOFError/OSError for truncated archives.
        raise CheckpointError("not_npz", type(error).__name__) from None


def _kind(arrays):
    if "kind" not in arrays:
        return DEFAULT_KIND  # written before the baseline existed
    kind = arrays["kind"]
    if kind.shape != () or kind.dtype.kind != "U" or str(kind) not in MODEL_KINDS:
        raise CheckpointError("metadata", "kind")
    return str(kind)


def _metadata(arrays):
    for key in ("format_version", "hyperparameters"):
        if key not in arrays:
            raise CheckpointError("missing", key)
    version = arrays["format_version"]
    if version.shape != () or version.dtype.kind not in "iu" or int(version) != FORMAT_VERSION:
        raise CheckpointError("version", str(version))
    text = arrays["hyperparameters"]
    if text.shape != () or text.dtype.kind != "U":
        raise CheckpointError("metadata", "hyperparameters")
    try:
        values = json.loads(str(text))
        if not isinstance(values, dict):
            raise TypeError
        return Hyperparameters.from_dict(values)
    except (json.JSONDecodeError, TypeError, HyperparameterError) as error:
        raise CheckpointError("metadata", str(error)) from None


def load_checkpoint(file):
    """Read and validate a checkpoint.

    Parameters
    ----------
    file : str, os.PathLike, bytes or binary file object

    Returns
    -------
    Checkpoint

    Raises
    ------
    CheckpointError
        For anything but a complete, consistent, finite checkpoint of this format.
    """
    arrays = _read_npz(file)
    hyperparameters = _metadata(arrays)
    kind = _kind(arrays)
    model = MODEL_KINDS[kind].build(hyperparameters.hidden, rng=np.random.default_rng(0))
    for (name, shape), parameter in zip(parameter_shapes(hyperparameters.hidden, kind=kind).items(),
                                        model.parameters):
        if name not in arrays:
            raise CheckpointError("missing", name)
        value = arrays[name]
        if value.dtype != np.float32:
            raise CheckpointError("dtype", f"{name}: {value.dtype}")
        if value.shape != shape:
            raise CheckpointError("shape", f"{name}: {value.shape} ≠ {shape}")
        if not np.isfinite(value).all():
            raise CheckpointError("not_finite", name)
        parameter.data = value.copy()
    history = {}
    for name in METRIC_NAMES:
        key = f"history.{name}"
        if key not in arrays:
            raise CheckpointError("missing", key)
        value = arrays[key]
        if value.ndim != 1 or value.dtype.kind != "f" or len(value) > hyperparameters.iterations:
            raise CheckpointError("shape", key)
        history[name] = value.astype(np.float64)
    if len({len(values) for values in history.values()}) != 1:
        raise CheckpointError("shape", "history lengths differ")
    return Checkpoint(model, hyperparameters, history)


def load_pretrained(kind=DEFAULT_KIND):
    """A fresh copy of the shipped model of ``kind`` (its ``ModelKind.pretrained_file``).

    Returns
    -------
    Checkpoint
        The caller may train or change it.
    """
    file = MODEL_KINDS[kind].pretrained_file
    data = resources.files(__package__).joinpath("pretrained", file).read_bytes()
    return load_checkpoint(data)

"""Checkpoints: one ``.npz`` with a model's kind, cell, weights, hyperparameters, history, format.

Loading trusts nothing in the file: no pickles; every key, shape, dtype and value
checked, and each entry's size decided from the zip directory and ``.npy`` headers
(:mod:`~seq2seq_core.npz_archive`) before any array is read; anything else raises
:class:`CheckpointError`. Files without a kind are seq2seq; files without a cell are
the notebook's relu (both written before those choices existed).
"""
import contextlib
import dataclasses
import io
import json
import os
from importlib import resources

import numpy as np

from .kinds import DEFAULT_KIND, MODEL_KINDS, cell_of, kind_of
from .model import DEFAULT_CELL
from .npz_archive import NpzArchive
from .train import METRIC_NAMES, HyperparameterError, Hyperparameters

__all__ = [
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointError",
    "checkpoint_bytes",
    "load_checkpoint",
    "load_pretrained",
    "parameter_shapes",
    "save_checkpoint",
]

FORMAT_VERSION = 1
# far above any real checkpoint (hidden 512 is ~4 MB, ~9 MB for an LSTM), below a memory hazard
MAX_BYTES = 20 * 2**20
# Uncompressed: hidden 512 weights (2.2 MB, an LSTM's 8.7 MB) and 200 000 iterations of
# history, even as float64 (4.8 MB) or long double (9.6 MB).
MAX_UNCOMPRESSED = 32 * 2**20
# The metadata entries, read before anything else, and their largest size in bytes
# (a hyperparameters JSON of at most 2000 characters).
_METADATA_BYTES = {"format_version": 16, "hyperparameters": 4 * 2000, "kind": 4 * 32,
                   "cell": 4 * 32}
_METADATA_REASONS = {"format_version": "version", "hyperparameters": "metadata",
                     "kind": "metadata", "cell": "metadata"}



def parameter_shapes(hidden, kind=DEFAULT_KIND, cell=DEFAULT_CELL):
    """dict of str to tuple: parameter names and shapes of a model of ``kind``, ``cell``, size D."""
    return MODEL_KINDS[kind].parameter_shapes(hidden, cell)


class CheckpointError(ValueError):
    """A file that is not a usable checkpoint.

    Attributes
    ----------
    reason : str
        ``"not_npz"``, ``"too_large"``, ``"version"``, ``"missing"``, ``"unexpected"``,
        ``"shape"``, ``"dtype"``, ``"not_finite"``, ``"metadata"`` or ``"cell"`` (another
        cell than the one asked for): the key of the user's message
        (``training.upload.<reason>``).
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
    model : a model of any kind in :data:`~seq2seq_core.kinds.MODEL_KINDS`
    hyperparameters : Hyperparameters
    history : dict of str to ndarray, shape-(iterations_done,)
        ``loss``, ``token_accuracy``, ``sequence_accuracy`` per iteration.
    """

    model: object
    hyperparameters: Hyperparameters
    history: dict

    @property
    def kind(self):
        """str: the model's kind, a key of ``MODEL_KINDS``."""
        return kind_of(self.model).name

    @property
    def cell(self):
        """str: the model's recurrent cell, a key of :data:`~seq2seq_core.model.CELLS`."""
        return cell_of(self.model)


def _arrays(model, hyperparameters, history):
    kind, cell = kind_of(model).name, cell_of(model)
    names = parameter_shapes(hyperparameters.hidden, kind=kind, cell=cell)
    arrays = {name: p.data for name, p in zip(names, model.parameters)}
    arrays.update({f"history.{name}": np.asarray(history[name], dtype=np.float32)
                   for name in METRIC_NAMES})
    arrays["format_version"] = np.array(FORMAT_VERSION)
    arrays["hyperparameters"] = np.array(json.dumps(hyperparameters.to_dict()))
    arrays["kind"] = np.array(kind)
    arrays["cell"] = np.array(cell)
    return arrays


def save_checkpoint(file, model, hyperparameters, history):
    """Write a checkpoint (compressed ``.npz``).

    Parameters
    ----------
    file : str, os.PathLike or binary file object
    model : a model of any kind in ``MODEL_KINDS``
    hyperparameters : Hyperparameters
        Those of the model (``hidden`` = its D).
    history : dict of str to array_like
        The metrics per iteration, as :attr:`Trainer.history`.
    """
    np.savez_compressed(file, **_arrays(model, hyperparameters, history))


def checkpoint_bytes(model, hyperparameters, history):
    """The bytes of :func:`save_checkpoint`, for a download button."""
    buffer = io.BytesIO()
    save_checkpoint(buffer, model, hyperparameters, history)
    return buffer.getvalue()


def _file_bytes(file):
    """The file's bytes, refused as ``"too_large"`` past MAX_BYTES before reading them."""
    if isinstance(file, (bytes, bytearray, memoryview)):
        data = bytes(file)
        if len(data) > MAX_BYTES:
            raise CheckpointError("too_large", f"{len(data)} bytes")
        return data
    try:
        with contextlib.ExitStack() as stack:
            if isinstance(file, (str, os.PathLike)):
                file = stack.enter_context(open(file, "rb"))
            if hasattr(file, "seek") and hasattr(file, "tell"):
                file.seek(0, io.SEEK_END)
                size = file.tell()
                file.seek(0)
                if size > MAX_BYTES:
                    raise CheckpointError("too_large", f"{size} bytes")
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise CheckpointError("not_npz", type(error).__name__) from None
    if len(data) > MAX_BYTES:
        raise CheckpointError("too_large", f"more than {MAX_BYTES} bytes")
    return data


def _read_npz(file):
    """The checkpoint's entries as an :class:`NpzArchive`: headers read, arrays not yet."""
    entries = len(_METADATA_BYTES) + len(METRIC_NAMES) + max(
        len(parameter_shapes(1, kind=kind)) for kind in MODEL_KINDS)
    return NpzArchive(_file_bytes(file), max_entries=entries, max_bytes=MAX_UNCOMPRESSED,
                      error=CheckpointError)


def _read_metadata(archive):
    """The metadata arrays present, each read only if its header is small."""
    arrays = {}
    for key, limit in _METADATA_BYTES.items():
        if key in archive.headers:
            if archive.headers[key].nbytes > limit:
                raise CheckpointError(_METADATA_REASONS[key],
                                      f"{key}: {archive.headers[key].nbytes} bytes")
            arrays[key] = archive.read(key)
    return arrays


def _kind(arrays):
    if "kind" not in arrays:
        return DEFAULT_KIND  # written before the baseline existed
    kind = arrays["kind"]
    if kind.shape != () or kind.dtype.kind != "U" or str(kind) not in MODEL_KINDS:
        raise CheckpointError("metadata", "kind")
    return str(kind)


def _cell(arrays, kind):
    if "cell" not in arrays:
        return DEFAULT_CELL  # written before the cell was a choice
    cell = arrays["cell"]
    if cell.shape != () or cell.dtype.kind != "U" or str(cell) not in MODEL_KINDS[kind].cells:
        raise CheckpointError("metadata", "cell")
    return str(cell)


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
    except (json.JSONDecodeError, TypeError, HyperparameterError, RecursionError) as error:
        raise CheckpointError("metadata", str(error)) from None


def load_checkpoint(file, cell=None):
    """Read and validate a checkpoint.

    Parameters
    ----------
    file : str, os.PathLike, bytes or binary file object
    cell : str, optional
        The recurrent cell the caller needs (a key of ``CELLS``); a checkpoint of
        another cell is refused. Any cell when omitted.

    Returns
    -------
    Checkpoint

    Raises
    ------
    CheckpointError
        For anything but a complete, consistent, finite checkpoint of this format
        (and of ``cell``, if given).
    """
    archive = _read_npz(file)
    arrays = _read_metadata(archive)
    hyperparameters = _metadata(arrays)
    kind = _kind(arrays)
    file_cell = _cell(arrays, kind)
    if cell is not None and file_cell != cell:
        raise CheckpointError("cell", f"{file_cell} ≠ {cell}")
    model = MODEL_KINDS[kind].build(hyperparameters.hidden, rng=np.random.default_rng(0),
                                    cell=file_cell)
    shapes = parameter_shapes(hyperparameters.hidden, kind=kind, cell=file_cell)
    _check_headers(archive.headers, shapes, hyperparameters.iterations)
    for name, parameter in zip(shapes, model.parameters):
        value = archive.read(name)
        if not np.isfinite(value).all():
            raise CheckpointError("not_finite", name)
        parameter.data = np.ascontiguousarray(value)
    history = {name: archive.read(f"history.{name}").astype(np.float64) for name in METRIC_NAMES}
    return Checkpoint(model, hyperparameters, history)


def _check_headers(headers, shapes, iterations):
    """Refuse missing or extra entries, and weights or history of the wrong dtype or shape.

    ``shapes`` as :func:`parameter_shapes`; no history is longer than ``iterations``.
    """
    history_keys = [f"history.{name}" for name in METRIC_NAMES]
    for key in [*shapes, *history_keys]:
        if key not in headers:
            raise CheckpointError("missing", key)
    unexpected = set(headers) - set(_METADATA_BYTES) - set(shapes) - set(history_keys)
    if unexpected:
        raise CheckpointError("unexpected", ", ".join(sorted(unexpected)))
    for name, shape in shapes.items():
        if headers[name].dtype != np.float32:
            raise CheckpointError("dtype", f"{name}: {headers[name].dtype}")
        if headers[name].shape != shape:
            raise CheckpointError("shape", f"{name}: {headers[name].shape} ≠ {shape}")
    for key in history_keys:
        shape, dtype = headers[key].shape, headers[key].dtype
        if len(shape) != 1 or dtype.kind != "f" or shape[0] > iterations:
            raise CheckpointError("shape", key)
    if len({headers[key].shape for key in history_keys}) != 1:
        raise CheckpointError("shape", "history lengths differ")


def load_pretrained(kind=DEFAULT_KIND):
    """Checkpoint: a fresh copy (the caller may change it) of the shipped model of ``kind``."""
    file = MODEL_KINDS[kind].pretrained_file
    data = resources.files(__package__).joinpath("pretrained", file).read_bytes()
    return load_checkpoint(data)

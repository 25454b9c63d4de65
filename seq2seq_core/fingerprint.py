"""A model known by its weights: a short hash of them, and whether they are the shipped ones."""
import functools
import hashlib

import numpy as np

from .checkpoint import load_pretrained
from .kinds import cell_of, kind_of

__all__ = ["model_fingerprint", "is_pretrained"]


def model_fingerprint(model):
    """Hash the cell and every weight (and its shape) of a model of any kind in ``MODEL_KINDS``.

    Returns
    -------
    str
        16 hex digits: equal cells and weights, equal fingerprint; a cache key for
        results computed from the model. Kinds never share one (their shapes differ),
        nor do cells (a tanh model can have a relu model's weights).
    """
    digest = hashlib.sha256(cell_of(model).encode())
    for parameter in model.parameters:
        data = np.ascontiguousarray(parameter.data)
        digest.update(str(data.shape).encode())
        digest.update(data.tobytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=None)
def _pretrained_fingerprint(kind):
    # A string, so nothing mutable is shared between sessions.
    return model_fingerprint(load_pretrained(kind).model)


def is_pretrained(model):
    """bool: whether ``model`` has exactly the weights shipped for its kind (not after one step)."""
    return model_fingerprint(model) == _pretrained_fingerprint(kind_of(model).name)

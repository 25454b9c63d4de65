"""A seeded Glorot initializer: reproducible weights without NumPy's global generator."""
import mygrad as mg
import numpy as np

__all__ = ["glorot_normal_from"]


def glorot_normal_from(rng):
    """Return an initializer like MyGrad's ``glorot_normal`` that draws from ``rng``.

    MyGrad's initializer draws from NumPy's global generator; a seeded
    ``numpy.random.Generator`` makes a model reproducible without touching global
    state, which matters when many users train in one server process.

    Parameters
    ----------
    rng : numpy.random.Generator

    Returns
    -------
    Callable[[int, int], mygrad.Tensor]
        ``init(fan_in, fan_out)`` → float32 Tensor, shape-(fan_in, fan_out), drawn
        from N(0, sqrt(2 / (fan_in + fan_out))), the same law as ``glorot_normal``.
    """

    def init(fan_in, fan_out, **kwargs):
        std = np.sqrt(2 / (fan_in + fan_out))
        return mg.Tensor(rng.normal(0, std, (fan_in, fan_out)), dtype=np.float32)

    return init

"""Single-threaded BLAS for the many tiny matrix products of training and evaluation.

Products of (100, 50) by (50, 50) are too small to gain from a second thread, and
on a shared machine (a class on one server) a BLAS thread that waits for a busy
core makes an iteration several times slower. Measured with
``benchmarks/train_speed.py`` while another process kept a core busy: 1.3 ms per
iteration with one thread, up to 6.5 ms with two.
"""
import contextlib

from threadpoolctl import ThreadpoolController

__all__ = ["single_threaded_blas"]

_controller = None


def single_threaded_blas():
    """A context manager that limits BLAS to one thread while it is open."""
    global _controller
    if _controller is None:  # inspecting the loaded libraries takes a few ms: do it once
        _controller = ThreadpoolController()
    if not _controller.select(user_api="blas").lib_controllers:
        return contextlib.nullcontext()
    return _controller.limit(limits=1, user_api="blas")

"""One BLAS thread for the many tiny matrix products of training and evaluation.

Products of (100, 50) by (50, 50) are too small to gain from a second thread, and
on a shared machine (a class on one server) a BLAS thread that waits for a busy
core makes an iteration several times slower. Measured with
``benchmarks/train_speed.py`` while another process kept a core busy: 1.3 ms per
iteration with one thread, up to 6.5 ms with two.

The limit is set once for the whole process and never undone. OpenBLAS has one
thread pool per process; threadpoolctl lets only one Python thread change it
(the others' changes are silently ignored while that thread lives); and
Streamlit runs every session in threads of its own. A limit set on entering a
block and restored on leaving it handed the other sessions two BLAS threads in
the middle of their runs: slower, and with sums that differ in the last bits, so
the same seed no longer gave the same run (``benchmarks/classroom_load.py``
found it with two sessions training at once). Nothing in the app gains from a
second BLAS thread.
"""
import threading

from threadpoolctl import ThreadpoolController

__all__ = ["use_one_blas_thread"]

_lock = threading.Lock()
_limited = False


def use_one_blas_thread():
    """Limit BLAS to one thread for the rest of the process; later calls cost nothing."""
    global _limited
    if _limited:
        return
    with _lock:
        if not _limited:
            ThreadpoolController().limit(limits=1, user_api="blas")
            _limited = True

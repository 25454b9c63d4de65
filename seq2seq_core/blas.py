"""One BLAS thread for the many tiny matrix products of training and evaluation.

Products of (100, 50) by (50, 50) gain nothing from a second thread, and on a shared
server a BLAS thread that waits for a busy core makes an iteration several times slower.
"""
import threading

from threadpoolctl import ThreadpoolController

__all__ = ["use_one_blas_thread"]

# Set once for the whole process and never undone: OpenBLAS has one thread pool per
# process, and threadpoolctl lets only one Python thread change it. A limit restored
# on leaving a block handed other sessions two threads mid-run: slower, and with other
# rounding, so a seed no longer reproduced its run.
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

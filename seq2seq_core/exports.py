"""A run's metrics as a file to download."""
import io

import numpy as np

from .train import METRIC_NAMES

__all__ = ["metrics_csv"]


def metrics_csv(history):
    """The metrics of a run as CSV text, one row per iteration.

    Parameters
    ----------
    history : dict of str to ndarray, shape-(n,)
        ``loss``, ``token_accuracy``, ``sequence_accuracy``.

    Returns
    -------
    str
        A header ``iteration,loss,token_accuracy,sequence_accuracy`` and ``n``
        rows; iterations count from 1.
    """
    columns = [np.arange(1, len(history["loss"]) + 1)] + [history[name] for name in METRIC_NAMES]
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack(columns), delimiter=",", fmt=["%d"] + ["%.6g"] * len(METRIC_NAMES),
               header=",".join(("iteration",) + METRIC_NAMES), comments="")
    return buffer.getvalue()

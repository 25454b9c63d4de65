"""A run's metrics as a file to download."""
import io

import numpy as np

from .train import METRIC_NAMES

__all__ = ["metrics_csv"]


def metrics_csv(history):
    """str: a run's ``history`` (shape-(n,) per metric) as CSV, a row per iteration from 1."""
    columns = [np.arange(1, len(history["loss"]) + 1)] + [history[name] for name in METRIC_NAMES]
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack(columns), delimiter=",",
               fmt=["%d"] + ["%.6g"] * len(METRIC_NAMES),
               header=",".join(("iteration",) + METRIC_NAMES), comments="")
    return buffer.getvalue()

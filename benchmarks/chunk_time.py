"""How long one rerun of the training page's live panel keeps its thread busy, per setting.

A rerun trains one chunk (``RunBook.advance(CHUNK_SECONDS)``) and, when the
charts are due, builds them: the curves, the three plotly figures serialised as
the page sends them, and the probe predictions. This times exactly those core
calls, without a server, for the notebook's defaults and the sliders' extremes.
The target is ≤ 0.2 s per rerun, so that pause acts at once and the server's
other work is never held up for long.

    python -m benchmarks.chunk_time [--reruns 40]

A chunk can overrun its budget by one iteration (the deadline is checked
between iterations), so settings whose single iteration takes longer than the
budget cannot meet it; the table shows the time of one iteration for each.
"""
import argparse
import time

import numpy as np

from seq2seq_core.figures.training import accuracy_figure, loss_figure, probe_figure
from seq2seq_core.runs import CHUNK_SECONDS, RunBook, probe_predictions, probe_sequences, training_curves
from seq2seq_core.train import Hyperparameters

TARGET_SECONDS = 0.2
SETTINGS = {
    "notebook defaults (D 50, N 100, L 1–20)": Hyperparameters(),
    "largest model (D 256)": Hyperparameters(hidden=256),
    "largest batch (N 500)": Hyperparameters(batch_size=500),
    "D 256, N 500, L 1–30": Hyperparameters(hidden=256, batch_size=500, max_len=30),
    "D 256, N 500, L 30 only": Hyperparameters(hidden=256, batch_size=500, min_len=30, max_len=30),
}


def rerun_seconds(book, lang="en"):
    """float: one rerun's work: a chunk of training and the charts."""
    began = time.perf_counter()
    book.advance(CHUNK_SECONDS)
    run = book.active
    curves = training_curves(run.history, run.hyperparameters.iterations)
    for figure in (loss_figure(curves, run.hyperparameters.iterations, lang),
                   accuracy_figure(curves, run.hyperparameters.iterations, lang),
                   probe_figure(probe_predictions(run.model, probe_sequences()), lang)):
        figure.to_json()  # what st.plotly_chart sends
    return time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=40)
    args = parser.parse_args()
    print(f"chunk budget {CHUNK_SECONDS} s; target ≤ {TARGET_SECONDS} s per rerun; {args.reruns} reruns each")
    for name, hyperparameters in SETTINGS.items():
        book = RunBook()
        book.start(hyperparameters)
        rerun_seconds(book)  # warm-up: buffers, first figures
        times = np.array([rerun_seconds(book) for _ in range(args.reruns)])
        trainer = book.active.trainer
        per_iteration = trainer.seconds / trainer.iteration
        verdict = "within" if times.max() <= TARGET_SECONDS else "ABOVE"
        print(f"{name:42s} rerun median {np.median(times):.3f} s, max {times.max():.3f} s ({verdict}); "
              f"one iteration {per_iteration * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""How long the training page's two pieces of work take, per setting: one chunk and one redraw.

A session's run trains in its own thread, one chunk per turn
(``RunBook.advance(CHUNK_SECONDS)``); while it holds the turn, no other
session trains. Every 0.4 s or so the page's live panel redraws: the curves,
the probe predictions and the three figures
(:class:`~seq2seq_core.figures.live.LiveFigures`), each sent three times as
``st.plotly_chart`` sends them (``pages/_steady_chart.py`` sends every slot).
This times exactly those core calls, without a server, for the notebook's
defaults and the sliders' extremes. The target is ≤ 0.2 s for each, so that
pause acts at once and neither other sessions nor the server's other work wait
long. Beside the redraw, in the same run: the same redraw with the three
figures built from scratch by plotly, as the page did before ``LiveFigures``,
and how many times faster the live redraw is.

    python -m benchmarks.chunk_time [--reruns 40]

A chunk can overrun its budget by one iteration (the deadline is checked
between iterations), so settings whose single iteration takes longer than the
budget cannot meet it; the table shows the time of one iteration for each.
"""
import argparse
import time

import numpy as np
import plotly.io
import plotly.tools

from seq2seq_core.curves import training_curves
from seq2seq_core.figures.live import LiveFigures
from seq2seq_core.figures.training import accuracy_figure, loss_figure, probe_figure
from seq2seq_core.probes import probe_predictions, probe_sequences
from seq2seq_core.runs import RunBook
from seq2seq_core.train import Hyperparameters
from seq2seq_core.worker import CHUNK_SECONDS

TARGET_SECONDS = 0.2
SETTINGS = {
    "notebook defaults (D 50, N 100, L 1–20)": Hyperparameters(),
    "largest model (D 256)": Hyperparameters(hidden=256),
    "largest batch (N 500)": Hyperparameters(batch_size=500),
    "D 256, N 500, L 1–30": Hyperparameters(hidden=256, batch_size=500, max_len=30),
    "D 256, N 500, L 30 only": Hyperparameters(hidden=256, batch_size=500, min_len=30, max_len=30),
}


SLOTS_SENT = 3  # copies of each live chart the page sends per redraw


def sent(figure):
    """str: the JSON ``st.plotly_chart`` sends for ``figure`` (a figure, or a dict it made)."""
    if not isinstance(figure, dict):
        figure = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return plotly.io.to_json(figure, validate=False)


def chunk_and_redraw_seconds(book, live, lang="en"):
    """tuple of float: seconds of a chunk, a live redraw, and a redraw built from scratch."""
    began = time.perf_counter()
    book.advance(CHUNK_SECONDS)
    trained = time.perf_counter()
    run = book.active
    total = run.hyperparameters.iterations
    curves = training_curves(run.history, total)
    probes = probe_predictions(run.model, probe_sequences())
    for figure in live.draw(run.number, curves, total, probes, lang):
        for _ in range(SLOTS_SENT):
            sent(figure)
    redrawn = time.perf_counter()
    curves = training_curves(run.history, total)
    probes = probe_predictions(run.model, probe_sequences())
    for figure in (loss_figure(curves, total, lang), accuracy_figure(curves, total, lang),
                   probe_figure(probes, lang)):
        for _ in range(SLOTS_SENT):
            sent(figure)
    return trained - began, redrawn - trained, time.perf_counter() - redrawn


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=40)
    args = parser.parse_args()
    print(f"chunk budget {CHUNK_SECONDS} s; target ≤ {TARGET_SECONDS} s "
          f"for a chunk and for a redraw; {args.reruns} of each")
    for name, hyperparameters in SETTINGS.items():
        book, live = RunBook(), LiveFigures()
        book.start(hyperparameters)
        chunk_and_redraw_seconds(book, live)  # warm-up: buffers, first figures
        chunks, redraws, from_scratch = np.array(
            [chunk_and_redraw_seconds(book, live) for _ in range(args.reruns)]).T
        trainer = book.active.trainer
        per_iteration = trainer.seconds / trainer.iteration
        verdict = "within" if max(chunks.max(), redraws.max()) <= TARGET_SECONDS else "ABOVE"
        print(f"{name:42s} chunk median {np.median(chunks):.3f} s, max {chunks.max():.3f} s; "
              f"redraw median {np.median(redraws) * 1000:.1f} ms, "
              f"max {redraws.max() * 1000:.1f} ms "
              f"({verdict}; built from scratch: median {np.median(from_scratch) * 1000:.1f} ms, "
              f"{np.median(from_scratch) / np.median(redraws):.1f}× the time); "
              f"one iteration {per_iteration * 1000:.0f} ms")


if __name__ == "__main__":
    main()

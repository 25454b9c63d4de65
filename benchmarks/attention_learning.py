"""Learning speed: iterations the basic seq2seq and the attention model need to reverse digits.

Each model trains with the training page's defaults (``Hyperparameters()``, the
notebook's: hidden 50, batch 100, lengths 1–20, Adam lr 1e-3, 10 000 iterations)
once per seed. The table gives, per seed and model:

- exact ≥ 0.9: the first iteration at which exact match passes 0.9. Exact match is
  the Trainer's ``history["sequence_accuracy"]``, the fraction of that iteration's
  training batch (one length in 1–20) reversed without a wrong token; "passes" means
  its trailing mean reaches 0.9: the smoothed curve the training page draws, from
  :func:`seq2seq_core.curves.training_curves` (window 100 for a 10 000-iteration run),
  read at every iteration rather than at the chart's thinned points (every 17th);
- loss < 0.1: the first iteration at which the smoothed loss falls below 0.1;
- best: the highest smoothed exact match; low after: the lowest after passing 0.9
  (well below 0.9 when training later collapsed, for a while or for good);
- final exact: the smoothed exact match at the last iteration run (the chart's last
  point), and on held-out sequences (1000 of each length 1–20, mean over lengths);
- seconds: time spent training.

"—" means not within the iterations run. With ``--stop-early`` a model stops within
``--chunk`` iterations of passing 0.9, so its loss may not have fallen below 0.1 yet.

    python -m benchmarks.attention_learning [--seeds 0 1 2] [--stop-early] [--iterations 10000]
"""
import argparse
import statistics

import numpy as np

from seq2seq_core.curves import training_curves
from seq2seq_core.evaluate import evaluate_lengths
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.train import Hyperparameters, Trainer

KINDS = ("seq2seq", "attention")
EXACT_MATCH_TARGET = 0.9
LOSS_TARGET = 0.1
HELD_OUT_SAMPLES = 1000  # sequences per length


def first_iteration(curves, metric, passed):
    """The first iteration (counting from 1) whose smoothed ``metric`` is ``passed``, or None.

    Parameters
    ----------
    curves : Curves
        Of every iteration (not thinned).
    metric : str
        One of ``METRIC_NAMES``.
    passed : Callable[[ndarray], ndarray of bool]
        Applied to the smoothed values, shape-(n,).
    """
    hits = np.flatnonzero(passed(curves.smoothed[metric]))
    return int(curves.iterations[hits[0]]) if hits.size else None


def learn(hp, kind, stop_early, chunk):
    """Train one model of ``kind`` with ``hp``; the table's row for it as a dict."""
    trainer = Trainer(hp, kind=kind)
    while not trainer.done:
        trainer.step(chunk)
        # Every iteration is a point, with the window the chart uses for the whole run.
        curves = training_curves(trainer.history, hp.iterations, max_points=hp.iterations)
        exact_at = first_iteration(
            curves, "sequence_accuracy", lambda values: values >= EXACT_MATCH_TARGET
        )
        if stop_early and exact_at is not None:
            break
    held_out = evaluate_lengths(
        trainer.model, hp.min_len, hp.max_len, HELD_OUT_SAMPLES,
        predict=MODEL_KINDS[kind].predict,
    )
    exact = curves.smoothed["sequence_accuracy"]
    return {
        "exact_at": exact_at,
        "loss_at": first_iteration(curves, "loss", lambda values: values < LOSS_TARGET),
        "best_exact": exact.max(),
        "low_after": None if exact_at is None else exact[exact_at - 1:].min(),
        "iterations": trainer.iteration,
        "status": trainer.status.value,
        "final_exact": exact[-1],
        "held_out_exact": held_out.exact_match.mean(),
        "seconds": trainer.seconds,
    }


def _cell(value, spec=""):
    return "—" if value is None else format(value, spec)


# The table's columns: heading, width, and the cell of a row.
COLUMNS = (
    ("exact ≥ 0.9", 11, lambda row: _cell(row["exact_at"])),
    ("loss < 0.1", 10, lambda row: _cell(row["loss_at"])),
    ("best", 5, lambda row: _cell(row["best_exact"], ".3f")),
    ("low after", 9, lambda row: _cell(row["low_after"], ".3f")),
    ("final exact", 11, lambda row: _cell(row["final_exact"], ".3f")),
    ("held-out", 8, lambda row: _cell(row["held_out_exact"], ".3f")),
    ("run", 6, lambda row: str(row["iterations"]) + (
        " diverged" if row["status"] == "diverged" else "")),
    ("seconds", 7, lambda row: _cell(row["seconds"], ".1f")),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[Hyperparameters().seed])
    parser.add_argument("--iterations", type=int, default=Hyperparameters().iterations)
    parser.add_argument("--stop-early", action="store_true",
                        help=f"stop a model once its exact match passed {EXACT_MATCH_TARGET}")
    parser.add_argument("--chunk", type=int, default=50, help="iterations between checks")
    args = parser.parse_args()

    header = f"{'seed':>4}  {'model':<9}  " + "  ".join(
        f"{heading:>{width}}" for heading, width, _ in COLUMNS
    )
    print(header)
    print("-" * len(header))
    rows = {kind: [] for kind in KINDS}
    for seed in args.seeds:
        hp = Hyperparameters(seed=seed, iterations=args.iterations)
        for kind in KINDS:
            row = learn(hp, kind, args.stop_early, args.chunk)
            rows[kind].append(row)
            cells = "  ".join(f"{cell(row):>{width}}" for _, width, cell in COLUMNS)
            print(f"{seed:>4}  {kind:<9}  {cells}", flush=True)
    if len(args.seeds) > 1:
        for kind in KINDS:
            passed = [row["exact_at"] for row in rows[kind] if row["exact_at"] is not None]
            median = f", median of those {statistics.median(passed):.0f}" if passed else ""
            print(f"{kind}: exact ≥ 0.9 in {len(passed)} of {len(args.seeds)} seeds{median}")


if __name__ == "__main__":
    main()

"""Training speed of each recurrent cell: its fast path against its plain MyGrad formulation.

For each cell (relu, the notebook's; tanh; gru; lstm) two loops train a Seq2Seq
with the notebook's settings (hidden 50, batch 100, lengths 1–20, Adam lr 1e-3):

- plain: ``Seq2Seq(..., cell=cell)`` called directly, MyGrad's ``softmax_crossentropy``
  and MyNN's Adam, in the notebook's training cell;
- fast: ``Trainer(hp, model=Seq2Seq(..., cell=cell))``, the cell's fused fast path.

Both start from the same weights. Within a round, the two loops of a cell take turns
(a few plain iterations, then a few fast ones), so that a burst of load from elsewhere
falls on both; the figure is each cell's ratio of the median times per iteration over
the rounds.

Target: every cell's fast path ≥ 3× its plain formulation's iterations/s. A missed
target prints BELOW TARGET and exits with status 1.

    python -m benchmarks.cell_speed [--rounds 7] [--turns 5] [--plain-iterations 4]
                                    [--fast-iterations 20]
"""
import argparse
import statistics
import sys
import time

import numpy as np
from mynn.optimizers.adam import Adam

from benchmarks.attention_speed import report_ratio
from benchmarks.train_speed import notebook_iterations
from seq2seq_core.blas import use_one_blas_thread
from seq2seq_core.data import VOCAB_SIZE
from seq2seq_core.kinds import copy_model
from seq2seq_core.model import CELLS, Seq2Seq
from seq2seq_core.train import Hyperparameters, Trainer

TARGET = 3.0  # each cell's fast path's speed-up over its plain formulation, at least


def plain_cell(cell, hp):
    """A Seq2Seq of ``cell`` and its optimizer as the notebook would build them.

    Returns
    -------
    model : Seq2Seq
        Hidden size ``hp.hidden``, weights seeded by ``hp.seed``.
    optimizer : mynn.optimizers.adam.Adam
        Over ``model.parameters`` with ``hp.learning_rate``.
    """
    model = Seq2Seq(VOCAB_SIZE, hp.hidden, VOCAB_SIZE, rng=np.random.default_rng(hp.seed),
                    cell=cell)
    return model, Adam(model.parameters, learning_rate=hp.learning_rate)


def cell_loops(cell, hp):
    """The plain and the fast training loop of one cell, from the same initial weights.

    Returns
    -------
    dict of str to callable
        ``"plain"`` and ``"fast"``: ``train(count)`` runs ``count`` iterations.
    """
    plain_model, plain_optimizer = plain_cell(cell, hp)
    fast = Trainer(hp, model=copy_model(plain_model))
    plain_rng = np.random.default_rng(hp.seed)
    return {
        "plain": lambda count: notebook_iterations(
            plain_model, plain_optimizer, plain_rng, count, hp
        ),
        "fast": fast.step,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--turns", type=int, default=5, help="per cell and round")
    parser.add_argument("--plain-iterations", type=int, default=4, help="per turn")
    parser.add_argument("--fast-iterations", type=int, default=20, help="per turn")
    args = parser.parse_args()
    iterations = {"plain": args.turns * args.plain_iterations,
                  "fast": args.turns * args.fast_iterations}
    per_turn = {"plain": args.plain_iterations, "fast": args.fast_iterations}

    hp = Hyperparameters(iterations=args.rounds * iterations["fast"] + 1)
    # The Trainers limit BLAS to one thread on their first step; the plain loops get the
    # same from the start, so no round compares one thread against two.
    use_one_blas_thread()
    loops = {cell: cell_loops(cell, hp) for cell in CELLS}
    ms = {cell: {"plain": [], "fast": []} for cell in CELLS}
    for round_index in range(args.rounds):
        for cell, cell_loop in loops.items():
            seconds = {"plain": 0.0, "fast": 0.0}
            for _ in range(args.turns):
                for name, train in cell_loop.items():
                    start = time.perf_counter()
                    train(per_turn[name])
                    seconds[name] += time.perf_counter() - start
            for name in seconds:
                ms[cell][name].append(seconds[name] / iterations[name] * 1e3)
        print(f"round {round_index + 1}: " + ", ".join(
            f"{cell} plain {ms[cell]['plain'][-1]:.1f} / fast {ms[cell]['fast'][-1]:.2f} ms/it"
            for cell in CELLS
        ))

    met = []
    for cell in CELLS:
        plain, fast = (statistics.median(ms[cell][name]) for name in ("plain", "fast"))
        print(f"{cell} median: plain {plain:.1f} ms/it ({1e3 / plain:.0f} it/s), "
              f"fast {fast:.2f} ms/it ({1e3 / fast:.0f} it/s)")
        met.append(report_ratio(f"{cell}: fast path over plain formulation, speed-up",
                                ms[cell]["plain"], ms[cell]["fast"], TARGET))
    if not all(met):
        sys.exit(1)


if __name__ == "__main__":
    main()

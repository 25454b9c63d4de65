"""Attention training speed: its fast path against its plain MyGrad formulation and the basic model.

Three loops train with the notebook's settings (hidden 50, batch 100, lengths
1–20, Adam lr 1e-3), interleaved in rounds so that all three see the same
background load; the ratios of the median times per iteration are the figures:

- plain: ``AttentionSeq2Seq`` called directly, MyGrad's ``softmax_crossentropy``
  and MyNN's Adam, in the notebook's training cell;
- attention: ``Trainer(hp, kind="attention")``, the fused fast path;
- seq2seq: ``Trainer(hp)``, the basic model's fast path.

Within a round the three loops take turns of a few iterations each, so that a burst
of load from elsewhere falls on all three. The two Trainers share a seed and train on
the same batches.

Targets: attention ≥ 3× as fast as plain, and ≥ 0.5× as fast as seq2seq. A missed
target prints BELOW TARGET and exits with status 1.

    python -m benchmarks.attention_speed [--rounds 7] [--turns 10] [--turn-iterations 20]
"""
import argparse
import statistics
import sys
import time

import numpy as np
from mynn.optimizers.adam import Adam

from benchmarks.train_speed import notebook_iterations
from seq2seq_core.attention import AttentionSeq2Seq
from seq2seq_core.blas import use_one_blas_thread
from seq2seq_core.data import VOCAB_SIZE
from seq2seq_core.train import Hyperparameters, Trainer

PLAIN_TARGET = 3.0  # attention fast path's speed-up over its plain formulation, at least
BASIC_TARGET = 0.5  # attention fast path's speed as a fraction of the basic model's, at least


def plain_attention(hp):
    """The attention model and its optimizer as the notebook would build them.

    Returns
    -------
    model : AttentionSeq2Seq
        Hidden size ``hp.hidden``, weights seeded by ``hp.seed``.
    optimizer : mynn.optimizers.adam.Adam
        Over ``model.parameters`` with ``hp.learning_rate``.
    """
    model = AttentionSeq2Seq(
        VOCAB_SIZE, hp.hidden, VOCAB_SIZE, rng=np.random.default_rng(hp.seed)
    )
    return model, Adam(model.parameters, learning_rate=hp.learning_rate)


def report_ratio(name, other_ms, attention_ms, target):
    """Print ``name``'s ratio of medians ``other / attention`` with its spread over rounds.

    Parameters
    ----------
    other_ms, attention_ms : list of float
        Milliseconds per iteration in each round.
    target : float
        The least acceptable ratio.

    Returns
    -------
    bool
        True when the ratio of medians meets ``target``.
    """
    ratio = statistics.median(other_ms) / statistics.median(attention_ms)
    per_round = [other / attention for other, attention in zip(other_ms, attention_ms)]
    met = ratio >= target
    print(
        f"{name}: {ratio:.2f}x (rounds {min(per_round):.2f}–{max(per_round):.2f}x), "
        f"target ≥ {target:g}x: {'ok' if met else 'BELOW TARGET'}"
    )
    return met


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--turns", type=int, default=10, help="per round")
    parser.add_argument("--turn-iterations", type=int, default=20, help="per loop and turn")
    args = parser.parse_args()
    round_iterations = args.turns * args.turn_iterations

    hp = Hyperparameters(iterations=args.rounds * round_iterations + 1)
    # The Trainers limit BLAS to one thread on their first step; the plain loop gets the
    # same from the start, so no round compares one thread against two.
    use_one_blas_thread()
    plain_model, plain_optimizer = plain_attention(hp)
    plain_rng = np.random.default_rng(hp.seed)
    loops = {
        "plain": lambda count: notebook_iterations(
            plain_model, plain_optimizer, plain_rng, count, hp
        ),
        "attention": Trainer(hp, kind="attention").step,
        "seq2seq": Trainer(hp).step,
    }

    ms = {name: [] for name in loops}
    for round_index in range(args.rounds):
        seconds = dict.fromkeys(loops, 0.0)
        for _ in range(args.turns):
            for name, train in loops.items():
                start = time.perf_counter()
                train(args.turn_iterations)
                seconds[name] += time.perf_counter() - start
        for name in loops:
            ms[name].append(seconds[name] / round_iterations * 1e3)
        print(
            f"round {round_index + 1}: plain attention {ms['plain'][-1]:.2f} ms/it, "
            f"attention {ms['attention'][-1]:.2f} ms/it, seq2seq {ms['seq2seq'][-1]:.2f} ms/it"
        )

    median = {name: statistics.median(times) for name, times in ms.items()}
    print("median: " + ", ".join(
        f"{name} {median[name]:.2f} ms/it ({1e3 / median[name]:.0f} it/s)" for name in ms
    ))
    met = [
        report_ratio("(a) attention fast path over plain attention, speed-up",
                     ms["plain"], ms["attention"], PLAIN_TARGET),
        report_ratio("(b) attention fast path it/s ÷ seq2seq fast path it/s",
                     ms["seq2seq"], ms["attention"], BASIC_TARGET),
    ]
    if not all(met):
        sys.exit(1)


if __name__ == "__main__":
    main()

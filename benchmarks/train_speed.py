"""Training speed: the package's Trainer against the notebook's own training loop.

Both train the same model (hidden 50, batch 100, lengths 1–20, Adam) on this
machine, interleaved in rounds so that both see the same background load; the
ratio of the median times per iteration is the figure to quote.

    python -m benchmarks.train_speed [--rounds 7] [--reference-iterations 60]
"""
import argparse
import statistics
import time

import numpy as np
from mygrad.nnet.losses import softmax_crossentropy
from mynn.optimizers.adam import Adam

from seq2seq_core.data import VOCAB_SIZE, generate_batch
from seq2seq_core.model import Seq2Seq
from seq2seq_core.train import Hyperparameters, Trainer


def notebook_iterations(model, optimizer, rng, count, hp):
    """The notebook's training cell, verbatim but for the seeded batches."""
    for _ in range(count):
        x, target, sequence = generate_batch(hp.min_len, hp.max_len, hp.batch_size, rng=rng)
        output = model(x)
        loss = softmax_crossentropy(output.reshape(-1, 12), target.reshape(-1))
        loss.backward()
        optimizer.step()
        acc = np.mean(np.argmax(output, axis=-1) == target)
        loss.item(), acc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--reference-iterations", type=int, default=60)
    parser.add_argument("--fast-iterations", type=int, default=240)
    args = parser.parse_args()

    hp = Hyperparameters(iterations=args.rounds * args.fast_iterations + 1)
    reference = Seq2Seq(VOCAB_SIZE, hp.hidden, VOCAB_SIZE, rng=np.random.default_rng(hp.seed))
    reference_optimizer = Adam(reference.parameters, learning_rate=hp.learning_rate)
    reference_rng = np.random.default_rng(hp.seed)
    trainer = Trainer(hp)

    reference_ms, fast_ms = [], []
    for round_index in range(args.rounds):
        start = time.perf_counter()
        notebook_iterations(
            reference, reference_optimizer, reference_rng, args.reference_iterations, hp
        )
        reference_ms.append((time.perf_counter() - start) / args.reference_iterations * 1e3)
        start = time.perf_counter()
        trainer.step(args.fast_iterations)
        fast_ms.append((time.perf_counter() - start) / args.fast_iterations * 1e3)
        print(
            f"round {round_index + 1}: notebook {reference_ms[-1]:.2f} ms/it, "
            f"seq2seq_core {fast_ms[-1]:.2f} ms/it"
        )
    reference_median = statistics.median(reference_ms)
    fast_median = statistics.median(fast_ms)
    print(
        f"median: notebook {reference_median:.2f} ms/it, seq2seq_core {fast_median:.2f} ms/it "
        f"({1e3 / fast_median:.0f} it/s); speed-up {reference_median / fast_median:.2f}x"
    )


if __name__ == "__main__":
    main()

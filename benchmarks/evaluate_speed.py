"""Evaluation speed: 30 lengths × 1000 sequences, the package against the notebook's model.

The package evaluates with the plain-NumPy forward of :mod:`seq2seq_core.trace`;
the reference runs the notebook's ``Seq2Seq.__call__`` under ``mg.no_autodiff``
on the same sequences, batched per length. Target: ≤ 1 s for the package.

    python -m benchmarks.evaluate_speed [--samples 1000] [--max-len 30] [--repeats 3]
"""
import argparse
import statistics
import time

import mygrad as mg
import numpy as np

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.data import encode_digits
from seq2seq_core.evaluate import evaluate_lengths


def notebook_predict(model, digits):
    """The notebook's formulation: ``model(x)`` without a graph, then argmax."""
    x, _ = encode_digits(digits)
    with mg.no_autodiff:
        return model(x).data.argmax(axis=-1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--max-len", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    model = load_pretrained().model

    package_s, reference_s = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        fast = evaluate_lengths(model, 1, args.max_len, args.samples)
        package_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        slow = evaluate_lengths(model, 1, args.max_len, args.samples, predict=notebook_predict)
        reference_s.append(time.perf_counter() - start)
        assert np.array_equal(fast.exact_correct, slow.exact_correct), "both must agree"
    package, reference = statistics.median(package_s), statistics.median(reference_s)
    print(
        f"{args.max_len} lengths × {args.samples} samples: seq2seq_core {package:.3f} s, "
        f"notebook formulation {reference:.3f} s; speed-up {reference / package:.1f}x; "
        f"target ≤ 1 s: {'met' if package <= 1 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()

"""Training speed on the ``/training`` page against the command line, same settings, same machine.

In each round the CLI (``python -m seq2seq_core train``) trains ``--iterations``
with the notebook's other defaults and prints its it/s; then one browser session
on a local ``streamlit run app.py`` trains the same run (same seed) from a click
on ``train_start`` until the progress bar shows the last iteration. The page's
speed is taken by the clock here, click to the finished bar, so it includes
everything a student waits for: the chunks, the reruns between them, the charts,
the browser. The target is page / CLI ≥ 0.8.

    python -m benchmarks.training_page_speed [--rounds 2] [--iterations 10000]

A student's browser runs on their own computer; here it runs on the same
(2-core) machine as the server, and redrawing two charts 2.5 times a second
takes it about 0.8 of a core. So each round times the page twice: with the
browser at normal priority (it competes with training: an upper bound on what
the browser costs) and with the browser in a CPU cgroup of low shares (it gets
what the server leaves, as if it ran elsewhere). The target is for the latter.
"""
import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time

from ._training_tab import TrainingTab
from .harness import REPO_ROOT, chromium, streamlit_server

SEED = 0
CLI_RATE = re.compile(r"\(([\d.]+) it/s\)")
TARGET = 0.8
BROWSER_ELSEWHERE_SHARES = 64  # of the 1024 every other process has


def cli_rate(iterations):
    """float: the it/s the CLI reports for a run of ``iterations`` (training only, not start-up)."""
    with tempfile.TemporaryDirectory() as folder:
        completed = subprocess.run(
            [sys.executable, "-m", "seq2seq_core", "train", "--iterations", str(iterations),
             "--seed", str(SEED), "--out", f"{folder}/run.npz"],
            cwd=REPO_ROOT, capture_output=True, text=True, check=True,
        )
    return float(CLI_RATE.search(completed.stdout + completed.stderr).group(1))


def page_rate(browser, server, iterations):
    """float: iterations per second from the click on start to the finished progress bar."""
    tab = TrainingTab(browser, server.url, SEED, iterations)
    try:
        tab.start()
        deadline = time.perf_counter() + 60 + iterations / 50
        while tab.progress()[0] < iterations:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"page run not finished: {tab.progress()}")
            time.sleep(0.05)  # each look costs the (shared) CPU a little
        seconds = time.perf_counter() - tab.started
        errors = tab.exceptions()
        assert not errors, f"exception box: {errors[0]}"
        return iterations / seconds
    finally:
        tab.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=10_000,
                        help="a multiple of 100 in 100–50 000 (the page's slider)")
    args = parser.parse_args()
    if args.rounds < 1 or not 100 <= args.iterations <= 50_000 or args.iterations % 100:
        parser.error("--rounds ≥ 1 and --iterations a multiple of 100 in 100–50 000")

    cli, page_shared, page_elsewhere = [], [], []
    with (streamlit_server() as server,
          chromium(1024, BROWSER_ELSEWHERE_SHARES) as (shared, elsewhere)):
        for round_number in range(1, args.rounds + 1):
            cli.append(cli_rate(args.iterations))
            page_shared.append(page_rate(shared, server, args.iterations))
            page_elsewhere.append(page_rate(elsewhere, server, args.iterations))
            print(f"round {round_number}: CLI {cli[-1]:.0f} it/s; "
                  f"page with the browser at normal priority {page_shared[-1]:.0f} it/s "
                  f"({page_shared[-1] / cli[-1]:.2f}), "
                  f"with the browser at {BROWSER_ELSEWHERE_SHARES} shares "
                  f"{page_elsewhere[-1]:.0f} it/s ({page_elsewhere[-1] / cli[-1]:.2f})", flush=True)
    cli_median = statistics.median(cli)
    shared_ratio = statistics.median(page_shared) / cli_median
    elsewhere_ratio = statistics.median(page_elsewhere) / cli_median
    print(f"median over {args.rounds} round(s), {args.iterations:,} iterations each: "
          f"CLI {cli_median:.0f} it/s; "
          f"page / CLI = {shared_ratio:.2f} with the browser competing, "
          f"{elsewhere_ratio:.2f} with the browser as if elsewhere "
          f"(target ≥ {TARGET})")


if __name__ == "__main__":
    main()

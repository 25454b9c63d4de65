"""Server memory per browser session: RSS with 0, 1, 5, 10 sessions open, each with a trained model.

One local ``streamlit run app.py``; each session is a browser context of its own
that opens ``/training?lang=en``, picks its own seed and trains a run of
``--iterations`` to the end (the finished run becomes its current model). After
each step the server's resident memory (``VmRSS`` in ``/proc/<pid>/status``) is
read a few times and the median kept. The first session also pays for what all
share (the imports, the pretrained model, Streamlit's caches), so the cost of
one more session is ``(RSS_k - RSS_1) / (k - 1)``; the target is ≤ 20 MB.

    python -m benchmarks.session_memory [--iterations 2000] [--counts 1 5 10]
"""
import argparse
import statistics
import time

from ._training_tab import TrainingTab
from .harness import chromium, streamlit_server

TARGET_MB_PER_SESSION = 20


def settled_rss(server, samples=5, pause=0.5):
    """float: the median of a few RSS readings (MiB), once the server has had a moment to settle."""
    time.sleep(2.0)
    readings = []
    for _ in range(samples):
        readings.append(server.rss_mb())
        time.sleep(pause)
    return statistics.median(readings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000,
                        help="iterations each session trains (a multiple of 100 in 100–50 000)")
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 5, 10],
                        help="numbers of open sessions to measure at, increasing")
    args = parser.parse_args()
    counts = sorted(set(args.counts))
    if (counts[0] < 1 or counts[-1] > 20
            or not 100 <= args.iterations <= 50_000 or args.iterations % 100):
        parser.error("counts must be in 1–20 and --iterations a multiple of 100 in 100–50 000")
    finish_timeout = 60 + args.iterations / 10  # even at 10 it/s per session

    rss = {}
    with streamlit_server() as server, chromium() as browser:
        rss[0] = settled_rss(server)
        print(f"0 sessions: {rss[0]:.1f} MiB", flush=True)
        tabs = []
        try:
            for count in counts:
                new = [TrainingTab(browser, server.url, seed, args.iterations)
                       for seed in range(len(tabs) + 1, count + 1)]
                tabs.extend(new)
                for tab in new:
                    tab.start()
                for tab in new:
                    reached = tab.wait_until_finished(finish_timeout)
                    assert reached == args.iterations, f"seed {tab.seed} stopped at {reached}"
                    errors = tab.exceptions()
                    assert not errors, f"seed {tab.seed}: exception box: {errors[0]}"
                rss[count] = settled_rss(server)
                print(f"{count} session(s), each trained {args.iterations:,} iterations: "
                      f"{rss[count]:.1f} MiB", flush=True)
        finally:
            for tab in tabs:
                tab.close()

    print(f"\nserver RSS (MiB), each session with a trained model of "
          f"{args.iterations:,} iterations:")
    print(" | ".join(f"{count} sessions: {value:.1f}" for count, value in rss.items()))
    print(f"first session (shared imports, pretrained model, caches, and its own state): "
          f"{rss[1] - rss[0]:.1f} MiB" if 1 in rss else "")
    for count in counts:
        if count > 1 and 1 in rss:
            per_session = (rss[count] - rss[1]) / (count - 1)
            verdict = "within" if per_session <= TARGET_MB_PER_SESSION else "ABOVE"
            print(f"(RSS_{count} - RSS_1) / {count - 1} = {per_session:.1f} MiB per session "
                  f"({verdict} the {TARGET_MB_PER_SESSION} MB target)")


if __name__ == "__main__":
    main()

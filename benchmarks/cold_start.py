"""Cold start: seconds from ``streamlit run app.py`` to the home page fully drawn in a browser.

Chromium is started first (a student's browser is already open); then the
server is launched, polled on ``/_stcore/health``, and ``/?lang=en`` opened the
moment it answers, until the page is fully drawn (title, try-it box, diagram;
see :func:`benchmarks.harness.time_fresh_home_load`). Each round is a new
server process, so each pays for Python's imports and the first session's
set-up. Target: ≤ 5 s.

    python -m benchmarks.cold_start [--rounds 5]
"""
import argparse
import statistics

from .harness import chromium, streamlit_server, time_fresh_home_load

TARGET_SECONDS = 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be ≥ 1")

    totals = []
    with chromium() as browser:
        for round_number in range(1, args.rounds + 1):
            with streamlit_server(poll=0.01) as server:
                drawn = time_fresh_home_load(browser, server.url).drawn
            totals.append(server.healthy_after + drawn)
            print(f"round {round_number}: healthy after {server.healthy_after:.2f} s, "
                  f"home drawn {drawn:.2f} s later: {totals[-1]:.2f} s", flush=True)
    median = statistics.median(totals)
    print(f"cold start to a drawn home page: median {median:.2f} s, max {max(totals):.2f} s "
          f"over {args.rounds} round(s) ({'within' if median <= TARGET_SECONDS else 'ABOVE'} "
          f"the {TARGET_SECONDS:g} s target)")


if __name__ == "__main__":
    main()

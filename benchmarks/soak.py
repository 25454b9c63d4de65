"""Sessions that close give everything back: 200 sessions open, train briefly and close.

One local ``streamlit run app.py`` and one headless Chromium. Sessions come in
waves of ``--together``: each opens ``/training?lang=en`` in a browser context
of its own (so a session of its own), presses Step (100 iterations of the
notebook's settings), waits until the page shows the step done, and closes.
Every tenth wave closes its tabs in the middle of a step instead, as a student
closing the laptop would (the closed tab pauses the run).

Measured from outside the server, in ``/proc/<pid>``: its resident memory
(``VmRSS``) and its threads (``/proc/<pid>/task``), each once the server has
shut the closed sessions down (Streamlit keeps a closed tab's session for
``server.disconnectedSessionTTL``, 120 s, in case it comes back, and the app
closes it at most two of its 5-second sweeps later, :mod:`pages._closed_sessions`;
the soak waits the TTL plus ``--settle`` seconds): after the first ``--first`` sessions and
after all ``--sessions``. Targets: no more threads after all than after the
first (a training thread left behind would be one more; the server's own pools
are started by the first sessions), and memory after all within 10 % of memory
after the first.

    python -m benchmarks.soak [--sessions 200] [--first 20] [--together 5]
                              [--server-env NAME=VALUE ...]
"""
import argparse
import statistics
import time
from pathlib import Path

from ._training_tab import TrainingTab
from .harness import chromium, rss_mb, streamlit_server

ITERATIONS = 10_000  # the slider's default; Step trains 100 of them
SESSION_TTL = 120  # Streamlit's server.disconnectedSessionTTL (the app keeps the default)
TARGET_GROWTH = 0.10
CLOSE_MID_STEP_EVERY = 10  # waves


def thread_count(pid):
    """int: how many threads process ``pid`` has now."""
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def settled(server, settle):
    """(RSS in MiB, threads) once closed sessions are forgotten: medians of a few readings."""
    time.sleep(SESSION_TTL + settle)
    readings = []
    for _ in range(5):
        readings.append((rss_mb(server.process.pid), thread_count(server.process.pid)))
        time.sleep(0.5)
    return (statistics.median(rss for rss, _ in readings),
            statistics.median(threads for _, threads in readings))


def wave(browser, server, count, close_mid_step):
    """Open ``count`` sessions, press Step in each, wait for it (unless ``close_mid_step``), close.

    Returns
    -------
    list of str
        Exception boxes any of the pages showed.
    """
    tabs = []
    try:
        for _ in range(count):
            # The seed box is left alone: the default seed, as a student's first try.
            tabs.append(TrainingTab(browser, server.url, seed=None, iterations=None))
        for tab in tabs:
            tab.page.locator(".st-key-train_step button").click()
        errors = []
        if not close_mid_step:
            for tab in tabs:
                tab.wait_until_stopped()
                errors.extend(tab.exceptions())
        return errors
    finally:
        for tab in tabs:
            tab.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--first", type=int, default=20, help="sessions before the first reading")
    parser.add_argument("--together", type=int, default=5, help="sessions open at once")
    parser.add_argument("--settle", type=float, default=30.0,
                        help="seconds to wait beyond the session TTL before a reading")
    parser.add_argument("--server-env", nargs="*", default=[], metavar="NAME=VALUE",
                        help="environment variables for the server, e.g. MALLOC_ARENA_MAX=2")
    args = parser.parse_args()
    if not 1 <= args.together <= args.first < args.sessions <= 2000:
        parser.error("need 1 ≤ --together ≤ --first < --sessions ≤ 2000")
    if not all("=" in pair for pair in args.server_env):
        parser.error("--server-env takes NAME=VALUE pairs")
    server_env = dict(pair.split("=", 1) for pair in args.server_env)

    errors = []
    with streamlit_server(env=server_env) as server, chromium() as browser:
        pid = server.process.pid
        before = rss_mb(pid), thread_count(pid)
        print(f"server {server.url} (environment {server_env or 'as is'}): {before[0]:.0f} MiB, "
              f"{before[1]} threads before any session", flush=True)
        readings = {}
        opened, waves, began = 0, 0, time.perf_counter()
        for checkpoint in (args.first, args.sessions):
            while opened < checkpoint:
                count = min(args.together, checkpoint - opened)
                waves += 1
                errors += wave(browser, server, count, waves % CLOSE_MID_STEP_EVERY == 0)
                opened += count
                if opened % 20 == 0 or opened == checkpoint:
                    print(f"  {opened} sessions opened and closed in "
                          f"{time.perf_counter() - began:.0f} s; now {rss_mb(pid):.0f} MiB, "
                          f"{thread_count(pid)} threads", flush=True)
            readings[opened] = settled(server, args.settle)
            print(f"after {opened} sessions, {SESSION_TTL + args.settle:.0f} s later: "
                  f"{readings[opened][0]:.0f} MiB, {readings[opened][1]} threads", flush=True)
        server_errors = server.script_errors()

    (first_rss, first_threads), (last_rss, last_threads) = readings.values()
    growth = last_rss / first_rss - 1
    print(f"\nserver threads: {before[1]} before any session, {first_threads} after "
          f"{args.first}, {last_threads} after {args.sessions} "
          f"({'none left behind' if last_threads <= first_threads else 'SOME LEFT BEHIND'})")
    print(f"server RSS: {before[0]:.0f} MiB before, {first_rss:.0f} after {args.first}, "
          f"{last_rss:.0f} after {args.sessions}: {growth:+.1%} "
          f"({'within' if growth <= TARGET_GROWTH else 'ABOVE'} the {TARGET_GROWTH:.0%} target)")
    for error in errors:
        print(f"exception box: {error[:200]}")
    for error in server_errors:
        print(f"server log: a script run failed: {error}")
    if errors or server_errors or last_threads > first_threads or growth > TARGET_GROWTH:
        raise SystemExit("soak failed")


if __name__ == "__main__":
    main()

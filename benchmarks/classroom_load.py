"""A classroom on one server: sessions train at once as fresh visitors open the home page.

One local ``streamlit run app.py`` and one headless Chromium. First one session
trains alone for ``--seconds`` (the baseline), then ``--sessions`` sessions, each
in its own browser context with its own seed, train at the same time for as
long. Every ``--load-every`` seconds of both phases a new context opens ``/``
and three times are taken (target ≤ 3 s; see :class:`benchmarks.harness.FreshLoad`):
until the server's answer has arrived, the server's part of it alone, and
until the page is fully drawn.

At the end every session is paused, its run made the current model, and the
metrics CSV and the ``.npz`` model it offers for download are compared with a
:class:`~seq2seq_core.train.Trainer` run here with the same seed for the
number of iterations the paused page shows: training is deterministic, so they
must be identical — which also proves that no session saw another's model. Any exception box in any
page fails the run, and so does any script run the server logged as failed
(a box the next rerun replaced).

A lecture hall (``--sessions 30 --server-cpus 1 --max-trainers 30 --lecturer``):
the server held to ``--server-cpus`` cores by a CPU cgroup quota, as a
container's limit is; ``--max-trainers`` sets ``SEQ2SEQ_MAX_TRAINERS`` for it
(otherwise sessions beyond the app's default wait in line and train nothing);
``--lecturer`` keeps a tab on ``/hidden_states`` (in the visitor's browser: the
lecturer's own computer) that draws a new random sequence every
``--load-every`` seconds, as a lecturer projecting the page would. Printed
beside the times: the server's resident memory (its peak while the class
trained; target ≤ 690 MB, the smallest Community Cloud allowance) and
fairness, the slowest session's iterations per second over the fastest's
(target ≥ 0.7).

    python -m benchmarks.classroom_load [--sessions 8] [--seconds 60] [--load-every 10]
                                        [--server-cpus CORES] [--max-trainers N] [--lecturer]
                                        [--screenshots DIR]

Students' browsers run on their own computers, but here on the server's two
cores: eight tabs redrawing live charts would take the CPU from the server and
from the visitor being timed. So the students' tabs share one Chromium in a CPU
cgroup with few shares (they get what is left over), and the visitor opens the
page in a second Chromium at normal priority (see
:func:`benchmarks.harness.chromium`). The script prints how much CPU the
server and the whole machine used.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from seq2seq_core.exports import metrics_csv
from seq2seq_core.line import MAX_TRAINERS_VARIABLE
from seq2seq_core.train import Hyperparameters, Trainer

from ._training_tab import TAB_TIMEOUT_SECONDS, TrainingTab
from .harness import (
    NORMAL_SHARES,
    VIEWPORT,
    FreshLoad,
    chromium,
    exception_texts,
    streamlit_server,
    time_fresh_home_load,
    wait_idle,
)

ITERATIONS = 50_000  # the slider's maximum, so no run finishes within a phase
SOLO_SEED = 100
STUDENT_SHARES = 64  # of 1024: the students' tabs get the CPU nobody else wants
TARGET_MEMORY_MB = 690  # Community Cloud's smallest allowance
TARGET_FAIRNESS = 0.7


class Lecturer:
    """A tab on ``/hidden_states`` that asks for a new random sequence now and then."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.set_default_timeout(TAB_TIMEOUT_SECONDS * 1000)
        self.page = self.context.new_page()
        self.page.goto(f"{base_url}/hidden_states?lang=ko")
        # A button with a tooltip is in the page twice; the first is the one shown.
        self.random = self.page.locator(".st-key-hidden_states_random button").first
        self.random.wait_for()
        self.examples = 0

    def next_example(self):
        self.random.evaluate("(button) => button.click()")  # see TrainingTab._press
        self.examples += 1

    def close(self):
        """list of str: the exception boxes the page shows, once it has drawn the last example."""
        wait_idle(self.page, timeout=TAB_TIMEOUT_SECONDS)
        errors = exception_texts(self.page)
        self.context.close()
        return errors


def machine_cpu_seconds():
    """float: busy CPU seconds of the whole machine so far (all cores, from ``/proc/stat``)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def train_together(visitor, server, tabs, seconds, load_every, screenshot_dir, phase,
                   lecturer=None):
    """Start every tab, let them train ``seconds`` while timing fresh home loads, pause them all.

    Returns
    -------
    dict
        ``loads`` (:class:`~benchmarks.harness.FreshLoad`), ``server_cpu`` and
        ``machine_cpu`` (busy cores on average), ``peak_mb`` (the server's
        largest resident memory seen, read about five times a second).
    """
    server_cpu, machine_cpu = server.cpu_seconds(), machine_cpu_seconds()
    began = time.perf_counter()
    for tab in tabs:
        tab.start()
    loads = []
    next_load = time.perf_counter() + load_every / 2
    # Clicking start in eight slow (low-share) tabs takes a while: the phase
    # runs ``seconds`` from the last click, when all of them train.
    end = max(tab.started for tab in tabs) + seconds
    peak_mb = server.rss_mb()
    while time.perf_counter() < end:
        peak_mb = max(peak_mb, server.rss_mb())
        if time.perf_counter() >= next_load:
            if lecturer is not None:
                lecturer.next_example()
            shot = screenshot_dir / f"{phase}-fresh-home.png" if not loads else None
            loads.append(time_fresh_home_load(visitor, server.url, shot))
            # Not the sessions' progress here: asking eight starved tabs takes seconds.
            print(f"  {phase}: fresh / answered in {loads[-1].answered:.2f} s "
                  f"(script {loads[-1].script:.2f} s), drawn in {loads[-1].drawn:.2f} s",
                  flush=True)
            next_load += load_every
        else:
            time.sleep(0.2)
    for tab in tabs:
        tab.pause()
    elapsed = time.perf_counter() - began
    stats = {
        "loads": loads,
        "server_cpu": (server.cpu_seconds() - server_cpu) / elapsed,
        "machine_cpu": (machine_cpu_seconds() - machine_cpu) / elapsed,
        "peak_mb": peak_mb,
    }
    # After pausing and measuring: a screenshot of a starved tab takes seconds,
    # and neither a load, the pause (a run at the slider's 50 000 could end) nor
    # the CPU averages may include it.
    tabs[0].page.screenshot(path=screenshot_dir / f"{phase}-session-at-pause.png")
    return stats


def collect(server, tabs, screenshot_dir):
    """Wait for each paused tab, check it for exceptions, make its run current and download it.

    A tab that fails here leaves a screenshot and its text in ``screenshot_dir``,
    and the script runs the server logged as failed so far are printed (an
    exception that stopped a page before its buttons would be one).

    Returns
    -------
    list of dict
        Per tab: ``seed``, ``iterations``, ``rate`` (it/s from click to pause),
        ``csv`` and ``checkpoint`` as downloaded, ``errors``, ``connections``
        (websockets its page opened).
    """
    results = []
    for tab in tabs:
        try:
            iteration = tab.wait_until_stopped()
            tab.use_run()
            csv_text, checkpoint = tab.current_model_files()
        except Exception:
            stem = screenshot_dir / f"failed-seed-{tab.seed}"
            tab.page.screenshot(path=stem.with_suffix(".png"), full_page=True)
            stem.with_suffix(".txt").write_text(tab.page.locator("body").inner_text())
            print(f"seed {tab.seed}: failed while collecting "
                  f"({tab.connections} websocket connection(s)); see {stem}.png and .txt; "
                  f"script runs the server logged as failed: {server.script_errors() or 'none'}",
                  flush=True)
            raise
        results.append({
            "seed": tab.seed, "iterations": iteration,
            "rate": iteration / (tab.paused - tab.started),
            "csv": csv_text, "checkpoint": checkpoint, "errors": tab.exceptions(),
            "connections": tab.connections,
        })
    return results


def verify(result):
    """Compare a session's downloads with a Trainer run here with its seed for as many iterations.

    Returns
    -------
    list of str
        Empty when the history and weights are the Trainer's: the session
        trained its own model, deterministically, and nobody else's; and the
        paused page showed exactly the iteration the model files hold.
    """
    rows = result["csv"].count("\n") - 1
    trainer = Trainer(Hyperparameters(seed=result["seed"], iterations=ITERATIONS))
    trainer.step(rows)
    problems = []
    if rows != result["iterations"]:
        problems.append(f"CSV has {rows} rows, "
                        f"the paused page showed {result['iterations']} iterations")
    if result["csv"] != metrics_csv(trainer.history):
        problems.append("metrics CSV differs from the Trainer's history")
    checkpoint = result["checkpoint"]
    if checkpoint.hyperparameters.seed != result["seed"]:
        problems.append(f"model file has seed {checkpoint.hyperparameters.seed}")
    if not all(np.array_equal(mine.data, theirs.data)
               for mine, theirs in zip(checkpoint.model.parameters, trainer.model.parameters)):
        problems.append("model weights differ from the Trainer's")
    problems.extend(f"exception box: {text[:200]}" for text in result["errors"])
    return problems


def report(phase, results, stats):
    rates = [result["rate"] for result in results]
    iterations = sum(result["iterations"] for result in results)
    per_session = ", ".join(f"{rate:.0f}" for rate in rates)
    print(f"{phase}: {len(results)} session(s), {iterations:,} iterations; "
          f"it/s per session {per_session}; aggregate {sum(rates):.0f} it/s; "
          f"server CPU {stats['server_cpu']:.2f} cores, "
          f"whole machine {stats['machine_cpu']:.2f} cores; "
          f"server memory at most {stats['peak_mb']:.0f} MiB "
          f"({stats['peak_mb'] * 2**20 / 1e6:.0f} MB; target ≤ {TARGET_MEMORY_MB} MB)")
    if len(rates) > 1:
        print(f"{phase}: fairness, slowest / fastest session {min(rates) / max(rates):.2f} "
              f"(target ≥ {TARGET_FAIRNESS})")
    if stats["loads"]:
        for what in FreshLoad._fields:
            times = [getattr(load, what) for load in stats["loads"]]
            print(f"{phase}: fresh / {what} in {', '.join(f'{s:.2f}' for s in times)} s "
                  f"(median {statistics.median(times):.2f}, max {max(times):.2f}; target ≤ 3 s)")
    return sum(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--load-every", type=float, default=10.0)
    parser.add_argument("--server-cpus", type=float, default=None,
                        help="cores the server may use (a CPU cgroup quota; default: no limit)")
    parser.add_argument("--max-trainers", type=int, default=None,
                        help="SEQ2SEQ_MAX_TRAINERS for the server (default: the app's)")
    parser.add_argument("--lecturer", action="store_true",
                        help="a tab on /hidden_states draws a new example every --load-every s")
    parser.add_argument("--screenshots", type=Path, default=None,
                        help="folder for screenshots (default: a new temporary folder)")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 60 or not 5 <= args.seconds <= 600:
        parser.error("--sessions must be in 1–60 and --seconds in 5–600")
    if args.server_cpus is not None and not 0.05 <= args.server_cpus <= 64:
        parser.error("--server-cpus must be in 0.05–64")
    server_env = ({} if args.max_trainers is None
                  else {MAX_TRAINERS_VARIABLE: str(args.max_trainers)})
    screenshot_dir = args.screenshots or Path(tempfile.mkdtemp(prefix="classroom-load-"))
    screenshot_dir.mkdir(parents=True, exist_ok=True)

    with (streamlit_server(cpus=args.server_cpus, env=server_env) as server,
          chromium(NORMAL_SHARES, STUDENT_SHARES) as (visitor, students)):
        print(f"server {server.url} healthy after {server.healthy_after:.2f} s "
              f"(CPU limit: {args.server_cpus or 'none'}, {server_env or 'default line'}); "
              f"screenshots in {screenshot_dir}", flush=True)
        solo = [TrainingTab(students, server.url, SOLO_SEED, ITERATIONS)]
        try:
            solo_stats = train_together(visitor, server, solo, args.seconds, args.load_every,
                                        screenshot_dir, "solo")
            solo_results = collect(server, solo, screenshot_dir)
        finally:
            for tab in solo:
                tab.close()
        tabs, lecturer, lecturer_errors = [], None, []
        try:
            for seed in range(1, args.sessions + 1):
                tabs.append(TrainingTab(students, server.url, seed, ITERATIONS))
            if args.lecturer:
                lecturer = Lecturer(visitor, server.url)
            print(f"{len(tabs)} sessions ready; server RSS {server.rss_mb():.0f} MiB", flush=True)
            class_stats = train_together(visitor, server, tabs, args.seconds, args.load_every,
                                         screenshot_dir, "class", lecturer)
            class_results = collect(server, tabs, screenshot_dir)
            class_stats["peak_mb"] = max(class_stats["peak_mb"], server.rss_mb())
            tabs[0].page.screenshot(path=screenshot_dir / "class-session-paused.png")
            if lecturer is not None:
                lecturer.page.screenshot(path=screenshot_dir / "lecturer.png")
                print(f"lecturer: {lecturer.examples} examples drawn on /hidden_states",
                      flush=True)
                lecturer_errors, lecturer = lecturer.close(), None
        finally:
            for tab in tabs:
                tab.close()
            if lecturer is not None:
                lecturer.close()
        server_errors = server.script_errors()

    solo_rate = report("alone", solo_results, solo_stats)
    class_rate = report("together", class_results, class_stats)
    print(f"aggregate of {args.sessions} sessions / one alone: {class_rate / solo_rate:.2f}")
    failures = 0
    for result in solo_results + class_results:
        problems = verify(result)
        failures += bool(problems)
        print(f"seed {result['seed']}: {result['iterations']:,} iterations, "
              f"{result['connections']} websocket connection(s), "
              + ("as the page showed and identical to Trainer(seed) — own history, own model"
                 if not problems else "; ".join(problems)))
    # An exception box that a later rerun replaced is gone from the pages by
    # now, but the server logged it.
    for error in server_errors:
        print(f"server log: a script run failed: {error}")
    for error in lecturer_errors:
        print(f"lecturer's page: exception box: {error[:200]}")
    failures += bool(lecturer_errors)
    if failures or server_errors:
        sys.exit(f"{failures} session(s) failed the checks; "
                 f"{len(server_errors)} script run(s) failed")


if __name__ == "__main__":
    main()

r"""The server's CPU cost of a session that only watches its run train: milliseconds per second.

A student watching ``/training`` costs the server twice: its run trains (in a
thread of its own, one chunk per turn of the server's queue), and its page
redraws the live charts (a fragment rerun every
:func:`~seq2seq_core.figures.live.redraw_seconds`, asked for by its tab:
the run's history copied, curves and probe answers computed, figures
serialised and sent). Only the second is the cost of watching; the
target is ≤ 10 ms of CPU per second per watching session, so that 30 watchers
cost at most a third of a core.

Method. One local ``streamlit run app.py`` (``SEQ2SEQ_MAX_TRAINERS`` as large as
the largest count, so that every run trains); ``K`` sessions (for each of
``--counts``) each start a run of 50 000 iterations (no run ends during a
measurement) and then, with every run still training, the server's CPU time is
measured over ``--seconds`` twice:

* away: no session asks for a redraw (as a tab on another page of the app:
  the same session, so the runs go on training, but nothing is redrawn);
* watching: every session asks for the live panel's redraws at the interval
  the page sets.

The server's CPU time comes from ``/proc/<pid>/stat`` (user + system, every
thread, including threads that ended). The training threads' share is read
from ``/proc/<pid>/task/<tid>/stat``: they are the threads that appeared after
the presses of Start, live through the whole window, and are gone once every
run is paused. Subtracting it leaves the server's own work (script runs,
websockets, the event loop), and

    cost of one watcher = (own work watching - own work away) / (K × seconds).

Training does not enter the figure even when the redraws slow it down. The
redraws counted are the fragment reruns the sessions asked for, so the cost of
one redraw is printed too, and beside the measured cost the cost at the page's
nominal rate (one redraw every ``redraw_seconds(K)``).

The sessions are :class:`~benchmarks._protocol_student.ProtocolStudent`\ s,
which send what a browser tab sends but draw nothing: ten live tabs in one
Chromium on the server's own cores starve and ask for far fewer redraws than
the students' own computers would. The load average is printed before and
after each window: the machine may be shared.

    python -m benchmarks.watcher_cost [--counts 1 5 10 30] [--seconds 20]
"""
import argparse
import os
import time
from pathlib import Path

from seq2seq_core.figures.live import redraw_seconds
from seq2seq_core.line import MAX_TRAINERS_VARIABLE
from seq2seq_core.turns import TRAINING_TURNS

from ._protocol_student import ProtocolStudent
from .harness import cpu_seconds, streamlit_server

ITERATIONS = 50_000  # the slider's maximum: no run ends while measured
TARGET_MS_PER_SECOND = 10
SETTLE_SECONDS = 3.0  # after every tab changed page, before a window opens


def thread_cpu_seconds(pid):
    """dict of int to float: user + system CPU seconds of each live thread of process ``pid``."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        seconds[int(task.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def load_average():
    """str: the 1-minute load average of the machine now."""
    return Path("/proc/loadavg").read_text().split()[0]


class Window:
    """The server's CPU time over one measured stretch, its threads at both ends, the redraws."""

    def __init__(self, server, tabs, seconds):
        pid = server.process.pid
        load_before = load_average()
        reruns = _redraws_asked(tabs)
        threads, process, began = thread_cpu_seconds(pid), cpu_seconds(pid), time.perf_counter()
        time.sleep(seconds)
        self.threads_after, self.process = thread_cpu_seconds(pid), cpu_seconds(pid) - process
        self.elapsed = time.perf_counter() - began
        self.threads_before = threads
        self.redraws = _redraws_asked(tabs) - reruns
        self.load = f"{load_before}→{load_average()}"

    def split(self, not_training):
        """(training, own): CPU seconds of the training threads and of everything else."""
        training = sum(self.threads_after[tid] - self.threads_before[tid]
                       for tid in self.threads_after.keys() & self.threads_before.keys()
                       if tid not in not_training)
        return training, self.process - training


def _redraws_asked(students):
    """int: fragment reruns the students have asked for so far."""
    return sum(student.redraws for student in students)


def measure(server, tabs, seconds):
    """Start every tab's run; time the server away and watching; pause. Returns the two windows."""
    not_training = set(thread_cpu_seconds(server.process.pid))
    for tab in tabs:
        tab.press("train_start")
    for tab in tabs:
        tab.watching = False
    time.sleep(SETTLE_SECONDS)
    away = Window(server, tabs, seconds)
    for tab in tabs:
        tab.watching = True
    time.sleep(SETTLE_SECONDS)
    watching = Window(server, tabs, seconds)
    for tab in tabs:
        tab.press("train_pause")
        assert not tab.exceptions, f"seed {tab.seed}: exception: {tab.exceptions[0]}"
        assert tab.iteration > 0, f"seed {tab.seed}: its run did not train"
    # Threads still alive now (the event loop, a script run) are not training threads.
    not_training |= set(thread_cpu_seconds(server.process.pid))
    return away.split(not_training), watching.split(not_training), away, watching


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 5, 10, 30],
                        help="numbers of watching sessions, increasing")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each window")
    args = parser.parse_args()
    counts = sorted(set(args.counts))
    if counts[0] < 1 or counts[-1] > 100 or not 2 <= args.seconds <= 600:
        parser.error("counts must be in 1–100 and --seconds in 2–600")
    rows = []
    with streamlit_server(env={MAX_TRAINERS_VARIABLE: str(counts[-1])}) as server:
        print(f"server {server.url} healthy after {server.healthy_after:.2f} s", flush=True)
        tabs = []
        try:
            for count in counts:
                tabs.extend(ProtocolStudent(server.url, seed, ITERATIONS)
                            for seed in range(len(tabs) + 1, count + 1))
                (away_training, away_own), (watch_training, watch_own), away, watching = (
                    measure(server, tabs, args.seconds))
                per_watcher = ((watch_own / watching.elapsed - away_own / away.elapsed)
                               / count * 1000)
                per_redraw = ((watch_own - away_own * watching.elapsed / away.elapsed)
                              / max(watching.redraws, 1) * 1000)
                redraw_rate = watching.redraws / watching.elapsed / count
                rows.append((count, per_watcher, per_redraw, redraw_rate))
                print(f"{count} session(s): away: server {away.process / away.elapsed:.3f} cores "
                      f"(training {away_training / away.elapsed:.3f}, own work "
                      f"{away_own / away.elapsed:.3f}), {away.redraws} redraws, load {away.load}; "
                      f"watching: server {watching.process / watching.elapsed:.3f} cores "
                      f"(training {watch_training / watching.elapsed:.3f}, own work "
                      f"{watch_own / watching.elapsed:.3f}), {watching.redraws} redraws "
                      f"({redraw_rate:.2f}/s per session), load {watching.load}", flush=True)
        finally:
            for tab in tabs:
                tab.close()
        errors = server.script_errors()

    print(f"\none watching session's redraws cost the server "
          f"(target ≤ {TARGET_MS_PER_SECOND} ms/s; nominal: the page's timer):")
    for count, per_watcher, per_redraw, redraw_rate in rows:
        nominal = per_redraw / redraw_seconds(count, TRAINING_TURNS.slots)
        verdict = "within" if max(per_watcher, nominal) <= TARGET_MS_PER_SECOND else "ABOVE"
        print(f"  {count:2d} watching: {per_watcher:.1f} ms/s at {redraw_rate:.2f} redraws/s; "
              f"{per_redraw:.1f} ms per redraw, {nominal:.1f} ms/s at the nominal rate "
              f"(one every {redraw_seconds(count, TRAINING_TURNS.slots):.2f} s) "
              f"({verdict} the target)")
    for error in errors:
        print(f"server log: a script run failed: {error}")
    if errors:
        raise SystemExit(f"{len(errors)} script run(s) failed")


if __name__ == "__main__":
    main()

"""A lecture hall on one server: 30 students train and watch, a lecturer projects, visitors arrive.

One local ``streamlit run app.py`` held to ``--server-cpus`` cores (a CPU cgroup
quota, as a container's limit is) with ``SEQ2SEQ_MAX_TRAINERS`` set to
``--max-trainers``. Each student is a session on ``/training`` from a link
with its own seed, spoken over Streamlit's websocket without drawing
(:class:`benchmarks._protocol_student.ProtocolStudent`: the server gets what a
student's browser sends, including the live panel's redraws at the page's
interval, while the students' own computers would do the drawing). Every
student presses Start; once all train, for ``--seconds``: a lecturer's tab on
``/hidden_states`` (Chromium) draws a new example and a fresh visitor opens
``/`` (a second Chromium context, timed as in ``benchmarks.classroom_load``)
every ``--load-every`` seconds, and the server's resident memory is read five
times a second. Then every student presses Pause. With fewer places to train
than students, the others wait in line, their pages redrawn as the line moves;
the window's training students are those whose progress moved.

Printed, with the targets of issue 16: the server's peak memory (≤ 690 MB, the
smallest Community Cloud allowance), the fresh visitor's page drawn (median
≤ 3 s, max ≤ 5 s), fairness (iterations per second of the slowest student
over the fastest, over the same window, among the students that trained, from
the progress their pages showed and when it arrived; ≥ 0.7), and any
exception in a page or in the server's log (none).

    python -m benchmarks.lecture_hall [--students 30] [--server-cpus 1] [--max-trainers 30]
                                      [--seconds 60] [--load-every 10]
"""
import argparse
import statistics
import sys
import time

from seq2seq_core.line import MAX_TRAINERS_VARIABLE

from ._protocol_student import ProtocolStudent
from .classroom_load import TARGET_FAIRNESS, TARGET_MEMORY_MB, Lecturer
from .harness import chromium, streamlit_server, time_fresh_home_load

ITERATIONS = 50_000  # no run ends within the window
TARGET_DRAWN_MEDIAN, TARGET_DRAWN_MAX = 3.0, 5.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--server-cpus", type=float, default=1.0)
    parser.add_argument("--max-trainers", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--load-every", type=float, default=10.0)
    args = parser.parse_args()
    if not 1 <= args.students <= 100 or not 5 <= args.seconds <= 600:
        parser.error("--students must be in 1–100 and --seconds in 5–600")

    env = {MAX_TRAINERS_VARIABLE: str(args.max_trainers)}
    with streamlit_server(cpus=args.server_cpus, env=env) as server, chromium() as browser:
        print(f"server {server.url}: CPU limit {args.server_cpus} cores, {env}; "
              f"{server.rss_mb():.0f} MiB idle", flush=True)
        students = []
        try:
            for seed in range(1, args.students + 1):
                students.append(ProtocolStudent(server.url, seed, ITERATIONS))
            for student in students:
                student.wait_for_page("train_start")
            lecturer = Lecturer(browser, server.url)
            print(f"{len(students)} students and a lecturer on their pages; "
                  f"server {server.rss_mb():.0f} MiB", flush=True)
            for student in students:
                student.press("train_start")
            time.sleep(args.load_every / 2)  # every run in its turns
            cpu_before, began = server.cpu_seconds(), time.perf_counter()
            redraws_before = sum(student.redraws for student in students)
            loads, peak_mb = [], server.rss_mb()
            next_load = began
            while time.perf_counter() < began + args.seconds:
                peak_mb = max(peak_mb, server.rss_mb())
                if time.perf_counter() >= next_load:
                    lecturer.next_example()
                    loads.append(time_fresh_home_load(browser, server.url))
                    print(f"  fresh / drawn in {loads[-1].drawn:.2f} s (answered "
                          f"{loads[-1].answered:.2f} s), server {server.rss_mb():.0f} MiB",
                          flush=True)
                    next_load += args.load_every
                time.sleep(0.2)
            ended = time.perf_counter()
            elapsed = ended - began
            # From the progress each page showed, stamped as it arrived: a page redrawn
            # every few seconds shows an iteration up to that old at the window's ends.
            by_student = [student.rate(began, ended) for student in students]
            rates = [rate for rate in by_student if rate]
            server_cores = (server.cpu_seconds() - cpu_before) / elapsed
            redraws = sum(student.redraws for student in students) - redraws_before
            for student in students:
                student.press("train_pause")
            peak_mb = max(peak_mb, server.rss_mb())
            lecturer_errors = lecturer.close()
        finally:
            for student in students:
                student.close()
        page_errors = [error for student in students for error in student.exceptions]
        server_errors = server.script_errors()

    drawn = [load.drawn for load in loads]
    print(f"\n{args.students} students, server held to {args.server_cpus} cores, "
          f"{args.max_trainers} may train at once, {elapsed:.0f} s window:")
    print(f"  server memory at most {peak_mb:.0f} MiB ({peak_mb * 2**20 / 1e6:.0f} MB; "
          f"target ≤ {TARGET_MEMORY_MB} MB)")
    print(f"  fresh visitor, page drawn: {', '.join(f'{s:.2f}' for s in drawn)} s "
          f"(median {statistics.median(drawn):.2f}, max {max(drawn):.2f}; "
          f"target median ≤ {TARGET_DRAWN_MEDIAN} s, max ≤ {TARGET_DRAWN_MAX} s)")
    for what in ("answered", "script"):
        times = [getattr(load, what) for load in loads]
        print(f"  fresh visitor, {what}: median {statistics.median(times):.2f}, "
              f"max {max(times):.2f} s")
    fairness = min(rates) / max(rates) if rates else 0.0
    print(f"  training: {len(rates)} students trained, {args.students - len(rates)} waited in "
          f"line; {sum(rates):.0f} it/s in all, per training student "
          f"{min(rates):.1f}–{max(rates):.1f}; "
          f"(by seed: {', '.join('–' if not rate else f'{rate:.0f}' for rate in by_student)}); "
          f"fairness {fairness:.2f} (target ≥ {TARGET_FAIRNESS})")
    print(f"  server CPU {server_cores:.2f} cores; "
          f"{redraws / elapsed / args.students:.2f} redraws/s asked per student")
    waiting = [student for student in students if student.iteration == 0]
    if waiting:
        print(f"  a waiting student's page said: {waiting[-1].notice!r}")
    errors = page_errors + lecturer_errors + server_errors
    for error in errors:
        print(f"  exception: {error[:200]}")
    print(f"  exceptions: {len(errors)} (target 0)")
    expected_trainers = min(args.students, args.max_trainers)
    if errors or len(rates) != expected_trainers:
        sys.exit(f"{len(errors)} exception(s); {len(rates)} students trained, "
                 f"{expected_trainers} should have")


if __name__ == "__main__":
    main()

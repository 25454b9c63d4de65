"""Frames the browser paints on ``/training`` while a run trains, against the same page at rest.

The browser test ``test_the_curves_grow_while_training_and_pause_stops_it`` checks
every painted frame for blank, doubled or older charts but asserts no frame
rate: a busy machine paints fewer frames for reasons of its own. The rate is
measured here, as a ratio against a reference taken in the same round: the
same tab's frames per second while the run is paused (nothing redraws). A
ratio near 1 means the live redraws cost the browser hardly any frames.

    python -m benchmarks.live_chart_frames [--rounds 3] [--seconds 4]
"""
import argparse
import statistics

from ._training_tab import TrainingTab
from .harness import chromium, streamlit_server

SEED = 0
ITERATIONS = 50_000  # long enough that no round's run ends while frames are counted
COUNT_FRAMES_JS = """(seconds) => new Promise((resolve) => {
    let frames = 0;
    const began = performance.now();
    const count = (now) => {
        frames += 1;
        if (now - began < seconds * 1000) requestAnimationFrame(count);
        else resolve(frames / ((now - began) / 1000));
    };
    requestAnimationFrame(count);
})"""


def frame_rates(browser, server, seconds):
    """(training, paused): frames per second the tab paints in each state."""
    tab = TrainingTab(browser, server.url, SEED, ITERATIONS)
    try:
        tab.start()
        tab.page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0",
                                   timeout=60_000)
        training = tab.page.evaluate(COUNT_FRAMES_JS, seconds)
        tab.pause()
        tab.wait_until_stopped()
        paused = tab.page.evaluate(COUNT_FRAMES_JS, seconds)
        errors = tab.exceptions()
        assert not errors, f"exception box: {errors[0]}"
        return training, paused
    finally:
        tab.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0, help="frames counted per state")
    args = parser.parse_args()
    if args.rounds < 1 or not 0.5 <= args.seconds <= 60:
        parser.error("--rounds ≥ 1 and --seconds in 0.5–60")
    ratios = []
    with streamlit_server() as server, chromium() as browser:
        for round_number in range(1, args.rounds + 1):
            training, paused = frame_rates(browser, server, args.seconds)
            ratios.append(training / paused)
            print(f"round {round_number}: {training:.0f} frames/s while training, "
                  f"{paused:.0f} paused (ratio {ratios[-1]:.2f})", flush=True)
    print(f"median over {args.rounds} round(s): "
          f"training / paused = {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()

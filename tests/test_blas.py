"""One BLAS thread for the whole process, so sessions training side by side train reproducibly."""
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import ThreadpoolController

from seq2seq_core.train import Hyperparameters, Trainer

pytestmark = pytest.mark.skipif(not ThreadpoolController().select(user_api="blas").lib_controllers,
                                reason="no BLAS library that threadpoolctl can limit")


ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh process: in this one an earlier test has long since set the limit (for
# good, by design), so the count would be 1 whatever use_one_blas_thread did.
ONE_SESSION_ASKS = textwrap.dedent("""
    import threading

    import numpy  # loads OpenBLAS
    from threadpoolctl import ThreadpoolController

    def blas_threads():
        return ThreadpoolController().select(user_api="blas").info()[0]["num_threads"]

    def in_a_thread(function):  # like a session's script thread, which ends after its run
        result = []
        thread = threading.Thread(target=lambda: result.append(function()))
        thread.start()
        thread.join(10)
        return result[0]

    # Two threads to start from, whatever OPENBLAS_NUM_THREADS says; set from a thread
    # that then ends, since OpenBLAS ignores other threads' limits while the setter lives.
    in_a_thread(lambda: ThreadpoolController().limit(limits=2, user_api="blas"))
    print(blas_threads())

    from seq2seq_core.blas import use_one_blas_thread

    in_a_thread(use_one_blas_thread)
    print(in_a_thread(blas_threads), blas_threads())
""")


def test_one_blas_thread_in_every_thread_once_any_thread_asked():
    result = subprocess.run([sys.executable, "-c", ONE_SESSION_ASKS], cwd=ROOT, text=True,
                            capture_output=True, timeout=60, check=True)
    before, after = result.stdout.splitlines()
    if before != "2":
        pytest.skip(f"BLAS could not be given two threads to start from (it has {before})")
    assert after == "1 1", "another thread and the main thread each have one BLAS thread"


def test_runs_trained_side_by_side_equal_runs_trained_alone():
    seeds, iterations = (1, 2, 3), 150
    trainers = {seed: Trainer(Hyperparameters(seed=seed, iterations=iterations)) for seed in seeds}

    def train_in_small_chunks(trainer):  # as the training page does, one session per thread
        while not trainer.done:
            trainer.step(iterations, max_seconds=0.002)

    threads = [threading.Thread(target=train_in_small_chunks, args=(trainer,))
               for trainer in trainers.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for seed, trainer in trainers.items():
        alone = Trainer(Hyperparameters(seed=seed, iterations=iterations))
        alone.step(iterations)
        np.testing.assert_array_equal(trainer.history["loss"], alone.history["loss"])

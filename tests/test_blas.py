"""One BLAS thread for the whole process, so sessions training side by side train reproducibly."""
import threading

import numpy as np
import pytest
from threadpoolctl import ThreadpoolController

from seq2seq_core.blas import use_one_blas_thread
from seq2seq_core.train import Hyperparameters, Trainer

pytestmark = pytest.mark.skipif(not ThreadpoolController().select(user_api="blas").lib_controllers,
                                reason="no BLAS library that threadpoolctl can limit")


def blas_threads():
    return ThreadpoolController().select(user_api="blas").info()[0]["num_threads"]


def test_one_blas_thread_in_every_thread_once_any_thread_asked():
    asking = threading.Thread(target=use_one_blas_thread)  # like one session's script thread
    asking.start()
    asking.join(10)
    seen = []
    other = threading.Thread(target=lambda: seen.append(blas_threads()))
    other.start()
    other.join(10)
    assert seen == [1]
    assert blas_threads() == 1


def test_runs_trained_side_by_side_equal_runs_trained_alone():
    seeds, iterations = (1, 2, 3), 150
    trainers = {seed: Trainer(Hyperparameters(seed=seed, iterations=iterations)) for seed in seeds}

    def train_in_small_chunks(trainer):  # as the training page does, one session per thread
        while not trainer.done:
            trainer.step(iterations, max_seconds=0.002)

    threads = [threading.Thread(target=train_in_small_chunks, args=(trainer,)) for trainer in trainers.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for seed, trainer in trainers.items():
        alone = Trainer(Hyperparameters(seed=seed, iterations=iterations))
        alone.step(iterations)
        np.testing.assert_array_equal(trainer.history["loss"], alone.history["loss"])

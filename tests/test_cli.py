"""The command line, run as a student would: ``python -m seq2seq_core …``."""
import json
import subprocess
import sys

import numpy as np
import pytest

from seq2seq_core.checkpoint import load_checkpoint


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "seq2seq_core", *args], capture_output=True, text=True, timeout=120
    )


def test_train_writes_a_checkpoint_that_evaluate_reads(tmp_path):
    out = tmp_path / "small.npz"
    result = run("train", "--iterations", "40", "--hidden", "12", "--lr", "0.005",
                 "--batch-size", "16", "--min-len", "2", "--max-len", "4", "--seed", "9",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "finished after 40 iterations" in result.stdout
    checkpoint = load_checkpoint(out)
    hp = checkpoint.hyperparameters
    assert (hp.hidden, hp.learning_rate, hp.batch_size, hp.min_len, hp.max_len, hp.seed) == (
        12, 0.005, 16, 2, 4, 9)
    evaluated = run("evaluate", "--checkpoint", str(out), "--max-len", "3", "--samples", "20")
    assert evaluated.returncode == 0
    assert evaluated.stdout.splitlines()[0].split() == ["length", "exact", "match", "token",
                                                         "accuracy"]
    assert len(evaluated.stdout.splitlines()) == 4


def test_evaluate_json_is_exactly_one_object():
    result = run("evaluate", "--min-len", "1", "--max-len", "12", "--samples", "200", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)  # the whole of stdout is one JSON document
    assert set(payload) == {"lengths", "exact_match", "token_accuracy"}
    assert payload["lengths"] == list(range(1, 13))
    assert all(len(payload[key]) == 12 for key in payload)
    assert min(payload["exact_match"][:10]) >= 0.95  # the shipped model by default


@pytest.mark.parametrize(
    "args",
    [
        ("train", "--hidden", "0"),
        ("train", "--lr", "abc"),
        ("train", "--min-len", "9", "--max-len", "3"),
        ("evaluate", "--samples", "0"),
        ("evaluate", "--min-len", "5", "--max-len", "2"),
        ("evaluate", "--checkpoint", "/nonexistent/model.npz"),
        ("bogus",),
        (),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""


def test_a_bad_checkpoint_file_gives_one_line_and_exit_2(tmp_path):
    fake = tmp_path / "photo.npz"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + np.random.default_rng(0).bytes(300))
    result = run("evaluate", "--checkpoint", str(fake))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not a usable checkpoint" in result.stderr and len(result.stderr.splitlines()) == 1


def test_unwritable_output_gives_one_line_and_exit_2(tmp_path):
    result = run("train", "--iterations", "2", "--hidden", "4", "--out",
                 str(tmp_path / "missing-dir" / "x.npz"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write" in result.stderr

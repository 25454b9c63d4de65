"""Checkpoints: round trip, the shipped model, and rejection of anything else."""
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

import seq2seq_core
from seq2seq_core.checkpoint import (
    FORMAT_VERSION,
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    load_pretrained,
    parameter_shapes,
    save_checkpoint,
)
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.train import Hyperparameters, Trainer

HP = Hyperparameters(hidden=8, batch_size=10, iterations=30, max_len=5, seed=2)


@pytest.fixture(scope="module")
def trained():
    trainer = Trainer(HP)
    trainer.step(20)
    return trainer


@pytest.fixture(scope="module")
def good_bytes(trained):
    return checkpoint_bytes(trained.model, HP, trained.history)


def arrays_of(data):
    with np.load(io.BytesIO(data)) as npz:
        return {key: npz[key] for key in npz.files}


def npz_bytes(arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_round_trip_keeps_weights_hyperparameters_and_history(trained, good_bytes, tmp_path):
    path = tmp_path / "run.npz"
    save_checkpoint(path, trained.model, HP, trained.history)
    for source in (path, str(path), good_bytes, io.BytesIO(good_bytes)):
        loaded = load_checkpoint(source)
        assert loaded.hyperparameters == HP
        for p, q in zip(trained.model.parameters, loaded.model.parameters):
            np.testing.assert_array_equal(p.data, q.data)
        for name, values in trained.history.items():
            np.testing.assert_allclose(loaded.history[name], values, rtol=1e-6)
            assert len(loaded.history[name]) == 20


def test_file_layout(good_bytes):
    arrays = arrays_of(good_bytes)
    assert int(arrays["format_version"]) == FORMAT_VERSION
    assert json.loads(str(arrays["hyperparameters"])) == HP.to_dict()
    for name, shape in parameter_shapes(8).items():
        assert arrays[name].shape == shape and arrays[name].dtype == np.float32


def test_shipped_model_is_small_and_has_the_notebook_defaults():
    pretrained_dir = Path(seq2seq_core.__file__).parent / "pretrained"
    path = pretrained_dir / MODEL_KINDS["seq2seq"].pretrained_file
    assert path.stat().st_size < 1_000_000
    shipped = load_pretrained()
    defaults = Hyperparameters()
    assert shipped.hyperparameters.to_dict() | {"seed": 0} == defaults.to_dict() | {"seed": 0}
    assert len(shipped.history["loss"]) == defaults.iterations
    assert load_pretrained().model is not shipped.model, "every caller gets its own copy"


def png_bytes():
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)


def corrupt(good, **changes):
    arrays = arrays_of(good)
    for key, value in changes.items():
        if value is None:
            del arrays[key]
        else:
            arrays[key] = value
    return npz_bytes(arrays)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda good: b"", "not_npz"),
        (lambda good: np.random.default_rng(0).bytes(5000), "not_npz"),
        (lambda good: png_bytes(), "not_npz"),
        (lambda good: good[: len(good) // 2], "not_npz"),
        (lambda good: npz_bytes({"weights": np.array([object()], dtype=object)}), "not_npz"),
        (lambda good: corrupt(good, format_version=np.array(99)), "version"),
        (lambda good: corrupt(good, format_version=None), "missing"),
        (lambda good: corrupt(good, hyperparameters=np.array("{not json")), "metadata"),
        (lambda good: corrupt(good, hyperparameters=np.array('{"hidden": -3}')), "metadata"),
        (lambda good: corrupt(good, **{"decoder.fc_h2h.weight": None}), "missing"),
        (lambda good: corrupt(good, **{"decoder.fc_h2h.weight": np.zeros((9, 8), np.float32)}),
         "shape"),
        (lambda good: corrupt(good, **{"encoder.fc_x2h.bias": np.zeros((1, 8), np.float64)}),
         "dtype"),
        (lambda good: corrupt(good, **{"encoder.fc_x2h.bias": np.full((1, 8), np.nan, np.float32)}),
         "not_finite"),
        (lambda good: corrupt(good, **{"history.loss": np.zeros(3, np.float32)}), "shape"),
        (lambda good: corrupt(good, **{"history.loss": None}), "missing"),
    ],
    ids=["empty", "random", "png", "truncated", "pickle", "version", "no-version", "bad-json",
         "bad-hyperparameters", "missing-weight", "wrong-shape", "wrong-dtype", "nan",
         "history-length", "no-history"],
)
def test_anything_else_raises_one_clear_error(good_bytes, make, reason):
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(make(good_bytes))
    assert info.value.reason == reason


def test_a_zip_that_is_not_an_npz(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(buffer.getvalue())
    assert info.value.reason in {"not_npz", "missing"}


def test_oversized_upload_is_refused_before_reading():
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(b"0" * (21 * 2**20))
    assert info.value.reason == "too_large"


def test_the_code_never_allows_pickles():
    source_dir = Path(seq2seq_core.__file__).parent
    for path in source_dir.rglob("*.py"):
        assert "allow_pickle=True" not in path.read_text(encoding="utf-8"), path

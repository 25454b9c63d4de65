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
from seq2seq_core.data import generate_batch
from seq2seq_core.i18n import t
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


CELLS = ["relu", "tanh", "gru", "lstm"]


def checkpoint_of(cell, kind="seq2seq"):
    trainer = Trainer(HP, kind=kind, cell=cell)
    trainer.step(3)
    return trainer.model, checkpoint_bytes(trainer.model, HP, trainer.history)


@pytest.mark.parametrize("cell", CELLS)
def test_a_checkpoint_records_its_cell_and_loads_as_a_model_of_that_cell(cell):
    model, data = checkpoint_of(cell)
    assert str(arrays_of(data)["cell"]) == cell
    for loaded in (load_checkpoint(data), load_checkpoint(data, cell=cell)):
        assert loaded.cell == loaded.model.cell == cell
        for p, q in zip(model.parameters, loaded.model.parameters, strict=True):
            np.testing.assert_array_equal(p.data, q.data)
        x, _, _ = generate_batch(1, 5, 4, rng=np.random.default_rng(0))
        np.testing.assert_array_equal(loaded.model(x).data, model(x).data)


def test_a_file_without_a_cell_is_the_notebooks_relu(good_bytes):
    arrays = arrays_of(good_bytes)
    del arrays["cell"]
    assert load_checkpoint(npz_bytes(arrays), cell="relu").cell == "relu"
    # the shipped files were written before the cell was a choice
    pretrained_dir = Path(seq2seq_core.__file__).parent / "pretrained"
    for kind in MODEL_KINDS.values():
        with np.load(pretrained_dir / kind.pretrained_file) as npz:
            assert "cell" not in npz.files
        assert load_pretrained(kind.name).cell == "relu"


@pytest.mark.parametrize("saved, asked", [("relu", "tanh"), ("tanh", "relu"), ("gru", "lstm"),
                                          ("lstm", "gru"), ("gru", "relu")])
def test_a_checkpoint_of_one_cell_asked_for_as_another_is_refused_in_both_languages(saved, asked):
    _, data = checkpoint_of(saved)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(data, cell=asked)
    assert info.value.reason == "cell" and info.value.detail == f"{saved} ≠ {asked}"
    for lang in ("ko", "en"):
        message = t(f"training.upload.{info.value.reason}", lang, detail=info.value.detail)
        assert f"{saved} ≠ {asked}" in message


@pytest.mark.parametrize("saved, written, reason", [
    ("gru", "lstm", "shape"),  # a GRU's weights are 3 blocks wide, an LSTM's 4
    ("lstm", None, "shape"),  # without a cell, the file is relu's: 1 block
    ("relu", "gru", "shape"),
    ("relu", "sigmoid", "metadata"),
    ("relu", 3, "metadata"),
])
def test_a_cell_that_does_not_fit_the_weights_is_refused(saved, written, reason):
    _, data = checkpoint_of(saved)
    arrays = arrays_of(data)
    if written is None:
        del arrays["cell"]
    else:
        arrays["cell"] = np.array(written)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(npz_bytes(arrays))
    assert info.value.reason == reason


def test_a_kind_without_a_choice_of_cell_refuses_a_file_that_names_another():
    _, data = checkpoint_of("relu", kind="attention")
    arrays = arrays_of(data)
    assert load_checkpoint(data).cell == "relu"
    arrays["cell"] = np.array("gru")
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(npz_bytes(arrays))
    assert info.value.reason == "metadata"

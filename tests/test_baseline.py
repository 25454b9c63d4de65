"""The one-pass RNN baseline: fast path = notebook RNN, same Trainer, same checkpoints, CLI."""
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from mygrad.nnet.losses import softmax_crossentropy

import seq2seq_core
from seq2seq_core.baseline import (
    baseline_loss,
    one_pass_exact_match_ceiling,
    predict_baseline_tokens,
)
from seq2seq_core.checkpoint import (
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    load_pretrained,
    parameter_shapes,
)
from seq2seq_core.comparison import evaluate_model
from seq2seq_core.data import generate_batch
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.model import RNN, Seq2Seq
from seq2seq_core.recurrence import Workspace
from seq2seq_core.train import Hyperparameters, Trainer

SMALL = Hyperparameters(hidden=8, batch_size=10, iterations=30, max_len=5, seed=3)


def gradients(model):
    return [p.grad.copy() for p in model.parameters]


@pytest.mark.parametrize("dtype, atol", [(np.float32, 1e-6), (np.float64, 1e-12)])
@pytest.mark.parametrize("length", [1, 2, 7, 20, 30])
def test_loss_scores_and_every_gradient_equal_the_notebook_rnn(dtype, atol, length):
    rng = np.random.default_rng(length)
    model = RNN(12, 50, 12, rng=rng)
    for p in model.parameters:
        p.data = p.data.astype(dtype)
    x, y, _ = generate_batch(length, length, 64, rng=rng)
    x = x.astype(dtype)

    reference_logits, _ = model(x)
    reference = softmax_crossentropy(reference_logits.reshape(-1, 12), y.reshape(-1))
    reference.backward()
    reference_grads = gradients(model)
    for p in model.parameters:
        p.null_grad()

    loss, logits = baseline_loss(model, x, y)
    loss.backward()
    assert loss.item() == pytest.approx(reference.item(), abs=atol)
    np.testing.assert_allclose(logits.data, reference_logits.data, atol=atol, rtol=0)
    for reference_grad, grad in zip(reference_grads, gradients(model)):
        np.testing.assert_allclose(grad, reference_grad, atol=atol, rtol=0)


def test_a_reused_workspace_gives_the_same_loss_and_gradients():
    rng = np.random.default_rng(0)
    model = RNN(12, 16, 12, rng=rng)
    workspace = Workspace()
    for length in (9, 3, 14):  # grows, shrinks and grows again
        x, y, _ = generate_batch(length, length, 10, rng=rng)
        results = []
        for scratch in (None, workspace):
            loss, _ = baseline_loss(model, x, y, scratch)
            loss.backward()
            results.append((loss.item(), gradients(model)))
            for p in model.parameters:
                p.null_grad()
        assert results[0][0] == results[1][0]
        for fresh, reused in zip(results[0][1], results[1][1]):
            np.testing.assert_array_equal(fresh, reused)


def test_predictions_are_the_argmax_of_the_notebook_rnn():
    rng = np.random.default_rng(1)
    model = RNN(12, 20, 12, rng=rng)
    x, _, digits = generate_batch(6, 6, 30, rng=rng)
    logits, _ = model(x)
    np.testing.assert_array_equal(predict_baseline_tokens(model, digits), logits.data.argmax(-1))


def test_the_ceiling_is_a_tenth_per_unread_output():
    # length 1: the digit is read before it is said; 2: one unread; 5: outputs 0 and 1 unread
    np.testing.assert_allclose(one_pass_exact_match_ceiling([1, 2, 3, 4, 5]),
                               [1, 0.1, 0.1, 0.01, 0.01])


def test_the_trainer_trains_a_baseline_and_the_checkpoint_round_trips():
    trainer = Trainer(SMALL, kind="baseline")
    assert isinstance(trainer.model, RNN) and trainer.kind == "baseline"
    metrics = trainer.step(30)
    assert len(metrics["loss"]) == 30 and np.isfinite(metrics["loss"]).all()
    assert trainer.status == "finished"

    data = checkpoint_bytes(trainer.model, SMALL, trainer.history)
    loaded = load_checkpoint(data)
    assert loaded.kind == "baseline" and isinstance(loaded.model, RNN)
    for p, q in zip(trainer.model.parameters, loaded.model.parameters):
        np.testing.assert_array_equal(p.data, q.data)
    with np.load(io.BytesIO(data)) as npz:
        assert set(parameter_shapes(8, kind="baseline")) <= set(npz.files)
        assert str(npz["kind"]) == "baseline"


def test_a_given_model_brings_its_kind_and_a_contradiction_is_refused():
    assert Trainer(SMALL, model=RNN(12, 8, 12)).kind == "baseline"
    with pytest.raises(ValueError, match="baseline"):
        Trainer(SMALL, model=RNN(12, 8, 12), kind="seq2seq")
    with pytest.raises(ValueError, match="kind"):
        Trainer(SMALL, kind="transformer")


def test_files_without_a_kind_are_seq2seq_and_a_bad_kind_is_refused():
    trainer = Trainer(SMALL)
    with np.load(io.BytesIO(checkpoint_bytes(trainer.model, SMALL, trainer.history))) as npz:
        arrays = {key: npz[key] for key in npz.files}
    del arrays["kind"]
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    assert isinstance(load_checkpoint(buffer.getvalue()).model, Seq2Seq)

    for bad in ("transformer", 3):
        arrays["kind"] = np.array(bad)
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        with pytest.raises(CheckpointError) as error:
            load_checkpoint(buffer.getvalue())
        assert error.value.reason == "metadata"


def test_the_shipped_baseline_is_small_and_trained_with_the_notebooks_budget():
    pretrained_dir = Path(seq2seq_core.__file__).parent / "pretrained"
    path = pretrained_dir / MODEL_KINDS["baseline"].pretrained_file
    assert path.stat().st_size < 1_000_000
    shipped = load_pretrained("baseline")
    assert shipped.kind == "baseline"
    assert shipped.hyperparameters == Hyperparameters()
    assert len(shipped.history["loss"]) == 10_000


def test_the_shipped_baseline_does_what_one_pass_allows_and_no_more():
    evaluation = evaluate_model(load_pretrained("baseline").model, 1, 8, samples=1000)
    # length 1 is solvable in one pass; beyond, the unread outputs cap exact match
    assert evaluation.exact_match[0] > 0.97
    ceiling = one_pass_exact_match_ceiling(evaluation.lengths)
    assert (evaluation.exact_match[1:] <= ceiling[1:] + 0.03).all()


def test_cli_trains_and_evaluates_a_baseline(tmp_path):
    out = tmp_path / "baseline.npz"
    run = [sys.executable, "-m", "seq2seq_core"]
    trained = subprocess.run(
        run + ["train", "--model", "baseline", "--iterations", "20", "--hidden", "8",
               "--max-len", "4", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert trained.returncode == 0, trained.stderr
    assert load_checkpoint(out).kind == "baseline"
    evaluated = subprocess.run(
        run + ["evaluate", "--checkpoint", str(out), "--max-len", "3", "--samples", "20"],
        capture_output=True, text=True, timeout=120,
    )
    assert evaluated.returncode == 0, evaluated.stderr
    assert len(evaluated.stdout.splitlines()) == 4

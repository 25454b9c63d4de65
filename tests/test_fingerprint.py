"""A model known by its weights (seq2seq_core.fingerprint)."""

from seq2seq_core.checkpoint import load_pretrained
from seq2seq_core.fingerprint import is_pretrained, model_fingerprint


def test_pretrained_is_recognised_and_one_changed_weight_is_not():
    pretrained = load_pretrained().model
    assert is_pretrained(pretrained)
    changed = load_pretrained().model
    changed.decoder.fc_h2y.bias.data[0, 0] += 1e-3
    assert not is_pretrained(changed)
    assert model_fingerprint(changed) != model_fingerprint(pretrained)
    assert model_fingerprint(load_pretrained().model) == model_fingerprint(pretrained)


def test_each_kinds_shipped_model_is_recognised_as_pretrained_and_no_other_kinds_is():
    from seq2seq_core.kinds import MODEL_KINDS

    for name in MODEL_KINDS:
        assert is_pretrained(load_pretrained(name).model)
    trained_elsewhere = load_pretrained("attention").model
    trained_elsewhere.fc_score.weight.data[0, 0] += 1e-3
    assert not is_pretrained(trained_elsewhere)


def test_models_of_two_cells_with_the_same_weights_have_two_fingerprints():
    import numpy as np

    from seq2seq_core.model import Seq2Seq

    relu = Seq2Seq(12, 8, 12, rng=np.random.default_rng(0))
    tanh = Seq2Seq(12, 8, 12, rng=np.random.default_rng(0), cell="tanh")
    assert all(np.array_equal(p.data, q.data) for p, q in zip(relu.parameters, tanh.parameters))
    assert model_fingerprint(relu) != model_fingerprint(tanh)
    shipped = load_pretrained().model
    as_tanh = Seq2Seq(12, 50, 12, cell="tanh")
    for p, q in zip(as_tanh.parameters, shipped.parameters):
        p.data = q.data.copy()
    assert not is_pretrained(as_tanh)

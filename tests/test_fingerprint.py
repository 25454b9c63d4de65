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

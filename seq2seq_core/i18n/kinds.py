"""Names of the model kinds (:mod:`seq2seq_core.kinds`): the kind, and its shipped pretrained model."""

STRINGS = {
    "kinds.seq2seq": {"ko": "seq2seq (인코더 → 디코더)", "en": "seq2seq (encoder → decoder)"},
    "kinds.seq2seq.shipped": {"ko": "사전학습 seq2seq", "en": "Pretrained seq2seq"},
    "kinds.attention": {"ko": "seq2seq + 어텐션", "en": "seq2seq + attention"},
    "kinds.attention.shipped": {"ko": "사전학습 어텐션 seq2seq", "en": "Pretrained attention seq2seq"},
    "kinds.baseline": {"ko": "한 번에 읽는 RNN", "en": "one-pass RNN"},
    "kinds.baseline.shipped": {"ko": "한 번에 읽는 RNN (기준선)", "en": "One-pass RNN (baseline)"},
}

"""Strings of the accuracy page ``/accuracy`` and its figures."""

STRINGS = {
    "accuracy.intro": {
        "ko": (
            "노트북은 마지막에 길이별 정답률(시퀀스 전체를 정확히 뒤집은 비율)을 재고 묻습니다. "
            "**seq2seq는 기본 RNN과 무엇이 다르고, 왜 긴 시퀀스에서 틀릴까?** 이 페이지는 같은 무작위 "
            "시퀀스로 여러 모델을 평가해 그 답을 그래프로 보여 주고, 어텐션이 무엇을 고치는지도 보여 줍니다."
        ),
        "en": (
            "The notebook ends by measuring exact-match accuracy (the share of sequences reversed "
            "exactly) by length and asks: **how does seq2seq differ from a plain RNN, and why does it "
            "fail on long sequences?** This page evaluates several models on the same random sequences "
            "and answers with charts, then shows what attention fixes."
        ),
    },
    "accuracy.samples": {"ko": "길이마다 평가할 시퀀스 수", "en": "Sequences evaluated per length"},
    "accuracy.samples_help": {
        "ko": "많을수록 신뢰구간이 좁아지고 평가가 오래 걸립니다. 결과는 모델마다 저장되어 다시 계산하지 않습니다.",
        "en": "More sequences give narrower intervals and take longer. Results are kept per model and not recomputed.",
    },
    "accuracy.lengths": {"ko": "평가할 길이 범위", "en": "Lengths to evaluate"},
    "accuracy.models": {"ko": "비교할 모델", "en": "Models to compare"},
    "accuracy.no_models": {
        "ko": "비교할 모델을 하나 이상 고르세요.",
        "en": "Choose at least one model to compare.",
    },
    "accuracy.model.current": {"ko": "현재 모델", "en": "Current model"},
    "accuracy.model.caption": {
        "ko": "**현재 모델**은 학습 페이지에서 학습하거나 올린 모델이며, 그러기 전에는 사전학습 seq2seq와 같습니다. "
        "**어텐션 seq2seq**는 같은 크기의 인코더와 디코더에 어텐션을 더한 모델입니다(아래 \"해결책\"). "
        "**기준선**은 노트북의 \"여기서 잠깐\"에 나오는 단순 RNN입니다. 같은 크기(12 → {hidden} → 12)로 숫자와 "
        "`<END>`를 읽으면서 단계 t마다 y[t]를 바로 출력합니다. 세 사전학습 모델은 같은 예산(반복 {iterations:,}번, "
        "배치 {batch}, 길이 {min_len}–{max_len}, Adam 학습률 {lr:g})으로 학습했습니다.",
        "en": "The **current model** is the one trained or uploaded on the training page; until then it is the "
        "pretrained seq2seq. The **attention seq2seq** adds attention to an encoder and decoder of the same size "
        "(see \"the cure\" below). The **baseline** is the simple RNN of the notebook's \"Wait a moment\" note "
        "(여기서 잠깐): the same size (12 → {hidden} → 12), it reads the digits and `<END>` and emits y[t] at every "
        "step t. The three pretrained models were trained with the same budget ({iterations:,} iterations, "
        "batch {batch}, lengths {min_len}–{max_len}, Adam lr {lr:g}).",
    },
    "accuracy.evaluating": {"ko": "{name} 평가 중…", "en": "Evaluating {name}…"},
    "accuracy.by_length": {"ko": "정답률과 토큰 정확도", "en": "Exact match and token accuracy"},
    "accuracy.by_length.caption": {
        "ko": "회색 띠는 학습에 쓰인 길이입니다. 막대는 정답률의 95 % 윌슨 신뢰구간입니다(길이마다 {samples}개). "
        "점선은 한 번에 읽는 모델이 이론상 낼 수 있는 최고 정답률 0.1^⌊L/2⌋입니다. "
        "오른쪽은 토큰(`<END>` 포함) 단위 정확도로, 몇 자리만 틀려도 정답률은 0이 되지만 토큰 정확도는 천천히 떨어집니다.",
        "en": "The grey band is the lengths used in training. Bars are 95 % Wilson intervals of the exact match "
        "({samples} sequences per length). The dotted line is the best a one-pass model can do, 0.1^⌊L/2⌋. "
        "On the right, accuracy per token (`<END>` included): one wrong digit makes a sequence wrong, so exact "
        "match drops to 0 while token accuracy falls slowly.",
    },
    "accuracy.positions": {"ko": "어느 출력 위치부터 틀리나", "en": "Which output positions fail first"},
    "accuracy.positions.model": {"ko": "보여 줄 모델", "en": "Model to show"},
    "accuracy.positions.caption": {
        "ko": "행은 입력 길이 L, 열은 출력 위치(1 = 첫 출력 = 입력의 마지막 숫자, L+1 = `<END>`)입니다. "
        "오른쪽 위의 빈칸은 그 길이에 없는 위치입니다. 기준선에서는 주황 점선 왼쪽의 출력이 아직 읽지 않은 숫자입니다.",
        "en": "Rows are input lengths L, columns output positions (1 = first output = last input digit, "
        "L+1 = `<END>`). Blank cells at the top right do not exist for that length. For the baseline, outputs "
        "left of the orange dashed line are digits it has not read yet.",
    },
    "accuracy.why": {"ko": "왜 길어질수록 틀릴까", "en": "Why longer sequences fail"},
    "accuracy.why.bottleneck": {
        "ko": "**고정된 크기의 병목.** 디코더가 받는 것은 인코더의 마지막 은닉 상태 $h_T$, 숫자 {units}개뿐입니다. "
        "입력이 길어져도 이 크기는 그대로라서 숫자를 하나씩 더 담을수록 각 숫자가 흐려집니다.",
        "en": "**A fixed-size bottleneck.** All the decoder gets is the encoder's last hidden state $h_T$, "
        "{units} numbers, however long the input. Every extra digit must squeeze into the same space and blurs the others.",
    },
    "accuracy.why.bottleneck.evidence": {
        "ko": "{name}은(는) 길이 {short}에서 {short_exact}, 길이 {long}에서 {long_exact}를 정확히 뒤집습니다. 둘 다 학습한 길이인데도 그렇습니다.",
        "en": "{name} reverses {short_exact} of length-{short} sequences but {long_exact} of length-{long} ones, "
        "although it was trained on both lengths.",
    },
    "accuracy.why.one_pass": {
        "ko": "**한 번에 읽는 RNN은 아직 읽지 않은 숫자를 말해야 합니다.** 기준선은 첫 단계에서 뒤집은 첫 숫자, "
        "곧 입력의 마지막 숫자를 출력해야 하는데 그때는 첫 숫자만 읽었습니다. 길이 L이면 ⌊L/2⌋개 출력이 찍기라서 "
        "정답률은 많아야 0.1^⌊L/2⌋입니다(점선). seq2seq는 전부 읽은 뒤에 말하기 시작합니다.",
        "en": "**A one-pass RNN must say digits it has not read yet.** At its first step the baseline must output the "
        "first reversed digit, the input's last one, having read only the first. At length L, ⌊L/2⌋ outputs are "
        "guesses, so exact match is at most 0.1^⌊L/2⌋ (dotted line). Seq2seq starts speaking only after reading everything.",
    },
    "accuracy.why.one_pass.evidence": {
        "ko": "길이 {length}에서 기준선 {baseline_exact}(상한 {ceiling}), {name} {seq2seq_exact}.",
        "en": "At length {length}: baseline {baseline_exact} (ceiling {ceiling}), {name} {seq2seq_exact}.",
    },
    "accuracy.why.compounding": {
        "ko": "**탐욕적 디코딩에서 오류가 쌓입니다.** 디코더의 다음 입력은 자기가 방금 고른 숫자입니다. 한 번 틀리면 "
        "학습 때 본 적 없는 입력과 상태로 들어가 뒤의 숫자도 틀리기 쉽습니다. 히트맵에서 뒤쪽 위치일수록 어두워집니다.",
        "en": "**Errors compound under greedy decoding.** The decoder's next input is its own last choice. After one "
        "mistake it runs on inputs and states it never met in training, so later digits go wrong too; in the heatmap "
        "later positions get darker.",
    },
    "accuracy.why.compounding.evidence": {
        "ko": "길이 {length}에서 {name}은(는) 첫 실수 전의 토큰을 {before} 맞히고, 첫 실수 뒤의 토큰은 {after}만 맞힙니다.",
        "en": "At length {length}, {name} gets {before} of the tokens before its first mistake right and only {after} of those after it.",
    },
    "accuracy.why.unseen": {
        "ko": "**학습에서 본 적 없는 길이.** 학습은 길이 {min_len}–{max_len}(회색 띠)만 썼습니다. 그보다 긴 시퀀스를 "
        "담는 법은 배운 적이 없어서 띠를 벗어나면 정확도가 더 빨리 떨어집니다.",
        "en": "**Lengths never seen in training.** Training used lengths {min_len}–{max_len} only (grey band). The model "
        "never learned to hold longer sequences, and accuracy falls faster past the band.",
    },
    "accuracy.why.unseen.evidence": {
        "ko": "길이 {length}에서 {name}의 정답률은 {exact}, 토큰 정확도는 {token}입니다.",
        "en": "At length {length}, {name} has exact match {exact} and token accuracy {token}.",
    },
    "accuracy.why.attention": {
        "ko": "**병목의 해결책: 어텐션.** 디코더가 $h_T$ 하나 대신 단계마다 인코더의 모든 상태 $h_1, \\dots, h_T$를 봅니다. "
        "자기 상태와 비교해 각 상태에 점수를 매기고, 그 가중 평균(문맥 벡터)을 함께 읽습니다. 이제 시퀀스 전체를 숫자 "
        "{units}개에 담을 필요가 없어서 학습한 길이(회색 띠) 안에서는 길어져도 거의 틀리지 않습니다. 하지만 본 적 없는 "
        "길이는 여전히 어렵습니다. 띠를 벗어나면 어텐션 모델도 무너집니다.",
        "en": "**The cure for the bottleneck: attention.** Instead of $h_T$ alone, the decoder looks at all the "
        "encoder's states $h_1, \\dots, h_T$ at every step: it scores each against its own state and reads their weighted "
        "mix (the context vector) too. The whole sequence no longer has to fit into {units} numbers, so within the "
        "trained lengths (grey band) longer sequences are hardly ever wrong. Lengths never seen stay hard: past the "
        "band the attention model breaks down too.",
    },
    "accuracy.why.attention.evidence": {
        "ko": "학습한 가장 긴 길이 {long}에서 {attention}은(는) {attention_long}, {name}은(는) {seq2seq_long}를 "
        "정확히 뒤집습니다. 학습 범위를 벗어나면 조금 버티다가 무너져, 길이 {next}에서 {attention}은(는) {attention_next}만 맞힙니다.",
        "en": "At length {long}, the longest trained, {attention} reverses {attention_long} of the sequences exactly "
        "and {name} {seq2seq_long}. Past the training range it holds for a length or two, then breaks: at length "
        "{next}, {attention} gets only {attention_next} right.",
    },
    "accuracy.link.chart": {"ko": "→ 길이별 정확도 그래프", "en": "→ accuracy-by-length chart"},
    "accuracy.link.heatmap": {"ko": "→ 출력 위치 히트맵", "en": "→ output-position heatmap"},
    "accuracy.link.hidden_states": {
        "ko": "은닉 상태 페이지: 인코더의 마지막 상태와 디코더가 받는 입력을 한 단계씩 보기",
        "en": "Hidden states page: the encoder's last state and the decoder's inputs, step by step",
    },
    "accuracy.link.attention": {
        "ko": "어텐션 페이지: 디코더가 출력마다 입력의 어느 숫자를 보는지 한 단계씩 보기",
        "en": "Attention page: which input digits the decoder looks at for each output, step by step",
    },
    "accuracy.table": {"ko": "표", "en": "Table"},
    "accuracy.download": {"ko": "표 내려받기 (CSV)", "en": "Download the table (CSV)"},
    "accuracy.column.model": {"ko": "모델", "en": "model"},
    "accuracy.column.length": {"ko": "길이", "en": "length"},
    "accuracy.column.samples": {"ko": "시퀀스 수", "en": "samples"},
    "accuracy.column.exact_match": {"ko": "정답률", "en": "exact match"},
    "accuracy.column.exact_match_low": {"ko": "정답률 95% 하한", "en": "exact match 95% low"},
    "accuracy.column.exact_match_high": {"ko": "정답률 95% 상한", "en": "exact match 95% high"},
    "accuracy.column.token_accuracy": {"ko": "토큰 정확도", "en": "token accuracy"},
    "accuracy.fig.length": {"ko": "시퀀스 길이 (숫자 개수)", "en": "Sequence length (digits)"},
    "accuracy.fig.training_range": {"ko": "학습 길이 {min_len}–{max_len}", "en": "trained on {min_len}–{max_len}"},
    "accuracy.fig.exact_title": {"ko": "정답률 (시퀀스 전체가 맞음)", "en": "Exact match (whole sequence right)"},
    "accuracy.fig.exact_axis": {"ko": "정답률", "en": "Exact match"},
    "accuracy.fig.exact_hover": {
        "ko": "{name}<br>길이 %{{x}}: %{{y:.1%}} (%{{customdata[2]}}/{samples})<br>95% 구간 %{{customdata[0]:.1%}}–%{{customdata[1]:.1%}}",
        "en": "{name}<br>length %{{x}}: %{{y:.1%}} (%{{customdata[2]}}/{samples})<br>95% interval %{{customdata[0]:.1%}}–%{{customdata[1]:.1%}}",
    },
    "accuracy.fig.ceiling": {"ko": "한 번에 읽는 모델의 상한 0.1^⌊L/2⌋", "en": "one-pass ceiling 0.1^⌊L/2⌋"},
    "accuracy.fig.ceiling_hover": {
        "ko": "길이 %{x}: 한 번에 읽는 모델은 많아야 %{y:.2%}",
        "en": "length %{x}: a one-pass model gets at most %{y:.2%}",
    },
    "accuracy.fig.token_title": {"ko": "토큰 정확도", "en": "Token accuracy"},
    "accuracy.fig.token_axis": {"ko": "토큰 정확도", "en": "Token accuracy"},
    "accuracy.fig.token_hover": {
        "ko": "{name}<br>길이 %{{x}}: 토큰 %{{y:.1%}} 맞음",
        "en": "{name}<br>length %{{x}}: %{{y:.1%}} of tokens right",
    },
    "accuracy.fig.position_title": {"ko": "출력 위치별 토큰 정확도: {name}", "en": "Token accuracy by output position: {name}"},
    "accuracy.fig.position": {"ko": "출력 위치 (1 = 첫 출력)", "en": "Output position (1 = first output)"},
    "accuracy.fig.position_hover": {
        "ko": "길이 %{y}, 위치 %{x}: %{z:.1%}",
        "en": "length %{y}, position %{x}: %{z:.1%}",
    },
    "accuracy.fig.unread": {"ko": "왼쪽: 아직 읽지 않은 숫자", "en": "left: digits not read yet"},
    "accuracy.fig.unread_hover": {
        "ko": "길이 %{y}: 처음 %{customdata}개 출력은 아직 읽지 않은 숫자",
        "en": "length %{y}: the first %{customdata} outputs are digits not read yet",
    },
}

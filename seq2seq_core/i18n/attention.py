"""Strings of the attention page (``pages/attention.py``) and its figures."""

STRINGS = {
    "attention.title": {"ko": "어텐션: 병목을 푸는 다음 단계", "en": "Attention: the cure for the bottleneck"},
    "attention.intro": {
        "ko": "기본 seq2seq는 입력 전체를 인코더의 마지막 은닉 상태 하나(D = 50개의 숫자)에 담아 디코더에 넘깁니다. 그래서 수열이 길어지면 무너집니다(‘길이별 정확도’ 페이지). **어텐션**을 쓰면 디코더가 매 단계 인코더의 **모든** 은닉 상태 $\\bar e_1 \\dots \\bar e_S$를 다시 봅니다. 각 위치에 점수를 매기고, softmax로 가중치 $a_t$를 만든 뒤, 가중합인 문맥 벡터 $c_t$를 디코더 상태 $h_t$와 이어 붙여 출력을 냅니다(Bahdanau 외 2014, Luong 외 2015). 뒤집기에서는 출력 $t$가 입력의 거울 위치를 보아야 하므로, 가중치가 **반대각선**을 이룹니다.",
        "en": "The basic seq2seq hands the decoder one thing: the encoder's last hidden state, D = 50 numbers for the whole input. That is why it breaks on long sequences (the ‘Accuracy by length’ page). With **attention**, the decoder looks again at **every** encoder state $\\bar e_1 \\dots \\bar e_S$ at each step: it scores each position, turns the scores into weights $a_t$ with a softmax, and joins the weighted sum, the context vector $c_t$, to its own state $h_t$ before the output layer (Bahdanau et al. 2014, Luong et al. 2015). To reverse, output $t$ must read the mirrored input position, so the weights form an **anti-diagonal**.",
    },
    "attention.why_luong.title": {"ko": "왜 Luong의 \"general\" 점수인가", "en": "Why Luong's \"general\" score"},
    "attention.why_luong": {
        "ko": "점수는 score$(h_t, \\bar e_s) = \\bar e_s^\\top W_a h_t$ 입니다. 행렬 하나($D\\times D$)와 내적이면 되어 가장 단순하고, 모든 위치의 $\\bar e_s W_a$를 한 번만 계산하면 되므로 빠릅니다. Bahdanau의 덧셈 점수 $v^\\top \\tanh(W_1 h_t + W_2 \\bar e_s)$는 층이 하나 더 있고 매개변수도 더 많은데, 이 과제에서는 general 점수만으로도 길이 1–20 전부를 거의 완벽하게 뒤집습니다(아래 그래프). 학생이 식 하나로 그림 전체를 따라갈 수 있다는 점도 골랐던 이유입니다.",
        "en": "The score is score$(h_t, \\bar e_s) = \\bar e_s^\\top W_a h_t$: one $D\\times D$ matrix and a dot product, the simplest choice, and fast, since $\\bar e_s W_a$ is computed once for all positions. Bahdanau's additive score $v^\\top \\tanh(W_1 h_t + W_2 \\bar e_s)$ adds a layer and more parameters; on this task the general score alone already reverses every length 1–20 almost perfectly (chart below). And a student can follow the whole picture through one equation.",
    },
    "attention.model.shown": {
        "ko": "보여 주는 모델 — 어텐션: {attention}  \n비교 대상 기본 seq2seq: {basic}",
        "en": "Models shown — attention: {attention}  \nBasic seq2seq to compare: {basic}",
    },
    "attention.model.current": {
        "ko": "지금 사용 중인 모델({kind}, 은닉 {hidden}, {iterations:,}회 학습)",
        "en": "your current model ({kind}, hidden {hidden}, {iterations:,} iterations trained)",
    },
    "attention.model.run": {
        "ko": "이 세션의 가장 최근 {kind} 실행: {label}, {iterations:,}회 학습",
        "en": "this session's newest {kind} run: {label}, {iterations:,} iterations trained",
    },
    "attention.model.shipped": {
        "ko": "{kind} (은닉 {hidden}, 배치 {batch_size}, 길이 {min_len}–{max_len}, 학습률 {learning_rate:g}, {iterations:,}회, 시드 {seed})",
        "en": "{kind} (hidden {hidden}, batch {batch_size}, lengths {min_len}–{max_len}, learning rate {learning_rate:g}, {iterations:,} iterations, seed {seed})",
    },
    "attention.sequence": {"ko": "입력 수열", "en": "Input sequence"},
    "attention.sequence_help": {
        "ko": "0–9 숫자를 공백이나 쉼표로 구분해 최대 {max_length}개까지 입력하세요.",
        "en": "Digits 0–9 separated by spaces or commas, at most {max_length}.",
    },
    "attention.random": {"ko": "무작위 수열", "en": "Random sequence"},
    "attention.showing_last": {
        "ko": "마지막으로 올바르게 읽은 수열을 보여 줍니다: `{sequence}`",
        "en": "Showing the last sequence that could be read: `{sequence}`",
    },
    "attention.result": {
        "ko": "입력 {digits} → 정답 {targets}  \n어텐션 모델의 출력 {predictions} — {verdict}",
        "en": "Input {digits} → target {targets}  \nThe attention model outputs {predictions} — {verdict}",
    },
    "attention.result.all_correct": {"ko": "{steps}단계 모두 맞음", "en": "all {steps} steps right"},
    "attention.result.wrong": {"ko": "{steps}단계 중 {wrong}개 틀림(✗)", "en": "{wrong} of {steps} steps wrong (✗)"},
    "attention.heatmap_caption": {
        "ko": "행: 출력 단계(무엇을 냈는지, 틀리면 ✗), 열: 입력 위치(그 위치까지 읽은 인코더 상태). 칸의 밝기는 가중치 $a_t$이고 행마다 합이 1입니다. 출력 $t$는 거울 위치의 숫자를 막 읽은 바로 **다음** 상태를 봅니다. ReLU RNN의 상태가 방금 읽은 숫자를 한 단계 더 간직하기 때문입니다. 빨간 테두리는 아래에서 고른 단계입니다.",
        "en": "Rows: output steps (what was written, ✗ where wrong); columns: input positions (the encoder state after reading that far). Brightness is the weight $a_t$; each row sums to 1. Output $t$ looks at the state just **after** the mirrored digit, because the ReLU RNN's state still holds the digit it read one step before. The red outline is the step chosen below.",
    },
    "attention.step.title": {"ko": "디코딩을 한 단계씩", "en": "Decoding, one step at a time"},
    "attention.step.intro": {
        "ko": "단계 $t$에서 디코더는 이전 출력을 읽어 상태 $h_t$를 만들고, 모든 입력 위치에 점수를 매겨 softmax로 가중치를 얻고, 문맥 벡터 $c_t$와 $h_t$로 다음 숫자를 고릅니다. 식의 크기는 지금 수열의 것입니다.",
        "en": "At step $t$ the decoder reads its previous output into its state $h_t$, scores every input position, turns the scores into weights with a softmax, and picks the next digit from the context $c_t$ and $h_t$. The shapes in the equations are this sequence's.",
    },
    "attention.step": {"ko": "출력 단계 t", "en": "Output step t"},
    "attention.step.back": {"ko": "◀ 이전", "en": "◀ Back"},
    "attention.step.forward": {"ko": "다음 ▶", "en": "Next ▶"},
    "attention.step.summary": {
        "ko": "단계 {step}: 입력 {read}을(를) 읽고, 위치 {position}에 가장 큰 가중치({weight:.2f})를 주어 {wrote}을(를) 냈습니다(정답 {target}).",
        "en": "Step {step}: read {read}, put its largest weight ({weight:.2f}) on position {position}, and wrote {wrote} (target {target}).",
    },
    "attention.step.vectors_caption": {
        "ko": "위: 디코더 상태 $h_t$, 아래: 문맥 벡터 $c_t$ (각 {dim}개 유닛). 둘을 이어 붙인 것이 출력층의 입력입니다.",
        "en": "Top: the decoder state $h_t$; bottom: the context vector $c_t$ ({dim} units each). Joined, they are the output layer's input.",
    },
    "attention.compare.title": {"ko": "기본 seq2seq와 나란히", "en": "Side by side with the basic seq2seq"},
    "attention.compare.typed": {
        "ko": "위의 입력에 대해 — 기본 seq2seq: {basic} ({basic_verdict})  \n어텐션: {attention} ({attention_verdict})",
        "en": "On the input above — basic seq2seq: {basic} ({basic_verdict})  \nattention: {attention} ({attention_verdict})",
    },
    "attention.compare.length": {"ko": "비교할 수열의 길이", "en": "Length of a sequence to compare"},
    "attention.compare.sample": {
        "ko": "길이 {length}의 수열 {digits}  \n기본 seq2seq: {basic} ({basic_verdict})  \n어텐션: {attention} ({attention_verdict})",
        "en": "A sequence of length {length}: {digits}  \nbasic seq2seq: {basic} ({basic_verdict})  \nattention: {attention} ({attention_verdict})",
    },
    "attention.compare.evaluating": {"ko": "길이별 정확도를 재는 중…", "en": "Measuring accuracy by length…"},
    "attention.compare.breaking": {
        "ko": "길이마다 무작위 수열 {samples}개로 잰 완전 일치율입니다. 절반 아래로 처음 떨어지는 길이(무너지는 지점): 기본 seq2seq **{basic}**, 어텐션 **{attention}**. 어텐션은 학습한 길이(회색 영역) 안에서는 거의 완벽하지만, 본 적 없는 더 긴 수열에서는 역시 무너집니다. 일반화(외삽)는 또 다른 문제입니다.",
        "en": "Exact match over {samples} random sequences per length. The first length where it falls below one half (the breaking point): basic seq2seq **{basic}**, attention **{attention}**. Attention is nearly perfect on the lengths it was trained on (grey band), yet it too breaks on longer sequences it never saw: extrapolation is a lesson of its own.",
    },
    "attention.to_hidden_states": {"ko": "은닉 상태 들여다보기 →", "en": "Look into the hidden states →"},
    "attention.fig.heatmap_title": {"ko": "어텐션 가중치: 출력 단계 × 입력 위치", "en": "Attention weights: output step × input position"},
    "attention.fig.weight": {"ko": "가중치", "en": "weight"},
    "attention.fig.weight_hover": {"ko": "출력 %{y}, 입력 %{x}: %{z:.3f}", "en": "output %{y}, input %{x}: %{z:.3f}"},
    "attention.fig.input_position": {"ko": "입력 위치·읽은 토큰", "en": "input position·token read"},
    "attention.fig.output_step": {"ko": "출력 단계→낸 토큰", "en": "output step→token written"},
    "attention.fig.scores": {"ko": "점수 ē_sᵀ W_a h_t", "en": "scores ē_sᵀ W_a h_t"},
    "attention.fig.weights": {"ko": "가중치 (softmax)", "en": "weights (softmax)"},
    "attention.fig.state": {"ko": "h_t (디코더)", "en": "h_t (decoder)"},
    "attention.fig.context": {"ko": "c_t (문맥)", "en": "c_t (context)"},
    "attention.fig.vector_hover": {"ko": "%{y}, 유닛 %{x}: %{z:.3f}", "en": "%{y}, unit %{x}: %{z:.3f}"},
    "attention.fig.unit": {"ko": "유닛", "en": "unit"},
    "attention.fig.output": {"ko": "출력 확률 (정답은 빨간 테두리)", "en": "Output probabilities (target outlined in red)"},
    "attention.fig.lengths_title": {"ko": "길이별 완전 일치율", "en": "Exact match by length"},
    "attention.fig.trained_lengths": {"ko": "학습한 길이 {low}–{high}", "en": "trained on {low}–{high}"},
    "attention.fig.length": {"ko": "수열 길이", "en": "sequence length"},
    "attention.fig.exact_match": {"ko": "완전 일치율", "en": "exact match"},
}

"""Strings of the hidden-state page ``/hidden_states`` and its figures."""

STRINGS = {
    "hidden_states.intro": {
        "ko": "인코더는 입력 숫자를 하나씩 읽으며 {units}개의 유닛(은닉 상태 $h_t$)에 기록하고, 디코더는 "
              "마지막 상태 $h_T$ 하나만 받아 숫자를 거꾸로 꺼냅니다. 아래 열지도는 유닛 × 시간 축이며 "
              "ReLU 때문에 모든 값이 0 이상입니다. 어두운 칸은 꺼진 유닛(0)입니다.",
        "en": "The encoder reads the digits one by one and writes them into {units} units (the hidden "
              "state $h_t$); the decoder gets only the last state $h_T$ and reads the digits back out "
              "in reverse. The heatmaps below are units × time; because of the ReLU every value is ≥ 0, "
              "and dark cells are silent units (0).",
    },
    "hidden_states.model.pretrained": {
        "ko": "**보여 주는 모델:** 함께 제공되는 사전 학습 모델 — 은닉 {hidden}, 반복 {iterations:,}회, "
              "배치 {batch_size}, 학습률 {learning_rate:g}, 길이 {min_len}–{max_len}, 시드 {seed}. "
              "마지막 {window}회 반복의 시퀀스 정확도 {accuracy:.0%}. "
              "**학습하기** 페이지에서 직접 학습한 모델은 이곳에 바로 나타납니다.",
        "en": "**Model shown:** the shipped pretrained model — hidden {hidden}, {iterations:,} iterations, "
              "batch {batch_size}, learning rate {learning_rate:g}, lengths {min_len}–{max_len}, seed {seed}. "
              "Sequence accuracy over its last {window} iterations: {accuracy:.0%}. "
              "A model you train on the **Training** page shows up here at once.",
    },
    "hidden_states.model.user": {
        "ko": "**보여 주는 모델:** 직접 학습하거나 올린 모델 — 은닉 {hidden}, 반복 {iterations:,}/{planned:,}회 완료, "
              "배치 {batch_size}, 학습률 {learning_rate:g}, 길이 {min_len}–{max_len}, 시드 {seed}. "
              "마지막 {window}회 반복의 시퀀스 정확도 {accuracy:.0%}.",
        "en": "**Model shown:** the model you trained or uploaded — hidden {hidden}, {iterations:,} of "
              "{planned:,} iterations done, batch {batch_size}, learning rate {learning_rate:g}, "
              "lengths {min_len}–{max_len}, seed {seed}. "
              "Sequence accuracy over its last {window} iterations: {accuracy:.0%}.",
    },
    "hidden_states.model.no_history": {
        "ko": "**보여 주는 모델:** 학습 기록 없이 파일로 불러온 모델 — 은닉 {hidden}. 가중치는 파일의 것이지만 "
              "어떻게 학습했는지는 파일에 없습니다.",
        "en": "**Model shown:** a model loaded from a file without its training history — hidden {hidden}. "
              "The weights are the file's; how they were trained is not recorded.",
    },
    "hidden_states.model.attends": {
        "ko": "이 모델은 {kind}입니다. 디코더가 시작할 때는 인코더의 마지막 상태를 받지만, 매 단계 어텐션으로 인코더의 **모든** 상태를 다시 읽습니다. "
              "그래서 아래의 ‘병목’ 그림(마지막 상태만)은 이 모델이 쓰는 정보의 일부일 뿐입니다. 어디를 읽는지는 어텐션 페이지에서 봅니다.",
        "en": "This model is a {kind}: its decoder starts from the encoder's last state, but reads **every** encoder state again at each step "
              "through attention. The bottleneck view below (the last state only) is therefore only part of what it uses; "
              "the attention page shows where it reads.",
    },
    "hidden_states.model.to_attention": {"ko": "어텐션 페이지로 →", "en": "To the attention page →"},
    "hidden_states.model.other_kind": {
        "ko": "현재 모델은 {kind}이라 인코더와 디코더의 은닉 상태가 따로 없습니다. 여기서는 사전학습 seq2seq 모델을 "
              "보여 줍니다. 현재 모델은 그대로입니다.",
        "en": "The current model is a {kind}: it has no separate encoder and decoder states. This page shows "
              "the pretrained seq2seq model instead; your current model is unchanged.",
    },
    "hidden_states.sequence": {"ko": "입력 숫자 시퀀스", "en": "Input digit sequence"},
    "hidden_states.sequence_help": {
        "ko": "0–9 숫자를 최대 30개까지. 31415, 3 1 4 1 5, 3,1,4,1,5 모두 됩니다. Enter로 적용.",
        "en": "Up to 30 digits 0–9: 31415, 3 1 4 1 5 and 3,1,4,1,5 all work. Press Enter to apply.",
    },
    "hidden_states.length": {"ko": "무작위 시퀀스 길이", "en": "Random sequence length"},
    "hidden_states.random": {"ko": "무작위 시퀀스", "en": "Random sequence"},
    "hidden_states.random_help": {
        "ko": "위 길이의 무작위 숫자를 입력 칸에 넣습니다.",
        "en": "Puts random digits of the chosen length into the input box.",
    },
    "hidden_states.showing_last": {
        "ko": "마지막으로 올바르게 입력한 시퀀스 {sequence}를 계속 보여 줍니다.",
        "en": "Still showing the last valid sequence, {sequence}.",
    },
    "hidden_states.result": {
        "ko": "입력 {digits} → 정답 {targets}  \n모델의 출력 {predictions}",
        "en": "Input {digits} → target {targets}  \nThe model outputs {predictions}",
    },
    "hidden_states.result.all_correct": {
        "ko": "모든 {steps}단계가 맞았습니다 ✓", "en": "all {steps} steps right ✓",
    },
    "hidden_states.result.wrong": {
        "ko": "{steps}단계 중 {wrong}단계가 틀렸습니다 ✗", "en": "{wrong} of {steps} steps wrong ✗",
    },
    "hidden_states.step.title": {"ko": "한 단계씩 디코딩 따라가기", "en": "Step through the decoding"},
    "hidden_states.step.slider": {"ko": "디코딩 단계", "en": "Decoding step"},
    "hidden_states.step.reads": {
        "ko": "**{step}단계.** 디코더가 읽는 토큰: {input_token}",
        "en": "**Step {step}.** The decoder reads {input_token}",
    },
    "hidden_states.step.should_digit": {
        "ko": "정답은 {target} (입력의 {position}번째 숫자, 인코더 열지도에 빨간 테두리)",
        "en": "it should output {target} (digit {position} of the input, outlined in the encoder heatmap)",
    },
    "hidden_states.step.should_end": {
        "ko": "정답은 {target} (끝을 알림)",
        "en": "it should output {target} (the end)",
    },
    "hidden_states.step.top": {"ko": "가장 높은 확률 {top}개:", "en": "Top {top} probabilities:"},
    "hidden_states.step.right": {
        "ko": "모델은 {chosen}을(를) 골랐습니다 — 맞음 ✓",
        "en": "The model chooses {chosen} — right ✓",
    },
    "hidden_states.step.wrong": {
        "ko": "모델은 {chosen}을(를) 골랐습니다 — 틀림 ✗ (다음 단계는 이 틀린 토큰을 입력으로 읽습니다)",
        "en": "The model chooses {chosen} — wrong ✗ (the next step reads this wrong token as its input)",
    },
    "hidden_states.order": {"ko": "유닛 정렬", "en": "Order units by"},
    "hidden_states.order.peak": {"ko": "이 시퀀스에서 가장 강한 시점", "en": "when they peak in this sequence"},
    "hidden_states.order.similarity": {
        "ko": "함께 켜지는 유닛끼리 (무작위 {sequences}개 시퀀스)",
        "en": "firing together (over {sequences} random sequences)",
    },
    "hidden_states.order.index": {"ko": "유닛 번호", "en": "unit number"},
    "hidden_states.order_help": {
        "ko": "정렬은 행 순서만 바꿉니다. 가장 강한 시점 순으로 놓으면 인코더의 대각선 구조가 보입니다.",
        "en": "Ordering only moves rows. Ordered by peak time, the encoder's diagonal structure shows.",
    },
    "hidden_states.encoder_title": {
        "ko": "인코더 은닉 상태 (유닛 × 입력 토큰)",
        "en": "Encoder hidden states (units × input token)",
    },
    "hidden_states.decoder_title": {
        "ko": "디코더 은닉 상태 (유닛 × 읽은 토큰→출력)",
        "en": "Decoder hidden states (units × token read→output)",
    },
    "hidden_states.dead": {
        "ko": "**죽은 유닛** (길이 {min_len}–{max_len}의 무작위 시퀀스 {sequences}개의 모든 단계에서 0): "
              "인코더 {encoder}/{units}개, 디코더 {decoder}/{units}개. 열지도에서 †로 표시하고 "
              "정렬할 때 맨 아래에 둡니다.",
        "en": "**Dead units** (0 at every step of {sequences} random sequences of lengths "
              "{min_len}–{max_len}): encoder {encoder} of {units}, decoder {decoder} of {units}. "
              "They are marked † in the heatmaps and ordered to the bottom.",
    },
    "hidden_states.dead.list": {
        "ko": "죽은 유닛 번호 — 인코더: {encoder} · 디코더: {decoder}",
        "en": "Dead unit numbers — encoder: {encoder} · decoder: {decoder}",
    },
    "hidden_states.dead.none": {"ko": "없음", "en": "none"},
    "hidden_states.bottleneck.title": {
        "ko": "병목: 인코더의 마지막 상태 $h_T$",
        "en": "The bottleneck: the encoder's last state $h_T$",
    },
    "hidden_states.bottleneck.intro": {
        "ko": "디코더가 받는 것은 $h_T$ 하나뿐입니다. 무작위 시퀀스 {sequences}개의 $h_T$({units}차원)를 "
              "주성분 분석(PCA)으로 2차원에 투영했습니다. 빨간 별은 위에 입력한 시퀀스입니다. "
              "길이로 색칠하면 길이가 첫 번째 축을 따라 정리되는지, 첫 숫자로 색칠하면 무리가 나뉘는지 보세요.",
        "en": "All the decoder gets is $h_T$. Here the $h_T$ ({units} dimensions) of {sequences} random "
              "sequences is projected onto its first two principal components (PCA); the red star is the "
              "sequence typed above. Coloured by length, see whether length lines up along the first axis; "
              "coloured by first digit, whether the points form groups.",
    },
    "hidden_states.bottleneck.colour": {"ko": "색칠 기준", "en": "Colour by"},
    "hidden_states.bottleneck.colour.length": {"ko": "길이", "en": "length"},
    "hidden_states.bottleneck.colour.first_digit": {"ko": "첫 숫자", "en": "first digit"},
    "hidden_states.bottleneck.explained": {
        "ko": "두 주성분이 $h_T$ 분산의 {percent:.0f}%를 설명합니다. 이 그림에서 점들이 퍼진 정도 중 "
              "길이별 평균이 {by_length:.0f}%, 첫 숫자별 평균이 {by_first_digit:.0f}%를 설명합니다 "
              "(100%면 무리마다 한 점에 모이고, 0%면 완전히 섞여 있습니다).",
        "en": "The two components explain {percent:.0f}% of the variance of $h_T$. Of the spread in this "
              "picture, the mean per length accounts for {by_length:.0f}%, the mean per first digit for "
              "{by_first_digit:.0f}% (100% would put each group on one spot, 0% would mix them completely).",
    },
    "hidden_states.compare.title": {
        "ko": "두 시퀀스 나란히: 숫자 하나 바꾸기",
        "en": "Two sequences side by side: change one digit",
    },
    "hidden_states.compare.intro": {
        "ko": "입력한 시퀀스(A)의 숫자 하나를 바꾼 시퀀스(B)와 비교합니다. 차이 $h^B_t - h^A_t$는 "
              "0을 가운데(흰색)로 하는 색으로 그립니다: 빨강은 B에서 더 크고, 파랑은 A에서 더 큽니다.",
        "en": "Compares the typed sequence (A) with the same sequence with one digit changed (B). The "
              "difference $h^B_t - h^A_t$ is drawn with white at 0: red where B's unit is larger, blue "
              "where A's is.",
    },
    "hidden_states.compare.position": {"ko": "바꿀 위치", "en": "Position to change"},
    "hidden_states.compare.position_option": {
        "ko": "{position}번째 숫자", "en": "digit {position}",
    },
    "hidden_states.compare.digit": {"ko": "새 숫자", "en": "New digit"},
    "hidden_states.compare.sequence_a": {"ko": "A: {digits} → {predictions}", "en": "A: {digits} → {predictions}"},
    "hidden_states.compare.sequence_b": {"ko": "B: {digits} → {predictions}", "en": "B: {digits} → {predictions}"},
    "hidden_states.compare.encoder_a": {"ko": "A의 인코더 은닉 상태", "en": "Encoder hidden states of A"},
    "hidden_states.compare.encoder_b": {"ko": "B의 인코더 은닉 상태", "en": "Encoder hidden states of B"},
    "hidden_states.compare.encoder_difference": {
        "ko": "인코더 차이 B − A", "en": "Encoder difference B − A",
    },
    "hidden_states.compare.decoder_difference": {
        "ko": "디코더 차이 B − A (B의 토큰 축)", "en": "Decoder difference B − A (B's tokens on the axis)",
    },
    "hidden_states.compare.final_distance": {
        "ko": "마지막 인코더 상태의 거리 $\\lVert h^B_T - h^A_T \\rVert$ = {distance:.3f} "
              "($\\lVert h^A_T \\rVert$ = {norm:.3f}). 바꾼 단계 이후 차이가 얼마나 남아 디코더까지 가는지 보세요.",
        "en": "Distance of the last encoder states $\\lVert h^B_T - h^A_T \\rVert$ = {distance:.3f} "
              "($\\lVert h^A_T \\rVert$ = {norm:.3f}). See how much of the change survives from its step "
              "to the decoder.",
    },
    # Figures
    "hidden_states.fig.step": {"ko": "단계·토큰", "en": "Step·token"},
    "hidden_states.fig.unit": {"ko": "유닛", "en": "Unit"},
    "hidden_states.fig.token": {"ko": "토큰", "en": "Token"},
    "hidden_states.fig.probability": {"ko": "확률", "en": "Probability"},
    "hidden_states.fig.target": {"ko": "정답", "en": "Target"},
    "hidden_states.fig.wrong": {"ko": "틀린 선택", "en": "Wrong choice"},
    "hidden_states.fig.length": {"ko": "길이", "en": "Length"},
    "hidden_states.fig.first_digit_is": {"ko": "첫 숫자 {digit}", "en": "First digit {digit}"},
    "hidden_states.fig.hover_hidden": {
        "ko": "유닛 %{y}<br>단계·토큰 %{x}<br>h = %{z:.4f}",
        "en": "Unit %{y}<br>Step·token %{x}<br>h = %{z:.4f}",
    },
    "hidden_states.fig.hover_difference": {
        "ko": "유닛 %{y}<br>단계·토큰 %{x}<br>Δh = %{z:+.4f}",
        "en": "Unit %{y}<br>Step·token %{x}<br>Δh = %{z:+.4f}",
    },
    "hidden_states.fig.hover_probability": {
        "ko": "단계 %{x}<br>토큰 %{y}: 확률 = %{z:.4f}",
        "en": "Step %{x}<br>token %{y}: probability = %{z:.4f}",
    },
    "hidden_states.fig.hover_length": {
        "ko": "%{text}<br>길이 %{customdata}<br>(%{x:.2f}, %{y:.2f})",
        "en": "%{text}<br>length %{customdata}<br>(%{x:.2f}, %{y:.2f})",
    },
    "hidden_states.fig.hover_first_digit": {
        "ko": "%{text}<br>첫 숫자 %{customdata}<br>(%{x:.2f}, %{y:.2f})",
        "en": "%{text}<br>first digit %{customdata}<br>(%{x:.2f}, %{y:.2f})",
    },
    "hidden_states.fig.probabilities_title": {
        "ko": "디코더 출력 확률 (토큰 × 읽은 토큰→출력)",
        "en": "Decoder output probabilities (token × token read→output)",
    },
    "hidden_states.fig.pca_title": {
        "ko": "무작위 시퀀스 {sequences}개의 h<sub>T</sub>, 처음 두 주성분",
        "en": "h<sub>T</sub> of {sequences} random sequences, first two principal components",
    },
    "hidden_states.fig.component": {
        "ko": "주성분 {number} (분산의 {percent:.1f}%)",
        "en": "Principal component {number} ({percent:.1f}% of variance)",
    },
    "hidden_states.fig.typed": {"ko": "입력한 시퀀스 {sequence}", "en": "Typed sequence {sequence}"},
}

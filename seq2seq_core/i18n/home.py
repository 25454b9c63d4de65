"""Strings of the home page: the task, the vocabulary, the model, the try-it box, attention."""

STRINGS = {
    "home.title": {"ko": "seq2seq로 숫자 시퀀스 뒤집기", "en": "Reversing digit sequences with seq2seq"},
    "home.task": {
        "ko": (
            "과제는 간단합니다. 숫자 시퀀스가 주어지면 좌우를 뒤집어 내놓는 것입니다. "
            "예를 들어 **[2, 4, 7, 1, 3] → [3, 1, 7, 4, 2]**. 이 앱은 실습 노트북의 seq2seq 모델을 "
            "브라우저에서 직접 만져 보며 배치, 학습, 은닉 상태, 길이별 정확도를 살펴보고, 마지막으로 그 약점을 "
            "고치는 어텐션까지 보도록 돕습니다."
        ),
        "en": (
            "The task is simple: given a sequence of digits, output it reversed, e.g. "
            "**[2, 4, 7, 1, 3] → [3, 1, 7, 4, 2]**. This app lets you explore the course notebook's "
            "seq2seq model in the browser: its batches, its training, its hidden states and its "
            "accuracy by length, and last the attention that cures its weakness."
        ),
    },
    "home.why_hard.title": {"ko": "왜 어려울까?", "en": "Why is this hard?"},
    "home.why_hard": {
        "ko": (
            "인코더는 시퀀스 전체를 읽고 나서 **고정된 크기(D = {hidden})의 은닉 상태 하나**만 디코더에 넘깁니다. "
            "디코더는 그 {hidden}개의 숫자만으로 모든 자리를 거꾸로 되살려야 합니다. 시퀀스가 길어질수록 같은 "
            "크기의 상태에 더 많은 정보를 담아야 하고, 가장 먼저 읽은 숫자는 가장 나중에 필요하므로 "
            "인코딩과 디코딩의 모든 단계를 버텨야 합니다. 그래서 긴 시퀀스일수록 정확도가 떨어집니다."
        ),
        "en": (
            "The encoder reads the whole sequence and hands the decoder **one hidden state of a "
            "fixed size (D = {hidden})**. From those {hidden} numbers alone the decoder must bring back every "
            "digit in reverse order. The longer the sequence, the more must fit into the same state, "
            "and the first digit read is the last one needed, so it has to survive every encoding "
            "and decoding step. That is why accuracy falls for long sequences."
        ),
    },
    "home.vocab.title": {"ko": "어휘: 12개 토큰의 원-핫 인코딩", "en": "Vocabulary: one-hot encoding of 12 tokens"},
    "home.vocab.caption": {
        "ko": "숫자 0–9에 더해 시퀀스의 시작 `<START>` = 10과 끝 `<END>` = 11 토큰을 씁니다. "
        "각 토큰은 shape-(12,) 벡터에서 자기 번호 자리만 1입니다.",
        "en": "Besides the digits 0–9, `<START>` = 10 and `<END>` = 11 mark where a sequence starts "
        "and ends. Each token is a shape-(12,) vector with a single 1 at its own index.",
    },
    "home.vocab.token": {"ko": "토큰", "en": "token"},
    "home.model.title": {"ko": "인코더 → 은닉 상태 → 디코더", "en": "Encoder → hidden state → decoder"},
    "home.model.caption": {
        "ko": "인코더 RNN은 숫자와 `<END>`를 차례로 읽고, 마지막 은닉 상태 $h_T$를 디코더의 첫 상태로 "
        "넘깁니다. 디코더는 `<START>`에서 출발해 매 단계 가장 점수가 높은 토큰을 다음 입력으로 씁니다.",
        "en": "The encoder RNN reads the digits and `<END>` one by one and hands its last hidden state "
        "$h_T$ to the decoder as its first state. The decoder starts from `<START>` and feeds each "
        "step's highest-scoring token back in as the next input.",
    },
    "home.model.encoder": {"ko": "인코더", "en": "Encoder"},
    "home.model.decoder": {"ko": "디코더", "en": "Decoder"},
    "home.model.inputs": {"ko": "입력", "en": "input"},
    "home.model.outputs": {"ko": "출력", "en": "output"},
    "home.model.bottleneck": {"ko": "{state}: 숫자 D개", "en": "{state}: D numbers"},
    "home.model.equations": {
        "ko": "인코더와 디코더는 같은 모양의 RNN이며 가중치는 따로 가집니다.",
        "en": "Encoder and decoder are RNNs of the same form, each with its own weights.",
    },
    "home.try.title": {"ko": "직접 해 보기", "en": "Try it"},
    "home.try.label": {
        "ko": "숫자를 입력하세요 (최대 {max_length}개, 공백·쉼표 구분 가능)",
        "en": "Type digits (at most {max_length}; spaces or commas allowed)",
    },
    "home.try.model": {
        "ko": "미리 학습된 seq2seq 모델의 답 (초록 ✓ 맞음, 빨강 ✗ 틀림):",
        "en": "The pretrained seq2seq's answer (green ✓ right, red ✗ wrong):",
    },
    "home.try.expected": {"ko": "정답: {expected}", "en": "Expected: {expected}"},
    "home.try.score": {
        "ko": "{total}자리 중 {correct}자리 맞음",
        "en": "{correct} of {total} positions right",
    },
    "home.attention.title": {"ko": "다음 단계: 어텐션", "en": "The next step: attention"},
    "home.attention": {
        "ko": (
            "이 병목에는 해결책이 있습니다. **어텐션**을 쓰면 디코더는 더 이상 $h_T$ 하나에 기대지 않습니다. "
            "단계마다 자기 상태를 인코더의 모든 상태 $h_1, \\dots, h_T$와 비교해 점수를 매기고, 그 가중 평균을 함께 "
            "읽습니다. 아래 어텐션 모델은 크기가 같고(D = {hidden}) 같은 방식으로 길이 {max_len}까지 학습했습니다. "
            "위 상자에 더 긴 시퀀스, 예를 들어 숫자 15개를 넣어 보세요. 위의 모델은 틀리고 어텐션 모델은 맞힙니다. "
            "다만 본 적 없는 길이({max_len}보다 긴 시퀀스)에서는 어텐션 모델도 틀립니다."
        ),
        "en": (
            "The bottleneck has a cure. With **attention** the decoder no longer depends on $h_T$ alone: at "
            "every step it scores each of the encoder's states $h_1, \\dots, h_T$ against its own state and reads "
            "their weighted mix too. The attention model below has the same size (D = {hidden}) and was "
            "trained the same way, on lengths up to {max_len}. Type a longer sequence in the box above, say "
            "15 digits: the model above goes wrong, the attention model gets it right. On lengths it never "
            "saw (longer than {max_len}) the attention model fails too."
        ),
    },
    "home.attention.model": {
        "ko": "미리 학습된 어텐션 모델의 답 (위와 같은 숫자):",
        "en": "The pretrained attention model's answer (the same digits):",
    },
    "home.attention.link": {
        "ko": "어텐션 페이지: 디코더가 출력마다 입력의 어느 숫자를 보는지 한 단계씩 보기",
        "en": "Attention page: which input digits the decoder looks at for each output, step by step",
    },
    "home.pages.title": {"ko": "둘러보기", "en": "Explore"},
    "home.pages.batches": {
        "ko": "노트북의 `generate_batch`가 만드는 (T, N, C) 배열을 슬라이더로 만들어 봅니다.",
        "en": "Build the (T, N, C) arrays of the notebook's `generate_batch` with sliders.",
    },
    "home.pages.broadcasting": {
        "ko": "(T, N, C) @ (C, K) 행렬곱이 시간 단계마다 어떻게 브로드캐스팅되는지 봅니다.",
        "en": "See how (T, N, C) @ (C, K) broadcasts one matrix product per time step.",
    },
    "home.pages.training": {
        "ko": "하이퍼파라미터를 바꿔 가며 모델이 학습하는 모습을 실시간으로 봅니다.",
        "en": "Change the hyperparameters and watch the model learn, live.",
    },
    "home.pages.hidden_states": {
        "ko": "인코더와 디코더의 은닉 상태를 단계별로 들여다봅니다.",
        "en": "Look inside the encoder's and decoder's hidden states, step by step.",
    },
    "home.pages.accuracy": {
        "ko": "시퀀스 길이에 따라 정확도가 어떻게 떨어지는지, 그리고 왜 그런지 봅니다.",
        "en": "See how accuracy falls with sequence length, and why.",
    },
    "home.pages.attention": {
        "ko": "디코더가 매 단계 입력의 어느 위치를 보는지, 그리고 학습한 길이 안에서는 긴 수열에도 "
        "무너지지 않는 이유를 봅니다.",
        "en": "Where the decoder looks in the input at each step, and why long sequences no longer "
        "break it (within the trained lengths).",
    },
}

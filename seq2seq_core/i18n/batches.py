"""Strings of the batch-generation page ``/batches`` and its figures."""

STRINGS = {
    "batches.title": {"ko": "배치(batch) 만들기", "en": "Generating batches"},
    "batches.intro": {
        "ko": (
            "노트북의 `generate_batch`는 길이 T-1인 숫자 시퀀스 N개를 한꺼번에 만들고, 원-핫 인코딩한 입력 "
            "`x`, 뒤집은 정답 `y`, 원래 숫자 `digits`를 돌려줍니다. 배열은 **시간이 먼저**인 "
            "(T, N, C=12) 모양입니다. 슬라이더를 움직여 모양이 어떻게 바뀌는지 보세요."
        ),
        "en": (
            "The notebook's `generate_batch` makes N digit sequences of length T-1 at once and returns "
            "the one-hot input `x`, the reversed target `y` and the original `digits`. The arrays are "
            "**time first**, shape (T, N, C=12). Move the sliders and watch the shapes change."
        ),
    },
    "batches.min_len": {"ko": "최소 길이 seq_len_min", "en": "Minimum length seq_len_min"},
    "batches.max_len": {"ko": "최대 길이 seq_len_max", "en": "Maximum length seq_len_max"},
    "batches.batch_size": {"ko": "배치 크기 N (batch_size)", "en": "Batch size N (batch_size)"},
    "batches.seed": {"ko": "시드 (seed)", "en": "Seed"},
    "batches.new": {"ko": "새 배치 뽑기", "en": "Draw a new batch"},
    "batches.new_help": {
        "ko": "시드를 1 올려 새 배치를 뽑습니다. 같은 시드는 언제나 같은 배치를 만듭니다.",
        "en": "Raises the seed by one to draw a new batch. The same seed always gives the same batch.",
    },
    "batches.error.min_above_max": {
        "ko": "최소 길이({seq_len_min})가 최대 길이({seq_len_max})보다 큽니다. "
        "최소 길이를 줄이거나 최대 길이를 늘리세요.",
        "en": "The minimum length ({seq_len_min}) is greater than the maximum length ({seq_len_max}). "
        "Lower the minimum or raise the maximum.",
    },
    "batches.shapes": {"ko": "배열의 모양", "en": "Shapes of the arrays"},
    "batches.call": {"ko": "이 배치를 만든 호출:", "en": "The call that made this batch:"},
    "batches.sequence.title": {"ko": "시퀀스 하나 들여다보기", "en": "One sequence up close"},
    "batches.sequence.pick": {"ko": "볼 시퀀스 n (0 … N-1)", "en": "Sequence n to show (0 … N-1)"},
    "batches.sequence.caption": {
        "ko": "`x[:, n, :]`의 각 행은 한 시간 단계이며 1이 하나뿐입니다. 마지막 행은 `<END>`입니다. "
        "인코더 입력에는 `<START>`가 없습니다. `<START>`는 디코더의 첫 입력입니다.",
        "en": "Each row of `x[:, n, :]` is one time step with a single 1; the last row is `<END>`. "
        "The encoder input has no `<START>`: that token is the decoder's first input.",
    },
    "batches.sequence.arrays": {
        "ko": "`y`는 `digits`를 시간 축으로 뒤집고 끝에 `<END>` = 11을 붙인 것입니다.",
        "en": "`y` is `digits` reversed along time, followed by `<END>` = 11.",
    },
    "batches.full_arrays": {"ko": "배치 전체의 `digits`와 `y` 보기", "en": "Show `digits` and `y` for the whole batch"},
    "batches.why_one_length.title": {"ko": "왜 배치마다 길이가 하나일까?", "en": "Why one length per batch?"},
    "batches.why_one_length": {
        "ko": (
            "배치는 (T, N, C) 모양의 빽빽한 배열 하나이므로 N개 시퀀스 모두 같은 T를 가져야 합니다. "
            "길이를 시퀀스마다가 아니라 **배치마다** 한 번 뽑으면 패딩(padding)도, 손실에서 패딩을 가리는 "
            "마스크도 필요 없습니다. 그 대신 여러 배치에 걸쳐서 범위 안의 모든 길이가 거의 같은 빈도로 "
            "나옵니다. 아래 히스토그램이 그것을 보여 줍니다."
        ),
        "en": (
            "A batch is one dense array of shape (T, N, C), so all N sequences must share one T. "
            "Drawing the length once **per batch** rather than per sequence needs no padding and no "
            "mask over the padding in the loss. Across many batches every length in the range still "
            "comes up about equally often, as the histogram below shows."
        ),
    },
    "batches.fig.heatmap_title": {"ko": "x[:, {column}, :] — 시간 × 12 채널", "en": "x[:, {column}, :] — time × 12 channels"},
    "batches.fig.channel": {"ko": "채널 (토큰)", "en": "channel (token)"},
    "batches.fig.time": {"ko": "시간 단계 t", "en": "time step t"},
    "batches.fig.hover": {"ko": "단계 %{y}<br>채널 %{x}<br>값 %{z:.0f}", "en": "step %{y}<br>channel %{x}<br>value %{z:.0f}"},
    "batches.fig.histogram_title": {
        "ko": "배치 {n_batches}개의 길이 T-1 분포",
        "en": "Length T-1 over {n_batches} batches",
    },
    "batches.fig.length": {"ko": "시퀀스 길이 T-1", "en": "sequence length T-1"},
    "batches.fig.count": {"ko": "배치 수", "en": "batches"},
    "batches.fig.expected": {"ko": "균등할 때 기대값 ≈ {expected}", "en": "expected if uniform ≈ {expected}"},
}

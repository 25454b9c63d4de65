"""Strings of the broadcasting page ``/broadcasting`` and its figures."""

STRINGS = {
    "broadcasting.title": {"ko": "(T, N, C) @ (C, K) 브로드캐스팅", "en": "(T, N, C) @ (C, K) broadcasting"},
    "broadcasting.intro": {
        "ko": (
            "노트북은 배치를 예전의 (N, T, C)가 아니라 **(T, N, C)** 모양으로 만듭니다. 그래도 가중치 "
            "행렬과의 곱은 똑같이 계산됩니다. NumPy의 `@`는 마지막 두 축만 행렬로 보고 앞의 축 T는 "
            "브로드캐스팅하므로, `x @ W`는 시간 단계마다 (N, C) @ (C, K) 곱을 한 번씩 하는 것과 같습니다. "
            "모양을 바꿔 가며 확인해 보세요."
        ),
        "en": (
            "The notebook builds batches as **(T, N, C)** rather than the earlier (N, T, C), yet the "
            "product with a weight matrix comes out the same. NumPy's `@` treats only the last two "
            "axes as a matrix and broadcasts over the leading axis T, so `x @ W` does one "
            "(N, C) @ (C, K) product per time step. Change the shapes and check it yourself."
        ),
    },
    "broadcasting.weight_layout": {"ko": "가중치 W의 모양", "en": "Shape of the weight W"},
    "broadcasting.layout.correct": {"ko": "(C, K) — 올바른 모양", "en": "(C, K) — the right shape"},
    "broadcasting.layout.transposed": {"ko": "(K, C) — 전치된 실수", "en": "(K, C) — transposed by mistake"},
    "broadcasting.layout.extra_row": {"ko": "(C+1, K) — 행이 하나 더", "en": "(C+1, K) — one row too many"},
    "broadcasting.shapes": {"ko": "모양", "en": "Shapes"},
    "broadcasting.mismatch.title": {"ko": "모양이 맞지 않습니다", "en": "The shapes do not fit"},
    "broadcasting.mismatch.explain": {
        "ko": (
            "`@`는 x의 **마지막 축**(C = {C})과 W의 **첫 축**({rows}행)을 짝지어 곱하고 더합니다. 두 길이가 "
            "같아야 하는데 {C} ≠ {rows}입니다. NumPy가 실제로 낸 오류는 아래와 같습니다. "
            "`core dimension 0`은 W의 첫 축을 뜻합니다. W를 (C, K) = ({C}, {K}) 모양으로 만드세요."
        ),
        "en": (
            "`@` pairs the **last axis** of x (C = {C}) with the **first axis** of W ({rows} rows), "
            "multiplying and summing along it. The two lengths must be equal, but {C} ≠ {rows}. "
            "Below is the error NumPy really raises; `core dimension 0` means W's first axis. "
            "Make W of shape (C, K) = ({C}, {K})."
        ),
    },
    "broadcasting.numpy_says": {"ko": "NumPy의 오류 메시지:", "en": "NumPy's error message:"},
    "broadcasting.silent_transpose": {
        "ko": "C = K이므로 전치된 W도 모양은 맞습니다. NumPy는 오류를 내지 않지만 W 대신 Wᵀ를 곱하므로 "
        "결과는 틀립니다. 모양이 맞는다고 올바른 것은 아닙니다.",
        "en": "Since C = K, the transposed W fits too: NumPy raises no error, but it multiplies by Wᵀ "
        "instead of W, so the result is wrong. Shapes that fit are not proof of a correct product.",
    },
    "broadcasting.step": {"ko": "볼 시간 단계 t", "en": "Time step t to show"},
    "broadcasting.step.caption": {
        "ko": "단계 t에서는 x[t]의 (N, C) 조각 하나가 W 전체와 만나 결과의 (N, K) 조각 하나가 됩니다.",
        "en": "At step t, the one (N, C) slice x[t] meets the whole of W and becomes one (N, K) slice "
        "of the result.",
    },
    "broadcasting.checks.title": {"ko": "수치로 확인하기", "en": "A numeric check"},
    "broadcasting.checks.per_step": {
        "ko": "`x @ W` = 시간 단계별 반복 `np.stack([x[t] @ W for t in range(T)])`",
        "en": "`x @ W` = the per-step loop `np.stack([x[t] @ W for t in range(T)])`",
    },
    "broadcasting.checks.einsum": {
        "ko": "`x @ W` = `np.einsum(\"tnc,ck->tnk\", x, W)`",
        "en": "`x @ W` = `np.einsum(\"tnc,ck->tnk\", x, W)`",
    },
    "broadcasting.checks.batch_first": {
        "ko": "`x @ W` = (N, T, C) 배치로 계산해 다시 전치한 결과",
        "en": "`x @ W` = the (N, T, C) batch's product, transposed back",
    },
    "broadcasting.checks.equal": {"ko": "✓ 같음", "en": "✓ equal"},
    "broadcasting.checks.different": {"ko": "✗ 다름", "en": "✗ different"},
    "broadcasting.layouts.title": {"ko": "두 배치 모양 나란히 보기", "en": "The two batch layouts side by side"},
    "broadcasting.layouts.time_first": {"ko": "이 노트북: 시간 먼저 (T, N, C)", "en": "This notebook: time first (T, N, C)"},
    "broadcasting.layouts.batch_first": {"ko": "예전 방식: 배치 먼저 (N, T, C)", "en": "Earlier: batch first (N, T, C)"},
    "broadcasting.why.title": {"ko": "RNN 반복문은 왜 시간이 먼저이길 원할까?", "en": "Why does the RNN loop want time first?"},
    "broadcasting.why": {
        "ko": (
            "RNN은 `for x_t in x:`로 한 단계씩 읽습니다. (T, N, C) 배열에서 `x[t]`는 메모리에 **연속된 "
            "(N, C) 블록 하나**이므로 복사 없이 바로 행렬곱에 들어갑니다. (N, T, C) 배열에서 같은 단계 "
            "`x[:, t]`는 N군데에 C개씩 흩어져 있어, 매 단계 흩어진 조각을 모아야 합니다. 아래 그림에서 "
            "파란 칸이 단계 t의 원소입니다."
        ),
        "en": (
            "The RNN reads one step at a time, `for x_t in x:`. In a (T, N, C) array `x[t]` is **one "
            "contiguous (N, C) block** in memory, which goes straight into the matrix product without "
            "a copy. In an (N, T, C) array the same step, `x[:, t]`, is scattered over N places of C "
            "values each, to be gathered at every step. Below, the blue cells are step t's elements."
        ),
    },
    "broadcasting.why.strides": {
        "ko": "`x[{t}]` (시간 먼저): 연속 = {time_first_contiguous}, strides = {time_first_strides} 바이트 · "
        "`x[:, {t}]` (배치 먼저): 연속 = {batch_first_contiguous}, strides = {batch_first_strides} 바이트",
        "en": "`x[{t}]` (time first): contiguous = {time_first_contiguous}, strides = {time_first_strides} bytes · "
        "`x[:, {t}]` (batch first): contiguous = {batch_first_contiguous}, strides = {batch_first_strides} bytes",
    },
    "broadcasting.fig.step_title": {"ko": "단계 t = {t}: x[t] @ W", "en": "Step t = {t}: x[t] @ W"},
    "broadcasting.fig.time_first": {"ko": "(T, N, C) 시간 먼저", "en": "(T, N, C) time first"},
    "broadcasting.fig.batch_first": {"ko": "(N, T, C) 배치 먼저", "en": "(N, T, C) batch first"},
    "broadcasting.fig.memory_title": {
        "ko": "메모리 순서로 본 원소들 — 파랑: 단계 t = {t}",
        "en": "Elements in memory order — blue: step t = {t}",
    },
    "broadcasting.fig.memory_axis": {"ko": "메모리 위치", "en": "position in memory"},
    "broadcasting.fig.memory_hover": {
        "ko": "위치 %{x}<br>단계 t = %{customdata}",
        "en": "position %{x}<br>step t = %{customdata}",
    },
}

"""Strings of the live training page ``/training`` and its figures."""

STRINGS = {
    "training.title": {"ko": "직접 학습시키기", "en": "Train it yourself"},
    "training.intro": {
        "ko": (
            "노트북의 학습 루프를 그대로 돌립니다. 반복마다 새 배치를 만들고(`generate_batch`), "
            "softmax 교차 엔트로피 손실을 계산해 Adam으로 가중치를 한 번 고칩니다. 하이퍼파라미터를 고르고 "
            "**학습 시작**을 누르면 손실과 정확도가 실시간으로 그려지고, 아래의 고정된 예제 시퀀스에서 "
            "모델이 짧은 시퀀스부터 뒤집는 법을 배우는 모습이 보입니다. 기본값은 노트북과 같습니다."
        ),
        "en": (
            "This runs the notebook's training loop: every iteration draws a fresh batch "
            "(`generate_batch`), computes the softmax cross-entropy loss and takes one Adam step. "
            "Choose the hyperparameters and press **Start**: loss and accuracy are drawn live, and the "
            "fixed probe sequences below show the model learning to reverse short sequences first. "
            "The defaults are the notebook's."
        ),
    },
    # Settings
    "training.settings": {"ko": "하이퍼파라미터", "en": "Hyperparameters"},
    "training.model": {"ko": "모델 종류", "en": "Model kind"},
    "training.model_help": {
        "ko": "**seq2seq**: 인코더가 숫자를 모두 읽은 뒤 디코더가 마지막 은닉 상태 `h_T` 하나만 보고 답을 씁니다 (노트북의 모델). "
        "**+ 어텐션**: 디코더가 출력마다 인코더의 모든 은닉 상태를 다시 봅니다. "
        "**한 번에 읽는 RNN**: 인코더 없이 숫자를 읽으면서 바로 답해야 하는 기준선입니다.",
        "en": "**seq2seq**: the encoder reads every digit, then the decoder writes the answer from the last "
        "hidden state `h_T` alone (the notebook's model). **+ attention**: at every output the decoder looks "
        "back at all of the encoder's hidden states. **One-pass RNN**: a baseline without an encoder that must "
        "answer while it reads.",
    },
    "training.hidden": {"ko": "은닉 크기 D (dim_recurrent)", "en": "Hidden size D (dim_recurrent)"},
    "training.learning_rate": {"ko": "학습률 (Adam learning_rate, 로그 눈금)", "en": "Learning rate (Adam, log scale)"},
    "training.batch_size": {"ko": "배치 크기 N (batch_size)", "en": "Batch size N (batch_size)"},
    "training.iterations": {"ko": "반복 횟수", "en": "Iterations"},
    "training.lengths": {"ko": "학습 시퀀스 길이 (seq_len_min–seq_len_max)", "en": "Training lengths (seq_len_min–seq_len_max)"},
    "training.seed": {
        "ko": "시드 (초기 가중치와 배치, {min_value}–{max_value})",
        "en": "Seed (initial weights and batches, {min_value}–{max_value})",
    },
    "training.field.model": {"ko": "모델 종류", "en": "model kind"},
    "training.field.hidden": {"ko": "은닉 크기 D", "en": "hidden size D"},
    "training.field.learning_rate": {"ko": "학습률", "en": "learning rate"},
    "training.field.batch_size": {"ko": "배치 크기", "en": "batch size"},
    "training.field.iterations": {"ko": "반복 횟수", "en": "iterations"},
    "training.field.min_len": {"ko": "최소 길이", "en": "minimum length"},
    "training.field.max_len": {"ko": "최대 길이", "en": "maximum length"},
    "training.field.seed": {"ko": "시드", "en": "seed"},
    "training.change": {"ko": "{field}: {run} → {chosen}", "en": "{field}: {run} → {chosen}"},
    "training.changed": {
        "ko": (
            "설정을 바꿨지만 {run}은(는) 처음 설정 그대로 학습합니다 (설정을 섞지 않습니다): {changes}. "
            "새 설정을 쓰려면 실행을 초기화하고 새로 시작하세요. 지금 실행은 비교용으로 남습니다."
        ),
        "en": (
            "You changed the settings, but {run} keeps training with the settings it started with "
            "(settings are never mixed): {changes}. To use the new settings, reset and start a new run; "
            "the current run stays for comparison."
        ),
    },
    "training.apply": {"ko": "초기화하고 새 설정으로 시작", "en": "Reset and start with the new settings"},
    # Controls
    "training.start": {"ko": "학습 시작", "en": "Start"},
    "training.resume": {"ko": "이어서 학습", "en": "Resume"},
    "training.pause": {"ko": "일시 정지", "en": "Pause"},
    "training.step": {"ko": "{count}번만 반복", "en": "Step {count} iterations"},
    "training.reset": {"ko": "초기화", "en": "Reset"},
    "training.buttons_help": {
        "ko": "**학습 시작**은 실행이 없거나 끝났으면 지금 설정으로 새 실행을 시작하고, 멈춘 실행은 이어서 학습합니다. "
        "**{count}번만 반복**은 {count}번 학습한 뒤 멈춥니다. **초기화**는 지금 실행을 끝내며, 학습한 실행은 아래 목록에 남습니다.",
        "en": "**Start** begins a new run with these settings if there is none or the last one ended, and resumes a "
        "paused run. **Step** trains {count} iterations, then pauses. **Reset** ends the current run; a run that "
        "trained stays in the list below.",
    },
    # Live panel
    "training.no_run": {
        "ko": "학습 중인 실행이 없습니다. 새 실행을 시작하려면 **학습 시작**을 누르세요.",
        "en": "No run in training. Press **Start** to begin one.",
    },
    "training.status.ready": {"ko": "준비", "en": "ready"},
    "training.status.running": {"ko": "학습 중", "en": "training"},
    "training.status.paused": {"ko": "일시 정지", "en": "paused"},
    "training.status.waiting": {"ko": "대기 중", "en": "waiting in line"},
    "training.status.finished": {"ko": "완료", "en": "finished"},
    "training.status.diverged": {"ko": "발산으로 멈춤", "en": "stopped: diverged"},
    "training.status.uploaded": {"ko": "파일에서 불러옴", "en": "loaded from file"},
    "training.progress": {
        "ko": "{label} · {status} · 반복 {iteration:,} / {total:,}",
        "en": "{label} · {status} · iteration {iteration:,} / {total:,}",
    },
    "training.speed": {"ko": " · 초당 {rate:,.0f}회", "en": " · {rate:,.0f} it/s"},
    "training.eta": {"ko": " · 약 {duration} 남음", "en": " · about {duration} left"},
    # The line: more sessions asked to train than the server lets train at once.
    "training.line.waiting": {
        "ko": "대기 {place} — 자리가 나면 학습이 저절로 시작됩니다 ({training}). "
        "기다리지 않으려면 **일시 정지**를 누르세요.",
        "en": "{place} in line — training starts by itself when a place frees up ({training}). "
        "Press **Pause** to stop waiting.",
    },
    "training.line.one_trains": {"ko": "지금 {count}명이 학습 중", "en": "{count} student trains now"},
    "training.line.trains": {"ko": "지금 {count}명이 학습 중", "en": "{count} students train now"},
    # English suffixes by the number's last digits (seq2seq_core.line.ordinal); Korean has one form.
    "training.ordinal.st": {"ko": "{number}번째", "en": "{number}st"},
    "training.ordinal.nd": {"ko": "{number}번째", "en": "{number}nd"},
    "training.ordinal.rd": {"ko": "{number}번째", "en": "{number}rd"},
    "training.ordinal.th": {"ko": "{number}번째", "en": "{number}th"},
    "training.seconds": {"ko": "{seconds}초", "en": "{seconds} s"},
    "training.minutes": {"ko": "{minutes}분 {seconds}초", "en": "{minutes} min {seconds} s"},
    "training.finished": {
        "ko": "실행 {number}이(가) {iteration:,}번 반복을 마쳤습니다 (초당 {rate:,.0f}회). 이제 이 모델이 "
        "**현재 모델**이며, 은닉 상태와 길이별 정확도 페이지가 이 모델을 씁니다.",
        "en": "Run {number} finished {iteration:,} iterations ({rate:,.0f} it/s). It is now the **current "
        "model**, used by the hidden-state and accuracy pages.",
    },
    "training.diverged": {
        "ko": (
            "**실행 {number}이(가) 반복 {iteration:,}에서 발산했습니다** (손실이 무한대이거나 너무 커졌습니다). "
            "ReLU RNN의 은닉 상태 `h_t = ReLU(x_t W_xh + h_(t-1) W_hh + b_h)`는 위에서 잘리지 않습니다. "
            "학습률 {learning_rate:g}처럼 큰 걸음은 `W_hh`를 한 번에 크게 바꾸고, 그러면 시간 단계마다 "
            "활성값이 곱해져 폭발적으로 커집니다(은닉 크기 D가 클수록 더 쉽게). 학습률을 10배쯤 낮춰 보세요. "
            "여기까지의 기록은 그대로 남아 있습니다."
        ),
        "en": (
            "**Run {number} diverged at iteration {iteration:,}** (the loss became infinite or huge). "
            "The hidden state of a ReLU RNN, `h_t = ReLU(x_t W_xh + h_(t-1) W_hh + b_h)`, has no upper "
            "bound: a large step such as learning rate {learning_rate:g} changes `W_hh` a lot at once, and "
            "the activations are then multiplied up at every time step until they explode (more easily "
            "with a large hidden size D). Try a learning rate about ten times lower. The history up to "
            "this point is kept."
        ),
    },
    "training.lower_lr": {"ko": "학습률을 {learning_rate:g}(으)로 낮추고 새로 시작", "en": "Lower the learning rate to {learning_rate:g} and start again"},
    "training.probes.caption": {
        "ko": "고정된 예제 시퀀스 (길이 3, 8, 15, 20)에 대한 지금 모델의 출력입니다. 각 쌍의 위 줄은 정답(뒤집은 숫자와 END), "
        "아래 줄은 모델의 출력이며 맞은 자리는 파란색, 틀린 자리는 주황색입니다.",
        "en": "The model's current output on fixed probe sequences (lengths 3, 8, 15, 20). In each pair the top "
        "row is the target (the digits reversed, then END) and the bottom row the model's output: right "
        "tokens blue, wrong tokens orange.",
    },
    "training.metrics.caption": {
        "ko": "**토큰 정확도**: 출력 토큰(END 포함) 중 맞은 비율. **시퀀스 정확도**: 모든 토큰이 맞은 시퀀스의 비율. "
        "한 반복의 배치로 잰 값이라 흔들리므로 이동 평균으로 그립니다.",
        "en": "**Token accuracy**: the share of output tokens (END included) that are right. **Sequence "
        "accuracy**: the share of sequences with every token right. Each is measured on one iteration's "
        "batch, so the curves are moving averages.",
    },
    # Runs
    "training.runs.title": {"ko": "실행 비교와 현재 모델", "en": "Runs and the current model"},
    "training.runs.caption": {
        "ko": "이 세션은 실행을 {max_runs}개까지 설정·기록과 함께 남깁니다 (학습 중인 실행은 멈추거나 끝나면 나타납니다). "
        "더 많아지면 가장 오래된 실행부터 지우지만, 지금 실행과 현재 모델은 지우지 않습니다. "
        "실행을 남기려면 현재 모델로 쓰세요.",
        "en": "This session keeps up to {max_runs} runs with their settings and history (a run appears here "
        "once it is paused or finished). Beyond that the oldest go first, but never the current run or the "
        "current model: to keep a run, use it as the current model.",
    },
    "training.runs.none": {"ko": "아직 비교할 실행이 없습니다.", "en": "No runs to compare yet."},
    "training.runs.dropped": {
        "ko": "메모리를 아끼려고 오래된 실행부터 목록에서 지웠습니다: {runs}. 가중치와 기록도 함께 지워졌습니다.",
        "en": "Removed from the list to save memory, the oldest first: {runs}. Their weights and history "
        "are gone.",
    },
    "training.run_label": {"ko": "실행 {number}", "en": "Run {number}"},
    "training.run_label_file": {"ko": "실행 {number} ({name})", "en": "Run {number} ({name})"},
    "training.run_label_kind": {"ko": "{label} · {kind}", "en": "{label} · {kind}"},
    "training.run_option": {
        "ko": "{label} · D={hidden} · 학습률 {learning_rate:g} · 반복 {iteration:,}",
        "en": "{label} · D={hidden} · lr {learning_rate:g} · {iteration:,} iterations",
    },
    "training.col.run": {"ko": "실행", "en": "Run"},
    "training.col.model": {"ko": "모델", "en": "Model"},
    "training.col.status": {"ko": "상태", "en": "Status"},
    "training.col.hidden": {"ko": "D", "en": "D"},
    "training.col.learning_rate": {"ko": "학습률", "en": "Learning rate"},
    "training.col.batch_size": {"ko": "배치", "en": "Batch"},
    "training.col.lengths": {"ko": "길이", "en": "Lengths"},
    "training.col.seed": {"ko": "시드", "en": "Seed"},
    "training.col.iterations": {"ko": "반복", "en": "Iterations"},
    "training.col.loss": {"ko": "마지막 손실", "en": "Final loss"},
    "training.col.token_accuracy": {"ko": "토큰 정확도", "en": "Token accuracy"},
    "training.col.sequence_accuracy": {"ko": "시퀀스 정확도", "en": "Sequence accuracy"},
    "training.compare_metric": {"ko": "겹쳐 볼 지표", "en": "Metric to overlay"},
    "training.pick": {"ko": "현재 모델로 쓸 실행", "en": "Run to use as the current model"},
    "training.use_run": {"ko": "현재 모델로 쓰기", "en": "Use as current model"},
    "training.use_pretrained": {"ko": "사전 학습 모델 다시 불러오기", "en": "Load the pretrained model"},
    "training.current.pretrained": {
        "ko": "**현재 모델**: 배포된 사전 학습 모델 (노트북 기본 설정으로 학습). 은닉 상태와 길이별 정확도 페이지가 이 모델을 씁니다.",
        "en": "**Current model**: the shipped pretrained model (trained with the notebook's defaults). The "
        "hidden-state and accuracy pages use it.",
    },
    "training.current.run": {
        "ko": "**현재 모델**: {label}, 반복 {iteration:,} 시점의 가중치. 은닉 상태와 길이별 정확도 페이지가 이 모델을 씁니다.",
        "en": "**Current model**: {label}, its weights at iteration {iteration:,}. The hidden-state and "
        "accuracy pages use it.",
    },
    "training.diverged_not_selectable": {
        "ko": "발산한 실행은 현재 모델로 고를 수 없습니다.",
        "en": "Runs that diverged cannot be used as the current model.",
    },
    # Files
    "training.files.title": {"ko": "모델 저장과 불러오기", "en": "Save and load a model"},
    "training.download_model": {"ko": "현재 모델 내려받기 (.npz)", "en": "Download the current model (.npz)"},
    "training.download_metrics": {"ko": "현재 모델의 학습 기록 내려받기 (CSV)", "en": "Download its training metrics (CSV)"},
    "training.failed": {
        "ko": "학습이 내부 오류({error})로 멈췄습니다. 실행과 기록은 그대로 있습니다. 이어서 학습하거나 초기화하세요.",
        "en": "Training stopped on an internal error ({error}). The run and its history are kept: resume it "
        "or reset.",
    },
    "training.upload": {
        "ko": "체크포인트 불러오기 (.npz, 최대 {megabytes} MB)",
        "en": "Load a checkpoint (.npz, at most {megabytes} MB)",
    },
    "training.upload_help": {
        "ko": "이 앱이나 `python -m seq2seq_core train`이 저장한 파일. 불러온 모델은 실행 목록에 추가되고 현재 모델이 됩니다.",
        "en": "A file saved by this app or by `python -m seq2seq_core train`. The model joins the run list and "
        "becomes the current model.",
    },
    "training.upload.loaded": {
        "ko": "{name}을(를) {label}(으)로 불러왔고 현재 모델로 정했습니다.",
        "en": "Loaded {name} as {label} and made it the current model.",
    },
    "training.upload.error": {
        "ko": "{name}을(를) 불러오지 못했습니다: {reason} 실행 목록과 현재 모델은 그대로입니다.",
        "en": "Could not load {name}: {reason} Your runs and the current model are unchanged.",
    },
    "training.upload.not_npz": {
        "ko": "체크포인트(.npz) 파일이 아닙니다. 이름만 .npz로 바꾼 다른 파일일 수 있습니다.",
        "en": "this is not a checkpoint (.npz) file; it may be another file renamed to .npz.",
    },
    "training.upload.too_large": {"ko": "파일이 너무 큽니다 ({detail}).", "en": "the file is too large ({detail})."},
    "training.upload.version": {
        "ko": "이 앱이 모르는 체크포인트 형식 버전입니다 ({detail}).",
        "en": "the checkpoint format version is not one this app knows ({detail}).",
    },
    "training.upload.missing": {
        "ko": "체크포인트에 꼭 필요한 항목이 없습니다: {detail}.",
        "en": "the checkpoint lacks a required entry: {detail}.",
    },
    "training.upload.shape": {
        "ko": "배열 모양이 seq2seq 모델과 맞지 않습니다: {detail}.",
        "en": "an array's shape does not fit the seq2seq model: {detail}.",
    },
    "training.upload.dtype": {
        "ko": "배열 자료형이 float32가 아닙니다: {detail}.",
        "en": "an array is not float32: {detail}.",
    },
    "training.upload.not_finite": {
        "ko": "가중치에 무한대나 NaN이 있습니다 (발산한 모델일 수 있습니다): {detail}.",
        "en": "the weights contain infinities or NaN (perhaps a diverged model): {detail}.",
    },
    "training.upload.metadata": {
        "ko": "하이퍼파라미터 정보를 읽을 수 없습니다: {detail}.",
        "en": "the hyperparameters cannot be read: {detail}.",
    },
    "training.upload.cell": {
        "ko": "이 체크포인트의 순환 셀이 여기서 필요한 셀과 다릅니다 (파일 ≠ 필요: {detail}).",
        "en": "this checkpoint's recurrent cell is not the one needed here (file ≠ needed: {detail}).",
    },
    "training.upload.unexpected": {
        "ko": "체크포인트에 없는 항목이 들어 있습니다: {detail}. 이 앱이나 `python -m seq2seq_core train`이 "
        "저장한 파일을 고치지 말고 그대로 올려 주세요.",
        "en": "the file holds entries a checkpoint does not have: {detail}. Upload the file exactly as "
        "this app or `python -m seq2seq_core train` saved it.",
    },
    # Figures
    "training.fig.iteration": {"ko": "반복", "en": "Iteration"},
    "training.fig.loss": {"ko": "손실 (로그 눈금)", "en": "Loss (log scale)"},
    "training.fig.loss_title": {"ko": "손실", "en": "Loss"},
    "training.fig.raw": {"ko": "반복마다의 값", "en": "per iteration"},
    "training.fig.smoothed": {"ko": "이동 평균 ({window}회)", "en": "moving average ({window})"},
    "training.fig.accuracy": {"ko": "정확도", "en": "Accuracy"},
    "training.fig.accuracy_title": {"ko": "정확도 (이동 평균 {window}회)", "en": "Accuracy (moving average of {window})"},
    "training.metric.loss": {"ko": "손실", "en": "loss"},
    "training.metric.token_accuracy": {"ko": "토큰 정확도", "en": "token accuracy"},
    "training.metric.sequence_accuracy": {"ko": "시퀀스 정확도", "en": "sequence accuracy"},
    "training.fig.compare_title": {"ko": "실행별 {metric} (이동 평균)", "en": "Runs compared: {metric} (moving average)"},
    "training.fig.hover": {"ko": "반복 %{x}: %{y:.4f}", "en": "iteration %{x}: %{y:.4f}"},
    "training.fig.hover_percent": {"ko": "반복 %{x}: %{y:.1%}", "en": "iteration %{x}: %{y:.1%}"},
    "training.fig.probe_title": {"ko": "예제 시퀀스에 대한 출력", "en": "Output on the probe sequences"},
    "training.fig.probe_target": {"ko": "길이 {length} 정답", "en": "length {length}: target"},
    "training.fig.probe_output": {
        "ko": "길이 {length} 출력 {right}/{total}",
        "en": "length {length}: output {right}/{total}",
    },
    "training.fig.position": {"ko": "출력 위치", "en": "Output position"},
    "training.fig.probe_hover": {
        "ko": "위치 %{x}: %{text} (정답 %{customdata})",
        "en": "position %{x}: %{text} (target %{customdata})",
    },
}

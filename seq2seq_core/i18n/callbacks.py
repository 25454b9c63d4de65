"""The message for a button or upload whose action failed (pages/_callbacks.py)."""

STRINGS = {
    "callbacks.failed": {
        "ko": "방금 요청한 동작이 내부 오류({error})로 실패했습니다. 아무것도 바뀌지 않았습니다: 설정, 실행, 현재 "
              "모델이 그대로입니다. 다시 시도하거나 다른 동작을 고르세요.",
        "en": "What you just asked for failed on an internal error ({error}). Nothing changed: your settings, "
              "runs and current model are as they were. Try again or choose something else.",
    },
}

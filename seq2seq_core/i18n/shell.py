"""Strings of the app shell: page titles in the navigation, the language switch."""

STRINGS = {
    "shell.page.home": {"ko": "시작하기", "en": "Start here"},
    "shell.page.batches": {"ko": "배치 만들기", "en": "Batch generation"},
    "shell.page.broadcasting": {"ko": "(T, N, C) 브로드캐스팅", "en": "(T, N, C) broadcasting"},
    "shell.page.training": {"ko": "학습하기", "en": "Training"},
    "shell.page.hidden_states": {"ko": "은닉 상태 들여다보기", "en": "Hidden states"},
    "shell.page.accuracy": {"ko": "길이별 정확도", "en": "Accuracy by length"},
    "shell.language.ko": {"ko": "한국어", "en": "한국어 (Korean)"},
    "shell.language.en": {"ko": "English (영어)", "en": "English"},
    "shell.coming": {
        "ko": "이 페이지는 준비 중입니다. 곧 채워집니다.",
        "en": "This page is being built and will be filled in soon.",
    },
}

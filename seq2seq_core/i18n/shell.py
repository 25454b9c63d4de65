"""Strings of the app shell: page titles in the navigation, the language switch, notices."""

STRINGS = {
    "shell.page.home": {"ko": "시작하기", "en": "Start here"},
    "shell.page.batches": {"ko": "배치 만들기", "en": "Batch generation"},
    "shell.page.broadcasting": {"ko": "(T, N, C) 브로드캐스팅", "en": "(T, N, C) broadcasting"},
    "shell.page.training": {"ko": "학습하기", "en": "Training"},
    "shell.page.hidden_states": {"ko": "은닉 상태 들여다보기", "en": "Hidden states"},
    "shell.page.accuracy": {"ko": "길이별 정확도", "en": "Accuracy by length"},
    "shell.page.attention": {"ko": "어텐션", "en": "Attention"},
    "shell.language.ko": {"ko": "한국어", "en": "한국어 (Korean)"},
    "shell.language.en": {"ko": "English (영어)", "en": "English"},
    "shell.share.button": {"ko": "이 화면 링크", "en": "Link to this view"},
    "shell.share": {
        "ko": "이 화면 그대로 공유하기 (오른쪽 아이콘으로 복사)",
        "en": "Share exactly this view (copy with the icon on the right)",
    },
    "shell.present": {"ko": "발표 모드", "en": "Presenter mode"},
    "shell.present_help": {
        "ko": "프로젝터용으로 글자와 그래프를 크게 보여 줍니다. 링크에 ?present=1 을 붙여도 됩니다.",
        "en": "Larger text and charts for a projector. Adding ?present=1 to a link does the same.",
    },
    "shell.replica_moved": {
        "ko": "접속해 있던 서버(`{before}`)가 멈춰서, 이 페이지는 이제 다른 서버(`{now}`)에서 처음부터 다시 시작합니다. 그 서버에서 학습하거나 올린 실행은 사라졌습니다.",
        "en": "The server you were on (`{before}`) stopped, so this page now runs on another one (`{now}`) and starts afresh: runs you trained or uploaded there are gone.",
    },
    "shell.session_lost": {
        "ko": "서버가 멈추거나 다시 시작되었거나 페이지의 연결이 오래 끊겨서, 이 페이지의 세션이 서버에 남아 있지 않습니다. 처음부터 다시 시작하며, 전에 학습하거나 올린 실행은 사라졌습니다.",
        "en": "This page's session is no longer on the server (a server stopped or restarted, or the page was offline for a long while), so the page starts afresh: runs you trained or uploaded before are gone.",
    },
    "shell.url.rejected": {
        "ko": "링크의 설정 {params} 값을 쓸 수 없어 기본값을 썼습니다.",
        "en": "The link's setting {params} could not be used, so the default is shown instead.",
    },
}

"""Strings shared by every page: navigation, language switch, model names, errors."""

STRINGS = {
    "common.app_title": {"ko": "Seq2Seq 뒤집기 탐험기", "en": "Seq2Seq Reversal Explorer"},
    "common.language": {"ko": "언어", "en": "Language"},
    "common.sequence.empty": {
        "ko": "숫자를 하나 이상 입력하세요. 예: 3 1 4 1 5",
        "en": "Type at least one digit, e.g. 3 1 4 1 5",
    },
    "common.sequence.invalid": {
        "ko": "0–9 숫자만 입력할 수 있습니다 (구분자는 공백, 쉼표 가능). 예: 31415, 3 1 4 1 5, 3,1,4,1,5",
        "en": "Only the digits 0–9 are allowed, optionally separated by spaces or commas, e.g. 31415, 3 1 4 1 5, 3,1,4,1,5",
    },
    "common.sequence.too_long": {
        "ko": "숫자는 최대 {max_length}개까지 입력할 수 있습니다.",
        "en": "At most {max_length} digits are allowed.",
    },
    "common.yes": {"ko": "예", "en": "yes"},
    "common.no": {"ko": "아니요", "en": "no"},
}

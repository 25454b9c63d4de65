"""The string catalogue: every key in both languages, non-empty, with the same placeholders."""
import string

import pytest

from seq2seq_core.i18n import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES, normalize_language, t


def placeholders(text):
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_key_has_non_empty_korean_and_english():
    missing = [
        (key, lang)
        for key, texts in CATALOGUE.items()
        for lang in LANGUAGES
        if not (isinstance(texts.get(lang), str) and texts[lang].strip())
    ]
    assert not missing, f"missing or empty strings: {missing}"
    assert not [key for key, texts in CATALOGUE.items() if set(texts) - set(LANGUAGES)]


def test_both_languages_take_the_same_fields():
    differing = [key for key, texts in CATALOGUE.items() if placeholders(texts["ko"]) != placeholders(texts["en"])]
    assert not differing, f"placeholders differ between ko and en: {differing}"


def test_keys_are_prefixed_with_their_module():
    assert all("." in key for key in CATALOGUE)


def test_korean_is_the_default_and_unknown_languages_fall_back_to_it():
    assert DEFAULT_LANGUAGE == "ko"
    assert normalize_language(None) == normalize_language("fr") == "ko"
    assert t("common.language", "xx") == t("common.language", "ko")


def test_fields_are_filled_in():
    assert "7" in t("common.sequence.too_long", "en", max_length=7)


def test_an_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        t("no.such.key", "en")

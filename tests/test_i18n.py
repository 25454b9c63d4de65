"""The string catalogue: every key in both languages, non-empty, with the same placeholders."""
import ast
import re
import string
from pathlib import Path

import pytest

from seq2seq_core.i18n import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES, normalize_language, t

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
           *sorted((ROOT / "seq2seq_core").rglob("*.py"))]


def placeholders(text):
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def format_fields(text):
    """The fields ``t`` fills in: placeholders except plotly's ``%{y}`` hover-template ones."""
    return {field for before, field, _, _ in string.Formatter().parse(text)
            if field and not before.endswith("%")}


def t_calls():
    """Every call of ``seq2seq_core.i18n.t`` in the app's code, under whatever name it is imported.

    Yields ``(where, key, fields)``: ``key`` is the first argument's AST node (each branch of
    ``"a" if c else "b"`` on its own); ``fields`` the keyword names passed, or None when a
    ``**mapping`` passes some unknown ones.
    """
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("i18n")
                 for alias in node.names if alias.name == "t"}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in names and node.args):
                keywords = [keyword.arg for keyword in node.keywords]
                fields = None if None in keywords else set(keywords)
                for key in branches(node.args[0]):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", key, fields


def branches(node):
    """The expressions an argument may be: each branch of ``"a" if c else "b"``."""
    if isinstance(node, ast.IfExp):
        yield from branches(node.body)
        yield from branches(node.orelse)
    else:
        yield node


def key_pattern(node):
    """A regex for the keys an f-string key can produce: ``f"shell.page.{name}"``."""
    return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                   for part in node.values)


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
    differing = [key for key, texts in CATALOGUE.items()
                 if placeholders(texts["ko"]) != placeholders(texts["en"])]
    assert not differing, f"placeholders differ between ko and en: {differing}"


def test_every_key_the_code_asks_for_exists_with_the_fields_it_is_given():
    calls = list(t_calls())
    literal = [(where, key.value, fields) for where, key, fields in calls
               if isinstance(key, ast.Constant)]
    assert len(literal) > 100, "the scan finds the app's t(...) calls"
    missing = [(where, key) for where, key, _ in literal
               if not all(CATALOGUE.get(key, {}).get(lang) for lang in LANGUAGES)]
    assert not missing, f"keys used but not in both languages: {missing}"
    # t() fills in fields only when given some: a forgotten one shows "{name}" to the user.
    unfilled = [(where, key) for where, key, fields in literal
                if fields is not None and fields != format_fields(CATALOGUE[key]["en"])]
    assert not unfilled, f"calls whose fields differ from the string's placeholders: {unfilled}"
    patterns = [(where, key_pattern(key)) for where, key, _ in calls
                if isinstance(key, ast.JoinedStr)]
    unmatched = [(where, pattern) for where, pattern in patterns
                 if not any(re.fullmatch(pattern, key) for key in CATALOGUE)]
    assert not unmatched, f"f-string keys that match no key in the catalogue: {unmatched}"


def test_korean_is_the_default_and_unknown_languages_fall_back_to_it():
    assert DEFAULT_LANGUAGE == "ko"
    assert normalize_language(None) == normalize_language("fr") == "ko"
    assert t("common.language", "xx") == t("common.language", "ko")


def test_fields_are_filled_in():
    assert "7" in t("common.sequence.too_long", "en", max_length=7)


def test_an_unknown_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        t("no.such.key", "en")

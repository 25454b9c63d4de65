"""Every visible string of the app, in Korean and English, in one catalogue.

Strings live in one module per page (``common``, ``home``, ``batches`` …), each
defining ``STRINGS = {key: {"ko": ..., "en": ...}}``; they are merged here into
one catalogue so that any page can use any key, and so that a test can check
that no key is missing or empty in either language. Keys are prefixed with
their module's name (``batches.title``) so that two modules never collide.
"""
import importlib
import pkgutil

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "CATALOGUE", "normalize_language", "t"]

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"


def _load_catalogue():
    catalogue = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, texts in module.STRINGS.items():
            if key in catalogue:
                raise KeyError(f"string key {key!r} is defined twice")
            catalogue[key] = texts
    return catalogue


CATALOGUE = _load_catalogue()


def normalize_language(lang):
    """Return ``lang`` if it is a supported language code, else the default ("ko")."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key, lang, **fields):
    """Look up ``key`` in language ``lang`` and fill in ``{fields}``.

    Parameters
    ----------
    key : str
        A catalogue key, e.g. ``"batches.title"``.
    lang : {"ko", "en"}
        The language; anything else falls back to Korean.
    **fields
        Values for ``str.format`` placeholders in the string.

    Raises
    ------
    KeyError
        For an unknown key: a missing string is a bug, not something to hide.
    """
    text = CATALOGUE[key][normalize_language(lang)]
    return text.format(**fields) if fields else text

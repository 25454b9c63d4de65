"""The one helper every page calls first: language, shared session state, page links.

A page file starts with::

    from pages._shell import setup_page

    lang = setup_page()

and then uses ``t(key, lang)`` for every visible string. Because the language
and the shared state are set up here rather than in ``app.py``, a page file also
runs on its own, e.g. under ``AppTest.from_file("pages/batches.py")``.

Session state shared between pages
----------------------------------
``st.session_state["lang"]`` (:data:`LANG_KEY`)
    ``"ko"`` or ``"en"``. First taken from ``?lang=`` in the URL (Korean when
    absent or unknown), then owned by the sidebar switch that ``app.py`` draws.
    Every run writes it back to ``?lang=`` so the URL can be shared as is.
``st.session_state["current_model"]`` (:data:`MODEL_KEY`)
    The model the pages show: a :class:`seq2seq_core.checkpoint.Checkpoint`
    (``.model`` is a :class:`~seq2seq_core.model.Seq2Seq`, with its
    ``.hyperparameters`` and ``.history``). Read it with :func:`current_model`,
    which loads the shipped pretrained model the first time; the training page
    puts a model the user trained or uploaded here.
    It belongs to this session alone: nothing mutable is shared between users.
"""
from pathlib import Path

import streamlit as st

from seq2seq_core.i18n import normalize_language, t

__all__ = ["LANG_KEY", "MODEL_KEY", "PAGE_NAMES", "setup_page", "current_model", "page", "navigation_pages"]

LANG_KEY = "lang"
MODEL_KEY = "current_model"

# Page name = file name = URL path (``pages/batches.py`` is served at ``/batches``):
# with a ``pages/`` folder present, Streamlit answers a deep link whose path
# differs from the file name with a "Page not found" dialog.
PAGE_NAMES = ("home", "batches", "broadcasting", "training", "hidden_states", "accuracy")
_ICONS = {
    "home": ":material/home:",
    "batches": ":material/view_in_ar:",
    "broadcasting": ":material/grid_on:",
    "training": ":material/model_training:",
    "hidden_states": ":material/visibility:",
    "accuracy": ":material/bar_chart:",
}
_PAGES_DIR = Path(__file__).parent


def setup_page():
    """Set up the language for this run and keep ``?lang=`` in step with it.

    Returns
    -------
    {"ko", "en"}
        The language every visible string of this run is written in.
    """
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalize_language(st.query_params.get("lang"))
    lang = st.session_state[LANG_KEY]
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    _leave_pages_directory_mode(lang)
    return lang


def _leave_pages_directory_mode(lang):
    """Switch a freshly started server from the ``pages/`` folder to ``st.navigation``.

    Until some session has called ``st.navigation``, a server whose entry file
    sits beside a ``pages/`` folder serves each file in it as a page of its own
    (the old multipage mode): a deep link like ``/batches`` opened first after a
    (cold) start would then run without ``app.py``, so without the language
    switch and with a menu of file names. Calling ``st.navigation`` once turns
    that mode off for every session; the rerun then goes through ``app.py``.
    Streamlit keeps this mode in a private flag, so it is read defensively.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        st.navigation(navigation_pages(lang), position="hidden")
        st.rerun()


def current_model():
    """Return this session's current model, loading the pretrained one on first use.

    Returns
    -------
    seq2seq_core.checkpoint.Checkpoint
        What :data:`MODEL_KEY` holds; ``.model`` is a :class:`~seq2seq_core.model.Seq2Seq`.
    """
    if MODEL_KEY not in st.session_state:
        # Imported here so that pages without a model never pay for loading one.
        from seq2seq_core.checkpoint import load_pretrained

        st.session_state[MODEL_KEY] = load_pretrained()
    return st.session_state[MODEL_KEY]


def page(name, lang):
    """Return the ``st.Page`` for page ``name``, titled in ``lang``.

    Works both inside the app (for ``st.navigation``) and when a page file runs
    alone (for ``st.page_link``), because the file path is absolute.

    Parameters
    ----------
    name : str
        One of :data:`PAGE_NAMES`; also the page's URL path (``"home"`` is ``/``).
    lang : {"ko", "en"}
    """
    return st.Page(
        _PAGES_DIR / f"{name}.py",
        title=t(f"shell.page.{name}", lang),
        icon=_ICONS[name],
        url_path=name,
        default=name == "home",
    )


def navigation_pages(lang):
    """Return every page in menu order, titled in ``lang``, for ``st.navigation``."""
    return [page(name, lang) for name in PAGE_NAMES]

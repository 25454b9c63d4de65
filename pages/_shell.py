"""The one helper every page calls first: language, shared session state, page links.

A page file starts with::

    from pages._shell import setup_page

    lang = setup_page("batches")

and then uses ``t(key, lang)`` for every visible string. ``setup_page`` also
loads the page's settings from the URL (:data:`seq2seq_core.url_state.PAGE_SETTINGS`),
keeps the URL in step with them, draws the "copy link" box, and applies
presenter mode. Because the language
and the shared state are set up here rather than in ``app.py``, a page file also
runs on its own, e.g. under ``AppTest.from_file("pages/batches.py")``.

Session state shared between pages
----------------------------------
``st.session_state["lang"]`` (:data:`LANG_KEY`)
    ``"ko"`` or ``"en"``. First taken from ``?lang=`` in the URL (Korean when
    absent; Korean with the refused-settings notice when unknown), then owned by
    the sidebar switch that ``app.py`` draws.
    Every run writes it back to ``?lang=`` so the URL can be shared as is.
``st.session_state["current_model"]`` (:data:`MODEL_KEY`)
    The model the pages show: a :class:`seq2seq_core.checkpoint.Checkpoint`
    (``.model`` is a :class:`~seq2seq_core.model.Seq2Seq`, with its
    ``.hyperparameters`` and ``.history``). Read it with :func:`current_model`,
    which loads the shipped pretrained model the first time; the training page
    puts a model the user trained or uploaded here.
    It belongs to this session alone: nothing mutable is shared between users.
``st.session_state["training_book"]`` (:data:`BOOK_KEY`)
    The training page's :class:`seq2seq_core.runs.RunBook`: this session's runs
    (one may be training in its own thread). The training page creates it; the
    accuracy page overlays its kept runs when it exists.
``st.session_state["present"]`` (:data:`PRESENT_KEY`)
    Presenter mode (larger text and charts for a projector): from ``?present=1``,
    then owned by the sidebar toggle that ``app.py`` draws.
``st.session_state["_session_start_checked"]``
    Set by the session's first page run, which says whether this session replaces
    one the server no longer has (a stopped or restarted server, see
    :func:`moved_replica` and :func:`session_was_lost`).
The widgets named in :data:`~seq2seq_core.url_state.PAGE_SETTINGS`
    Their values come from the URL on a page's first run in a session, else from
    the setting's default; a copy under ``_saved_<key>`` brings them back when the
    user returns to the page (Streamlit forgets the state of widgets not drawn).
    Such widgets are created without a default value of their own.
"""
import os
import re
from pathlib import Path

import streamlit as st
from streamlit import runtime

from pages._callbacks import show_callback_error
from pages._closed_sessions import note_session
from pages._keep import keep_value, saved_key
from seq2seq_core.i18n import LANGUAGES, normalize_language, t
from seq2seq_core.url_state import PAGE_SETTINGS, read_query, share_url, to_query

__all__ = [
    "BOOK_KEY",
    "LANG_KEY",
    "MODEL_KEY",
    "PAGE_NAMES",
    "PRESENT_KEY",
    "REPLICA_COOKIE",
    "REPLICA_ENV",
    "SHARE_KEY",
    "current_model",
    "moved_replica",
    "navigation_pages",
    "page",
    "presenting",
    "session_connected",
    "session_was_lost",
    "setup_page",
]

LANG_KEY = "lang"
MODEL_KEY = "current_model"
BOOK_KEY = "training_book"
PRESENT_KEY = "present"
SHARE_KEY = "share_link"  # the sidebar popover holding the link to this view
# Set when ?lang= held an unknown language, until the first page's notice says so.
_LANG_REFUSED_KEY = "_url_lang_refused"
_SESSION_START_KEY = "_session_start_checked"
# Behind deploy/haproxy.cfg: each replica's name (docker-compose.yml gives it), which is
# also the value of HAProxy's sticky cookie for that replica.
REPLICA_ENV = "SEQ2SEQ_REPLICA"
REPLICA_COOKIE = "seq2seq_replica"
# A replica's name is shown in a notice, so only plain names are (no Markdown).
_REPLICA_NAME = re.compile(r"[A-Za-z0-9_.-]{1,40}")

# Presenter mode: everything in the main column drawn 1.3 times larger (charts
# included, which font sizes alone would not reach), for 1280×720 projectors.
_PRESENTER_CSS = """
<style>
[data-testid="stMainBlockContainer"] { zoom: 1.3; max-width: 100%; padding: 3rem 1.5rem 3rem; }
</style>
"""

# Page name = file name = URL path (``pages/batches.py`` is served at ``/batches``):
# with a ``pages/`` folder present, Streamlit answers a deep link whose path
# differs from the file name with a "Page not found" dialog.
PAGE_NAMES = ("home", "batches", "broadcasting", "training", "hidden_states", "accuracy",
              "attention")
_ICONS = {
    "home": ":material/home:",
    "batches": ":material/view_in_ar:",
    "broadcasting": ":material/grid_on:",
    "training": ":material/model_training:",
    "hidden_states": ":material/visibility:",
    "accuracy": ":material/bar_chart:",
    "attention": ":material/filter_center_focus:",
}
_PAGES_DIR = Path(__file__).parent


def setup_page(name=None):
    """Set up language, URL settings and presenter mode for this run of a page.

    Parameters
    ----------
    name : str, optional
        The page (one of :data:`PAGE_NAMES`); its settings are read from and
        written to the URL, and a "copy link" box is drawn in the sidebar.

    Returns
    -------
    {"ko", "en"}
        The language every visible string of this run is written in.
    """
    note_session()  # so that the session is shut down once its tab has been gone a while
    first_visit = LANG_KEY not in st.session_state and saved_key(LANG_KEY) not in st.session_state
    asked = st.query_params.get("lang")
    if first_visit:
        st.session_state[_LANG_REFUSED_KEY] = asked is not None and asked not in LANGUAGES
    url_lang = normalize_language(asked)
    url_present = st.query_params.get(PRESENT_KEY) == "1"
    if name is None:
        # app.py, before it draws the sidebar's switch and toggle: they show the session's
        # values even after a run that failed (the browser then forgot every widget).
        keep_value(LANG_KEY, url_lang, translated=True)
        keep_value(PRESENT_KEY, url_present)
    else:  # a page file, alone or after app.py: never touch a widget app.py has drawn
        st.session_state.setdefault(LANG_KEY, url_lang)
        st.session_state.setdefault(PRESENT_KEY, url_present)
    lang = st.session_state[LANG_KEY]
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    _leave_pages_directory_mode(lang)
    if presenting():
        st.query_params[PRESENT_KEY] = "1"
    elif PRESENT_KEY in st.query_params:
        del st.query_params[PRESENT_KEY]
    if name is not None:
        _say_if_the_session_restarted(lang)
        if presenting():
            st.html(_PRESENTER_CSS)
        _sync_settings(name, lang)
        show_callback_error(lang)
    return lang


def presenting():
    """bool: whether presenter mode is on in this session."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def _say_if_the_session_restarted(lang):
    """On a session's first page run: tell the student if it replaces a session the server lost.

    When a replica stops, Streamlit's front end reconnects, HAProxy sends it to
    another replica, and there the browser gets a new, empty session: its runs
    and model stayed in the stopped replica's memory. A server that restarted
    gives the same empty session. Said once per session.
    """
    if st.session_state.get(_SESSION_START_KEY):
        return
    st.session_state[_SESSION_START_KEY] = True
    before, here = st.context.cookies.get(REPLICA_COOKIE), os.environ.get(REPLICA_ENV)
    if moved_replica(before, here):
        st.warning(t("shell.replica_moved", lang, before=before, now=here),
                   icon=":material/sync_problem:")
    elif session_was_lost(st.context.headers.get("Sec-WebSocket-Protocol"), _session_id()):
        st.warning(t("shell.session_lost", lang), icon=":material/sync_problem:")


def moved_replica(before, here):
    """bool: the browser comes from another replica, and both have names fit to show.

    Parameters
    ----------
    before : str or None
        HAProxy's sticky cookie as the browser sent it when it opened this
        session's WebSocket: the replica it was on. A page load sets it to the
        replica that answers, so on the WebSocket it names another one only when
        the browser reconnected from a replica that stopped (deploy/haproxy.cfg
        keeps Streamlit's reconnect pings from changing it).
    here : str or None
        This replica's name (:data:`REPLICA_ENV`); None on a server of its own.
    """
    # Under AppTest, whose stand-in client is a mock, neither is a str.
    names = (before, here)
    return (all(isinstance(name, str) and _REPLICA_NAME.fullmatch(name) for name in names)
            and before != here)


def session_was_lost(websocket_protocols, session_id):
    """bool: the browser asked to resume a session that this server does not have.

    Parameters
    ----------
    websocket_protocols : str or None
        The ``Sec-WebSocket-Protocol`` header of this session's WebSocket. Streamlit's
        front end sends ``streamlit, <XSRF token>`` and, when it reconnects, a third
        entry: the id of the session it had. A server that has that session resumes
        it under the same id; otherwise the session is new. (Streamlit's own reading
        of the header, ``starlette_websocket._parse_subprotocols``, is private;
        ``tests/test_replicas.py`` checks this one against it.)
    session_id : str
        This session's id.
    """
    if not isinstance(websocket_protocols, str):  # no header, or AppTest's mock client
        return False
    entries = [entry.strip() for entry in websocket_protocols.split(",")]
    return len(entries) > 2 and bool(entries[2]) and entries[2] != session_id


def _session_id():
    """str: the id of the session of this script run (Streamlit has no public way to ask)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx().session_id


def _sync_settings(name, lang):
    """Give the page's setting widgets their values and mirror them in the URL."""
    settings = PAGE_SETTINGS.get(name, ())
    read_flag = f"_url_read_{name}"
    rejected = []
    if st.session_state.pop(_LANG_REFUSED_KEY, False):  # said once, by the first page
        rejected.append("lang")
    if not st.session_state.get(read_flag):  # a link opened: the URL decides, once
        values, refused_settings = read_query(st.query_params, settings)
        st.session_state.update(values)
        st.session_state[read_flag] = True
        rejected += refused_settings
    for setting in settings:
        keep_value(setting.widget_key, setting.default, translated=setting.kind == "choice")
    params = to_query(st.session_state, settings)
    for param, value in params.items():
        if st.query_params.get(param) != value:
            st.query_params[param] = value
    if rejected:
        # The app's own parameter names only: a value from the URL is never drawn as
        # Markdown (a refused one is not shown at all, an accepted one only as a widget's
        # value and inside the code box below).
        st.warning(t("shell.url.rejected", lang, params=", ".join(f"`{p}`" for p in rejected)))
    link_params = {"lang": lang, **params} | ({PRESENT_KEY: "1"} if presenting() else {})
    # In a popover: the browser loads the code block's highlighter (1.5 MB of
    # JavaScript) only when someone opens it, not on every first visit.
    with st.sidebar.popover(t("shell.share.button", lang), icon=":material/link:", key=SHARE_KEY):
        st.caption(t("shell.share", lang))
        st.code(share_url(st.context.url, "" if name == "home" else name, link_params),
                language=None, wrap_lines=True)


def _leave_pages_directory_mode(lang):
    """Switch a freshly started server from the ``pages/`` folder to ``st.navigation``.

    Until some session has called ``st.navigation``, a server whose entry file
    sits beside a ``pages/`` folder serves each file in it as a page of its own
    (the old multipage mode): a deep link like ``/batches`` opened first after a
    (cold) start would then run without ``app.py``, so without the language
    switch and with a menu of file names. Calling ``st.navigation`` once turns
    that mode off for every session; the rerun then goes through ``app.py``.
    """
    if _serves_pages_directory():
        st.navigation(navigation_pages(lang), position="hidden")
        st.rerun()


def _serves_pages_directory():
    """bool: whether the server still runs each file in ``pages/`` as a page of its own.

    Streamlit has no public way to ask, so this reads its private class flag, here
    alone. ``tests/test_streamlit_internals.py`` fails, naming this function, if a
    Streamlit upgrade renames the flag. Until it is fixed the app still works, except
    that a deep link opened first after a cold start runs without ``app.py`` (see above).
    """
    from streamlit.runtime.pages_manager import PagesManager

    return bool(getattr(PagesManager, "uses_pages_directory", False))


def current_model():
    """Return this session's current model, loading the pretrained one on first use.

    A training run that has ended on its own since the last call becomes the
    current model first, on whichever page the student is (it trains in the
    background while they look elsewhere).

    Returns
    -------
    seq2seq_core.checkpoint.Checkpoint
        What :data:`MODEL_KEY` holds; ``.model`` is a :class:`~seq2seq_core.model.Seq2Seq`.
    """
    book = st.session_state.get(BOOK_KEY)
    finished = book.take_finished() if book is not None else None
    if finished is not None:
        st.session_state[MODEL_KEY] = book.select(finished)
    if MODEL_KEY not in st.session_state:
        # Imported here so that pages without a model never pay for loading one.
        from seq2seq_core.checkpoint import load_pretrained

        st.session_state[MODEL_KEY] = load_pretrained()
    return st.session_state[MODEL_KEY]


def session_connected():
    """A callable that says whether this session's browser tab is still connected.

    Work this session started in a thread of its own (training) asks it, so
    that a closed tab stops it. Without a server (bare ``python``) and under
    ``AppTest`` (whose stand-in runtime answers with a mock, which is truthy) the
    session counts as connected.

    Returns
    -------
    callable
        Takes no arguments, returns bool; safe to call from any thread.
    """
    if not runtime.exists():
        return lambda: True
    return _browser_connected_check()


def _browser_connected_check():
    """A callable: whether the session of this script run still has its browser tab.

    Streamlit has no public API for this (``st.context`` describes the request, not
    the connection), so the runtime's session registry is asked, here alone;
    ``tests/test_streamlit_internals.py`` fails, naming this function, if a Streamlit
    upgrade renames what it uses. A closed or dropped tab counts as disconnected at
    once, although Streamlit keeps the session's state a while longer
    (``server.disconnectedSessionTTL``) in case the tab comes back.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    server, session_id = runtime.get_instance(), get_script_run_ctx().session_id
    return lambda: bool(server.is_active_session(session_id))


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

"""The places where the app relies on Streamlit internals, checked against the installed Streamlit.

Streamlit offers no public way to ask either question of pages/_shell.py, to send a
figure dict without building it again (pages/_steady_chart.py), or to shut a session down from
a page (pages/_closed_sessions.py), so each is one small function or class. After a
Streamlit upgrade, a failure here names the function to fix; the app itself would only
quietly lose the behaviour.
"""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from streamlit.testing.v1 import AppTest

import pages._shell as shell

ROOT = Path(__file__).resolve().parents[1]


def test_serves_pages_directory_sees_the_old_mode_and_st_navigation_ending_it(monkeypatch):
    fix = ("fix pages/_shell.py::_serves_pages_directory: Streamlit's private flag "
           "PagesManager.uses_pages_directory")
    from streamlit.runtime import pages_manager

    assert hasattr(pages_manager.PagesManager, "uses_pages_directory"), f"{fix} is gone"
    seen, serves_pages_directory = [], shell._serves_pages_directory

    def recording():
        seen.append(serves_pages_directory())
        return seen[-1]

    monkeypatch.setattr(shell, "_serves_pages_directory", recording)
    # A first run of app.py is a cold server's first session: app.py sits beside pages/.
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    assert seen[0] is True, f"{fix} no longer says that a server with pages/ starts in that mode"
    assert seen[-1] is False, f"{fix} no longer turns False once st.navigation has run"


# In a fresh process: a real Runtime is a process-wide singleton that AppTest also uses.
A_TAB_CONNECTS_AND_CLOSES = textwrap.dedent("""
    import asyncio
    from unittest.mock import MagicMock, patch

    from streamlit.runtime import Runtime, RuntimeConfig, SessionClient
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    from pages._shell import _browser_connected_check

    async def main():
        server = Runtime(RuntimeConfig(
            script_path="app.py", media_file_storage=MemoryMediaFileStorage("/media"),
            uploaded_file_manager=MemoryUploadedFileManager("/upload"),
            cache_storage_manager=MemoryCacheStorageManager(),
        ))
        await server.start()
        session_id = server.connect_session(client=MagicMock(spec=SessionClient), user_info={})
        run = MagicMock(session_id=session_id)
        with patch("streamlit.runtime.scriptrunner.get_script_run_ctx", return_value=run):
            connected = _browser_connected_check()
        print(connected())
        server.disconnect_session(session_id)  # what closing the tab does
        print(connected())
        server.stop()
        await server.stopped

    asyncio.run(main())
""")


def test_browser_connected_check_follows_a_tab_that_connects_and_closes():
    fix = "fix pages/_shell.py::_browser_connected_check (Streamlit's Runtime.is_active_session)"
    result = subprocess.run([sys.executable, "-c", A_TAB_CONNECTS_AND_CLOSES], cwd=ROOT,
                            text=True, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, f"{fix}; with this Streamlit it fails:\n{result.stderr}"
    assert result.stdout.split() == ["True", "False"], f"{fix}: it no longer follows the tab"


A_CLOSED_TAB_IS_SHUT_DOWN = textwrap.dedent("""
    import asyncio
    from unittest.mock import MagicMock, patch

    from streamlit import config
    from streamlit.runtime import Runtime, RuntimeConfig, SessionClient
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.memory_session_storage import MemorySessionStorage
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    import pages._closed_sessions as closed_sessions

    async def main():
        config.set_option("server.disconnectedSessionTTL", 1)
        closed_sessions.SWEEP_SECONDS = 0.05
        server = Runtime(RuntimeConfig(
            script_path="app.py", media_file_storage=MemoryMediaFileStorage("/media"),
            uploaded_file_manager=MemoryUploadedFileManager("/upload"),
            cache_storage_manager=MemoryCacheStorageManager(),
            # As Streamlit's server makes it: an expired session can no longer be closed.
            session_storage=MemorySessionStorage(ttl_seconds=1),
        ))
        await server.start()
        session_id = server.connect_session(client=MagicMock(spec=SessionClient), user_info={})
        session = server._session_mgr.get_session_info(session_id).session
        with patch("streamlit.runtime.scriptrunner.get_script_run_ctx",
                   return_value=MagicMock(session_id=session_id)):
            closed_sessions.note_session()
        server.disconnect_session(session_id)  # what closing the tab does
        print(len(server._session_mgr.list_sessions()))  # kept for a tab that comes back
        await asyncio.sleep(1.5)
        print(len(server._session_mgr.list_sessions()), session._state.name)
        server.stop()
        await server.stopped

    asyncio.run(main())
""")


def test_a_session_whose_tab_is_gone_for_the_ttl_is_shut_down_on_the_event_loop():
    fix = ("fix pages/_closed_sessions.py::_sessions_of (Streamlit's Runtime._get_async_objs, "
           "close_session)")
    result = subprocess.run([sys.executable, "-c", A_CLOSED_TAB_IS_SHUT_DOWN], cwd=ROOT,
                            text=True, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, f"{fix}; with this Streamlit it fails:\n{result.stderr}"
    assert result.stdout.split() == ["1", "0", "SHUTDOWN_REQUESTED"], (
        f"{fix}: a closed tab's session is no longer shut down: {result.stdout!r}")


def _sends_a_built_figure():
    import streamlit as st

    from pages._steady_chart import _Built

    # Not a property plotly knows: building a go.Figure from this dict would raise.
    st.plotly_chart(_Built({"data": [{"type": "scatter", "x": [1, 2], "y": [3, 4],
                                      "unchecked": True}], "layout": {"height": 300}}))


def test_a_built_figure_dict_is_sent_as_it_is_without_plotly_building_it_again():
    fix = "fix pages/_steady_chart.py::_Built: st.plotly_chart no longer sends Figure.to_dict()"
    app = AppTest.from_function(_sends_a_built_figure, default_timeout=60).run()
    assert not app.exception, f"{fix}; it fails with {app.exception[0].message}"
    sent = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert sent["data"][0]["unchecked"] is True and sent["layout"] == {"height": 300}, fix


def test_the_tests_run_on_the_streamlit_that_requirements_txt_pins():
    import streamlit
    from packaging.requirements import Requirement

    lines = (ROOT / "requirements.txt").read_text().splitlines()
    (pin,) = [Requirement(line) for line in lines if line.startswith("streamlit")]
    assert pin.specifier.contains(streamlit.__version__), (
        f"Streamlit {streamlit.__version__} is installed but requirements.txt says {pin}: run "
        "this file against the new version (_serves_pages_directory, _browser_connected_check "
        "in pages/_shell.py, _sessions_of in pages/_closed_sessions.py), then the whole suite, "
        "then move the pin"
    )

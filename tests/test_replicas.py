"""The replicated deploy without a browser: the notice's decisions, and the deploy files agreeing.

``tests/browser/test_replicas.py`` runs the replicas behind HAProxy in Chromium;
here are the parts that need neither: when a session's first run owes the
student a notice (:func:`pages._shell.moved_replica`,
:func:`pages._shell.session_was_lost`), whether the reading of Streamlit's
WebSocket header still matches Streamlit's own, and whether
``docker-compose.yml``, ``deploy/haproxy.cfg`` and the app name the replicas
and the cookie alike.
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from starlette.datastructures import Headers

from benchmarks.replicas import HAPROXY_CONFIG, local_haproxy_config
from pages._shell import REPLICA_COOKIE, REPLICA_ENV, moved_replica, session_was_lost

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = (ROOT / "docker-compose.yml").read_text()
CONFIG = HAPROXY_CONFIG.read_text()
XSRF = "2|9e13eb96|230636dbfc4fdeec76a55cb2934e9cdb|1796190988"
SESSION = "1f36c5c8-4735-47ab-a741-daa104dd558e"


@pytest.mark.parametrize(("before", "here", "moved"), [
    ("app1", "app2", True),
    ("app2", "app2", False),   # still on its replica
    (None, "app2", False),     # no cookie: not through HAProxy
    ("app1", None, False),     # a server of its own
    (None, None, False),
    ("[app1](https://example.com)", "app2", False),  # never shown as Markdown
    ("app1", "app 2", False),
])
def test_a_student_is_moved_only_from_another_named_replica(before, here, moved):
    assert moved_replica(before, here) is moved


@pytest.mark.parametrize(("header", "lost"), [
    (None, False),                             # no WebSocket header at all (AppTest)
    (f"streamlit, {XSRF}", False),             # a page load: nothing to resume
    (f"streamlit, {XSRF}, {SESSION}", False),  # resumed: the server had it
    (f"streamlit, {XSRF}, 0b5c77a2-e7d5-4b8e-9d0e-2f3f7d1f6a11", True),
    (f"streamlit, , {SESSION[:8]}", True),     # XSRF off: the positions stay
    (f"streamlit, {XSRF}, ", False),
])
def test_a_session_is_lost_when_the_browser_asks_for_one_the_server_does_not_have(header, lost):
    assert session_was_lost(header, SESSION) is lost


@pytest.mark.parametrize("header", [
    f"streamlit, {XSRF}", f"streamlit, {XSRF}, {SESSION}", f"streamlit,{XSRF},{SESSION}",
    f"streamlit, , {SESSION}", f"streamlit, {XSRF}, ",
])
def test_the_header_is_read_as_streamlit_reads_it(header):
    fix = ("fix pages/_shell.py::session_was_lost: Streamlit's front end no longer sends the "
           "session to resume as the third entry of Sec-WebSocket-Protocol")
    from streamlit.web.server.starlette.starlette_websocket import _parse_subprotocols

    _, _, resumed = _parse_subprotocols(Headers({"sec-websocket-protocol": header}))
    assert session_was_lost(header, "another session") is (resumed is not None), fix


def compose_replicas():
    """dict: each compose service that is a replica, with the SEQ2SEQ_REPLICA it sets."""
    services = re.findall(r"^  (\w+):\n((?:    .*\n|\n)*)", COMPOSE, re.MULTILINE)
    return {name: re.search(rf"{REPLICA_ENV}: (\S+)", body).group(1)
            for name, body in services if "*replica" in body}


def test_every_replica_is_named_after_its_service_and_has_a_server_line_of_that_name():
    replicas = compose_replicas()
    assert len(replicas) >= 2 and all(name == value for name, value in replicas.items())
    servers = re.findall(r"^\s*server (\S+) (\S+) cookie (\S+)$", CONFIG, re.MULTILINE)
    assert sorted(servers) == sorted((name, f"{name}:8501", name) for name in replicas)


def test_the_replicas_share_a_cookie_secret_from_the_environment_and_none_is_written_down():
    assert "*shared-environment" in COMPOSE
    assert ('STREAMLIT_SERVER_COOKIE_SECRET: "${STREAMLIT_SERVER_COOKIE_SECRET:?' in COMPOSE)
    assert len(re.findall(r"^\s+<<: \*shared-environment$", COMPOSE, re.MULTILINE)) == len(
        compose_replicas())


def test_haproxy_inserts_the_cookie_the_app_reads_and_lets_it_through():
    (line,) = re.findall(r"^\s*cookie .*$", CONFIG, re.MULTILINE)
    words = line.split()
    assert words[1] == REPLICA_COOKIE and "insert" in words
    # With "indirect" HAProxy would take the cookie out of requests: the app would never see it.
    assert "indirect" not in words


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy is not installed")
@pytest.mark.parametrize("local", [False, True], ids=["as deployed", "as tested"])
def test_haproxy_accepts_the_configuration(tmp_path, local):
    config = tmp_path / "haproxy.cfg"
    config.write_text(local_haproxy_config(9100, {"app1": 9001, "app2": 9002}) if local
                      else CONFIG)
    result = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 0, result.stderr


def test_the_tested_configuration_differs_only_in_its_address_and_servers():
    local = local_haproxy_config(9100, {"app1": 9001, "app2": 9002}).splitlines()
    deployed = CONFIG.splitlines()
    changed = [(a, b) for a, b in zip(deployed, local) if a != b]
    assert [b.split() for _, b in changed] == [
        ["bind", "127.0.0.1:9100"],
        ["server", "app1", "127.0.0.1:9001", "cookie", "app1"],
        ["server", "app2", "127.0.0.1:9002", "cookie", "app2"],
    ]
    assert len(local) == len(deployed)

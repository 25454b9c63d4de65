"""The Docker image's own command, run here as the image runs it (no Docker engine needed).

The test reads ENV, HEALTHCHECK and CMD from the Dockerfile, starts CMD with that
environment (only the port and address changed: a free port, localhost only), and
checks that the image's HEALTHCHECK command passes against it.
"""
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instructions():
    """(instruction, argument) pairs, with backslash continuations joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, argument = line.partition(" ")
            yield keyword.upper(), argument.strip()


def image_environment():
    env = {}
    for keyword, argument in instructions():
        if keyword == "ENV":
            for pair in shlex.split(argument):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_image_is_slim_non_root_and_checks_health():
    found = dict(instructions())
    assert found["FROM"].startswith("python:3.11-slim")
    assert found["USER"] not in ("root", "0")
    assert "/_stcore/health" in found["HEALTHCHECK"]
    assert json.loads(found["CMD"])[:3] == ["streamlit", "run", "app.py"]


@pytest.mark.timeout(90)
def test_the_image_command_serves_the_app_and_passes_its_healthcheck():
    found = dict(instructions())
    command = json.loads(found["CMD"])
    port = free_port()
    env = os.environ | image_environment() | {
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    command[0] = str(Path(sys.executable).with_name("streamlit"))
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        health_url = f"http://127.0.0.1:{port}/_stcore/health"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(health_url, timeout=2) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, "the image's command exited"
                assert time.monotonic() < deadline, "no answer on /_stcore/health"
                time.sleep(0.5)
        healthcheck = found["HEALTHCHECK"].split(" CMD ", 1)[1]
        result = subprocess.run(healthcheck.replace("python ", f"{sys.executable} ", 1),
                                shell=True, env=env, timeout=20)
        assert result.returncode == 0
    finally:
        server.terminate()
        server.wait(timeout=20)

"""Uploads on every page with an uploader: shipped checkpoints of each kind and hostile files.

Each upload must end in a message in the page's language, keep the runs already
there, and leave the server's memory about where it was (a decompression bomb
once took it to 4.7 GB).
"""
import io
import zipfile
from importlib import resources

import numpy as np
import pytest

from benchmarks import harness
from seq2seq_core.checkpoint import load_checkpoint
from seq2seq_core.i18n import LANGUAGES, t
from seq2seq_core.kinds import MODEL_KINDS
from seq2seq_core.run import run_label
from seq2seq_core.runs import display_name

UPLOAD_INPUT = ".st-key-train_upload input[type=file]"
MAIN = '[data-testid="stMain"]'
MEMORY_HEADROOM_MB = 200  # a few checkpoints and their runs; the bomb alone inflates to 1 GiB
MARKDOWN_NAME = "[click me](https://example.com/p) ![img](https://example.com/x.png).npz"


def shipped(kind):
    pretrained = resources.files("seq2seq_core") / "pretrained"
    return (pretrained / MODEL_KINDS[kind].pretrained_file).read_bytes()


def bomb():
    """The shipped checkpoint plus one entry that inflates to 1 GiB of zeros (about 1 MB here)."""
    buffer = io.BytesIO(shipped("seq2seq"))
    zero = bytes(2**20)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("padding.npy", "w") as file:
            for _ in range(1024):
                file.write(zero)
    return buffer.getvalue()


def shape_claim():
    """A checkpoint whose first weight's header claims 10¹² float32 numbers (3.6 TiB)."""
    source = zipfile.ZipFile(io.BytesIO(shipped("seq2seq")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "encoder.fc_x2h.weight.npy":
                header = io.BytesIO()
                np.lib.format.write_array_header_1_0(
                    header, {"descr": "<f4", "fortran_order": False, "shape": (10**12,)})
                data = header.getvalue() + bytes(64)
            archive.writestr(name, data)
    return buffer.getvalue()


# (file name, bytes, the reason key it is refused for, or None if it loads)
FILES = [
    *[(kind.pretrained_file, shipped(name), None) for name, kind in MODEL_KINDS.items()],
    # 17 entries, within what the largest kind needs: refused for what it inflates to
    ("bomb.npz", bomb(), "too_large"),
    ("claims_3_TiB.npz", shape_claim(), "not_npz"),
    ("picture.npz", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not_npz"),
    (MARKDOWN_NAME, shipped("seq2seq"), None),
    ("www.example.com_model.npz", shipped("seq2seq"), None),  # no autolink either
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of its own, so that its memory is this test's alone."""
    log_dir = tmp_path_factory.mktemp("upload-server")
    with harness.streamlit_server(ports=harness.TEST_PORTS, log_dir=log_dir, poll=0.2) as running:
        yield running
        errors = running.script_errors()
    assert not errors, f"script runs failed on the server (log in {log_dir}): {errors}"


def upload(page, name, content):
    page.locator(UPLOAD_INPUT).set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_upload_ends_in_a_message_and_keeps_the_runs_and_the_server(new_tab, server, lang):
    app = new_tab(server.url)
    page = app.open("/training", lang=lang, query="hidden=8&batch=10")
    page.locator(".st-key-train_step button").click()
    page.locator(".st-key-train_start button:not([disabled])").wait_for(timeout=60_000)
    app.wait()
    memory_before, runs = server.rss_mb(), 1
    for name, content, reason in FILES:
        upload(page, name, content)
        app.wait()
        text = page.locator(MAIN).inner_text()
        if reason is None:
            runs += 1
            label = run_label(runs, lang, display_name(name), load_checkpoint(content).kind)
            assert t("training.upload.loaded", lang, name=display_name(name), label=label) in text
        else:
            before_detail = t(f"training.upload.{reason}", lang, detail="\x00").split("\x00")[0]
            assert before_detail in text, name
        legend = page.locator(".st-key-train_compare_chart").inner_text()
        assert t("training.run_label", lang, number=1) in legend, f"run 1 lost after {name}"
        assert server.rss_mb() < memory_before + MEMORY_HEADROOM_MB, f"memory after {name}"
    remote = 'a[href*="example.com"], img[src*="example.com"]'
    assert page.locator(remote).count() == 0
    app.screenshot(f"training-uploads-{lang}")

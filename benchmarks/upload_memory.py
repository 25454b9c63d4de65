"""The server's peak memory when a student uploads a decompression bomb, against a real checkpoint.

Each upload goes to a server of its own, through ``/training`` in headless
Chromium, and the server's high-water mark of resident memory (``VmHWM``) is
read once the page shows its message. The reference is the shipped seq2seq
checkpoint uploaded the same way in the same run.

    python -m benchmarks.upload_memory [--gigabytes 4.5]

The bomb is the shipped checkpoint plus one entry of zeros that inflates to
``--gigabytes`` (about 4.4 MB on disk for 4.5 GB, under the 5 MB upload limit).
"""
import argparse
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from seq2seq_core.kinds import MODEL_KINDS

from .harness import VIEWPORT, chromium, exception_texts, streamlit_server, wait_idle

CHUNK = bytes(2**20)
UPLOAD_INPUT = ".st-key-train_upload input[type=file]"
ALERTS = '[data-testid="stAlert"]'


def shipped_bytes():
    """bytes: the shipped seq2seq checkpoint."""
    pretrained = resources.files("seq2seq_core") / "pretrained"
    return (pretrained / MODEL_KINDS["seq2seq"].pretrained_file).read_bytes()


def write_bomb(path, gigabytes):
    """The shipped checkpoint with ``padding.npy``: ``gigabytes`` × 10⁹ zero bytes, deflated."""
    path.write_bytes(shipped_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("padding.npy", "w", force_zip64=True) as file:
            for _ in range(int(gigabytes * 1e9) // len(CHUNK)):
                file.write(CHUNK)


def peak_mb(pid):
    """float: the process's high-water mark of resident memory (``VmHWM``) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for pid {pid}")


def upload_peak(browser, path):
    """(peak MiB, page text) of a fresh server after ``path`` is uploaded on /training."""
    with streamlit_server() as server:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(f"{server.url}/training?lang=en")
            page.locator(UPLOAD_INPUT).wait_for(state="attached", timeout=60_000)
            wait_idle(page, timeout=60)
            alerts = page.locator(ALERTS)
            before = alerts.count()
            page.locator(UPLOAD_INPUT).set_input_files(str(path))
            page.wait_for_function(
                f"() => document.querySelectorAll('{ALERTS}').length > {before}", timeout=600_000)
            wait_idle(page, timeout=600)
            errors = exception_texts(page)
            return peak_mb(server.process.pid), errors[0] if errors else alerts.last.inner_text()
        finally:
            context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=4.5, help="what the bomb inflates to")
    args = parser.parse_args()
    if not 0.1 <= args.gigabytes <= 8:
        parser.error("--gigabytes in 0.1–8")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        bomb = Path(folder) / "bomb.npz"
        write_bomb(bomb, args.gigabytes)
        shipped = Path(folder) / "shipped.npz"
        shipped.write_bytes(shipped_bytes())
        reference, reference_says = upload_peak(browser, shipped)
        print(f"shipped checkpoint ({shipped.stat().st_size / 1e6:.2f} MB): server peak "
              f"{reference:.0f} MiB; page: {reference_says.splitlines()[0]}", flush=True)
        peak, says = upload_peak(browser, bomb)
        print(f"bomb ({bomb.stat().st_size / 1e6:.2f} MB, inflates to {args.gigabytes:g} GB): "
              f"server peak {peak:.0f} MiB; page: {says.splitlines()[0]}")
        print(f"bomb / shipped peak = {peak / reference:.2f}")


if __name__ == "__main__":
    main()

"""The engine runs without the app: no module of seq2seq_core imports streamlit.

The command line, the benchmarks and a notebook use seq2seq_core alone; an import of
streamlit (or of pages/, which imports it) would tie them to the app and slow them down.
"""
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Installed before any import: ``import streamlit`` (or any submodule) fails, and then
# every module of the package, subpackages included, is imported by name.
IMPORT_ALL_WITHOUT_STREAMLIT = textwrap.dedent("""
    import contextlib
    import importlib
    import io
    import pkgutil
    import sys

    class NoStreamlit:
        def find_spec(self, name, path=None, target=None):
            if name == "streamlit" or name.startswith("streamlit."):
                raise ImportError(f"streamlit is not available here (asked for {name})")
            return None

    sys.meta_path.insert(0, NoStreamlit())

    import seq2seq_core

    names = ["seq2seq_core"] + [
        info.name for info in pkgutil.walk_packages(seq2seq_core.__path__, "seq2seq_core.")
    ]
    sys.argv = ["seq2seq_core", "--help"]  # importing __main__ runs the CLI: let it just print
    for name in names:
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module(name)
        print(name)
""")


def test_every_module_of_the_engine_imports_without_streamlit():
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL_WITHOUT_STREAMLIT], cwd=ROOT,
                            text=True, capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, f"an engine module needs streamlit:\n{result.stderr}"
    imported = set(result.stdout.split())
    assert {"seq2seq_core.cli", "seq2seq_core.figures.home", "seq2seq_core.i18n.shell"} <= imported
    expected = {f"seq2seq_core.{path.relative_to(ROOT / 'seq2seq_core').with_suffix('')}"
                .replace("/", ".").removesuffix(".__init__")
                for path in (ROOT / "seq2seq_core").rglob("*.py")}
    assert expected <= imported | {"seq2seq_core"}, f"not imported: {expected - imported}"

"""Every widget callback of every page is guarded: an error in it never ends a script run."""
import ast
from pathlib import Path

import pytest

PAGES = sorted((Path(__file__).resolve().parents[1] / "pages").glob("*.py"))


def unguarded_callbacks(tree):
    guarded_functions = {
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
        and any(isinstance(d, ast.Name) and d.id == "guarded" for d in node.decorator_list)
    }
    for node in ast.walk(tree):
        for keyword in getattr(node, "keywords", ()):
            if keyword.arg not in ("on_click", "on_change"):
                continue
            value = keyword.value
            if isinstance(value, ast.Constant) and value.value == "ignore":
                continue
            if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "guarded":
                continue
            if isinstance(value, ast.Name) and value.id in guarded_functions:
                continue
            yield f"line {keyword.value.lineno}: {ast.unparse(value)}"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_every_callback_is_guarded(path):
    assert list(unguarded_callbacks(ast.parse(path.read_text()))) == []


def test_the_check_finds_an_unguarded_callback():
    tree = ast.parse("def go(): pass\n"
                     "st.button('x', on_click=go)\n"
                     "st.button('y', on_click=lambda: 1)")
    assert list(unguarded_callbacks(tree)) == ["line 2: go", "line 3: lambda: 1"]

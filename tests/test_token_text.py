"""Text for Markdown: tokens as inline code, and anyone's text shown as itself."""
import pytest

from seq2seq_core.token_text import escape_markdown, tokens_markdown


def test_tokens_are_inline_code_and_flagged_ones_are_marked():
    assert tokens_markdown([3, 11], flagged=[1]) == "`3` :red[✗`<END>`]"


@pytest.mark.parametrize("text, shown", [
    ("[click](https://x.com/p)", r"\[click\]\(https\:\/\/x\.com\/p\)"),
    ("![img](x.png)", r"\!\[img\]\(x\.png\)"),
    ("_a_ *b* :red[c] `d` <b>", r"\_a\_ \*b\* \:red\[c\] \`d\` \<b\>"),
    ("www.example.com", r"www\.example\.com"),
    ("학습 모델 3", "학습 모델 3"),
])
def test_escape_markdown_leaves_no_markup_to_form(text, shown):
    assert escape_markdown(text) == shown

"""Text written for Markdown: tokens as inline code (wrong ones flagged), anyone's text escaped."""
import re

import numpy as np

from .data import TOKEN_LABELS

__all__ = ["token_code", "tokens_markdown", "outputs_markdown", "escape_markdown"]

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def token_code(token):
    """str: a token as inline code, so that ``<END>`` is shown, not taken for HTML."""
    return f"`{TOKEN_LABELS[int(token)]}`"


def tokens_markdown(tokens, flagged=(), flag=":red[✗{}]"):
    """str: tokens, shape-(T,), as inline code; those at the indices ``flagged`` as ``flag``."""
    flagged = set(np.ravel(flagged).tolist())
    return " ".join(flag.format(token_code(token)) if index in flagged else token_code(token)
                    for index, token in enumerate(tokens))


def outputs_markdown(sequence_trace):
    """str: the outputs of a one-sequence :class:`~seq2seq_core.trace.Trace`, wrong ones red ✗."""
    return tokens_markdown(sequence_trace.predictions[:, 0],
                           np.flatnonzero(~sequence_trace.correct[:, 0]))


def escape_markdown(text):
    """str: ``text`` shown as itself in Markdown: every ASCII punctuation mark backslash-escaped.

    For text that came from a user (a file's name, an entry's name in it): no
    link, image, emphasis, colour directive or autolink can form.
    """
    return _PUNCTUATION.sub(r"\\\1", str(text))

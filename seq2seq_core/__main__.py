"""``python -m seq2seq_core train|evaluate``: see :mod:`seq2seq_core.cli`."""
import sys

from .cli import main

sys.exit(main())

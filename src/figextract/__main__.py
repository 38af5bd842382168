"""``python -m figextract``: the command line, as the ``figextract`` command."""

from __future__ import annotations

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())

"""Running the command line in-process, as the console script would."""

from __future__ import annotations

import pytest

from tui.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """main() as the console script sees it: a return value or a SystemExit; and what it printed."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err

"""Running a command in-process, as the CLI tests do."""

from __future__ import annotations

from app.cli import parse, run


def bb(capsys, *argv) -> tuple[int, str, str]:
    """Run ``python main.py ARGV`` in this process: exit status, standard output and error."""
    status = run(parse([str(a) for a in argv]))
    out, err = capsys.readouterr()
    return status, out, err

"""Boardbook. ``python main.py`` opens the window; ``python main.py <command>`` runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.cli import parse, run

    args = parse(argv)
    if args.command is None:
        from app.ui.app import run_gui

        return run_gui(args.db, actor=args.actor)
    return run(args)


if __name__ == "__main__":
    from app.bootstrap import ensure_environment

    ensure_environment()
    sys.exit(main(sys.argv[1:]))

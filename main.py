"""Boardbook. ``python main.py`` opens the window, ``python main.py score PACK`` the member's
scoring window; ``python main.py <command>`` runs the CLI."""

from __future__ import annotations

import sys

GUI_OPTIONS = ("--db", "--as")


def gui_options(argv: list[str]) -> dict | None:
    """The window's options when no command is given; None when the CLI should handle argv.

    The window never builds the command parser: importing every command costs start-up time.
    """
    options, rest = {}, list(argv)
    while rest:
        arg = rest.pop(0)
        name, _, value = arg.partition("=")
        if name not in GUI_OPTIONS:
            return None
        if not value:
            if not rest:
                return None
            value = rest.pop(0)
        options["db" if name == "--db" else "actor"] = value
    return options


def score_pack(argv: list[str]) -> str | None:
    """The pack's path when argv is ``score PACK``: the member's window, which needs no database."""
    if len(argv) == 2 and argv[0] == "score" and not argv[1].startswith("-"):
        return argv[1]
    return None


def main(argv: list[str]) -> int:
    pack = score_pack(argv)
    if pack is not None:
        from app.ui.scoring.window import run_score

        return run_score(pack)
    options = gui_options(argv)
    if options is not None:
        from app.ui.shell.app import run_gui

        return run_gui(options.get("db"), actor=options.get("actor"))
    from app.cli import parse, run

    args = parse(argv)
    if args.command is None:
        from app.ui.shell.app import run_gui

        return run_gui(args.db, actor=args.actor)
    if args.command == "score":  # ``--as NAME score PACK``: the window ignores the options
        from app.ui.scoring.window import run_score

        return run_score(args.pack)
    return run(args)


if __name__ == "__main__":
    from app.bootstrap import ensure_environment

    ensure_environment()
    sys.exit(main(sys.argv[1:]))

"""Boardbook. ``python main.py`` opens the window; ``python main.py <command>`` runs the CLI."""

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


def main(argv: list[str]) -> int:
    options = gui_options(argv)
    if options is not None:
        from app.ui.shell.app import run_gui

        return run_gui(options.get("db"), actor=options.get("actor"))
    from app.cli import parse, run

    args = parse(argv)
    if args.command is None:
        from app.ui.shell.app import run_gui

        return run_gui(args.db, actor=args.actor)
    return run(args)


if __name__ == "__main__":
    from app.bootstrap import ensure_environment

    ensure_environment()
    sys.exit(main(sys.argv[1:]))

"""The command line: ``python main.py <command>``. Every command takes ``--db PATH_OR_URL``.

Each command module has ``register(subparsers)`` and sets ``handler`` on its parser; a handler
takes the parsed arguments and an AppContext and returns the exit status. Errors a user can
act on are printed as one clear message and exit non-zero; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys

from app.cli import (
    audit_cmd,
    database_cmd,
    decisions_cmd,
    exchange_cmd,
    interests_cmd,
    meetings_cmd,
    pack_cmd,
    people_cmd,
    risks_cmd,
    scoring_cmd,
)

# In the order ``--help`` lists them.
COMMAND_MODULES = (database_cmd, people_cmd, interests_cmd, risks_cmd, meetings_cmd,
                   decisions_cmd, pack_cmd, audit_cmd, exchange_cmd, scoring_cmd)


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="database file or SQLAlchemy URL (postgresql+psycopg://…); "
                             "default: the local database in your user data folder")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Boardbook: meetings, papers, decisions and the risk register of a "
                    "governing body. Without a command it opens the window.")
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None,
                        help="database file or SQLAlchemy URL (postgresql+psycopg://…); "
                             "default: the local database in your user data folder")
    parser.add_argument("--as", dest="actor", metavar="NAME", default=None,
                        help="name recorded in the audit trail (default: your login name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in COMMAND_MODULES:
        module.register(sub)
    _add_db_to_leaves(parser)
    return parser


def _add_db_to_leaves(parser: argparse.ArgumentParser) -> None:
    """Let ``--db`` and ``--as`` stand after the command too (``audit verify --db x.sqlite``)."""
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in actions:
        for child in action.choices.values():
            if any(isinstance(a, argparse._SubParsersAction) for a in child._actions):
                _add_db_to_leaves(child)
            elif not any("--db" in a.option_strings for a in child._actions):
                db_option(child)
                child.add_argument("--as", dest="actor", metavar="NAME",
                                   default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def terminal_password():
    """Asks for a server's password on the terminal (never echoed), or None when there is no
    terminal to ask at (scripts, CI): the keychain or the URL must then give it."""
    if not sys.stdin or not sys.stdin.isatty():
        return None

    def ask(database: str, reason: str) -> str | None:
        import getpass

        print(reason, file=sys.stderr)
        try:
            return getpass.getpass(f"Password for {database}: ")
        except EOFError:
            return None

    return ask


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; returns the process exit status."""
    from app.domain.errors import BoardbookError, ValidationError

    try:
        if getattr(args, "needs_db", True):
            from app.services.passwords import open_context

            ctx, _password = open_context(args.db, actor=args.actor, ask=terminal_password())
            if ctx.witness_warning:
                print(f"warning: {ctx.witness_warning}", file=sys.stderr)
            try:
                return args.handler(args, ctx)
            finally:
                ctx.close()
        return args.handler(args, None)
    except ValidationError as exc:
        print("error: nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except BoardbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return 130

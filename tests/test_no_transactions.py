"""Screens and commands never open a transaction: every use case is one service call
(``ctx.run``), so the order of writes is decided in services only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
OPENS_TRANSACTION = re.compile(r"\.transaction\(")


@pytest.mark.parametrize(("room", "at_least"), [("ui", 20), ("cli", 10)])
def test_no_screen_or_command_opens_a_transaction(room, at_least):
    modules = sorted((APP / room).rglob("*.py"))
    assert len(modules) > at_least  # the modules were found, so the check means something
    found = [f"{path.relative_to(APP.parent)}:{number}: {line.strip()}"
             for path in modules
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OPENS_TRANSACTION.search(line)]
    assert found == [], "open the transaction in a service and call it with ctx.run:\n" + \
        "\n".join(found)

"""Commands never open a transaction: every use case is one service call (``ctx.run``)."""

from __future__ import annotations

import re
from pathlib import Path

CLI = Path(__file__).resolve().parents[2] / "app" / "cli"
OPENS_TRANSACTION = re.compile(r"\.transaction\(")


def test_no_module_under_app_cli_opens_a_transaction():
    modules = sorted(CLI.rglob("*.py"))
    assert len(modules) > 10  # the commands were found, so the check means something
    found = [f"{path.relative_to(CLI.parent.parent)}:{number}: {line.strip()}"
             for path in modules
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OPENS_TRANSACTION.search(line)]
    assert found == [], "open the transaction in a service and call it with ctx.run:\n" + \
        "\n".join(found)

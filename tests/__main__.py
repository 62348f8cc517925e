"""The whole test suite: ``python3 -m tests`` from the project folder.

Sets up .venv with the test tools on first use, checks the architecture's layers
(import-linter) and the code for errors (ruff), then runs pytest. Extra arguments go to pytest.
Service tests also run against PostgreSQL when BOARDBOOK_TEST_PG holds a server URL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from app.bootstrap import ensure_environment

    ensure_environment("test")
    os.chdir(ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    bindir = Path(sys.executable).parent
    checks = [
        ([str(bindir / "lint-imports")], "layers"),
        ([sys.executable, "-m", "ruff", "check", "--quiet",
          *[p for p in ("app", "tests", "bench", "main.py") if (ROOT / p).exists()]], "ruff"),
    ]
    for command, name in checks:
        print(f"== {name}", flush=True)
        if subprocess.call(command, env=env) != 0:
            print(f"{name} check failed", file=sys.stderr)
            return 1
    print("== pytest", flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", *argv], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""First-run set-up using only the standard library.

``python3 main.py`` and ``python3 -m tests`` call this before anything else: it makes a virtual
environment in ``.venv`` beside the project, installs Boardbook's dependencies from
pyproject.toml into it (again whenever pyproject.toml changes), and re-runs the command inside it.
Set BOARDBOOK_NO_BOOTSTRAP=1 to run in an environment you manage yourself.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".boardbook-installed"


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {extras or '-'}"


def _installed() -> str:
    return STAMP.read_text().strip() if STAMP.exists() else ""


def _running_in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _install(extras: str) -> None:
    print(f"Boardbook: setting up {VENV} (first run or updated dependencies)…", file=sys.stderr)
    if not _venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    py = str(_venv_python())
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    subprocess.check_call([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--upgrade", "pip"])
    subprocess.check_call([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "-e", target])
    STAMP.write_text(_wanted(extras))


def ensure_environment(extras: str = "") -> None:
    """Return when the dependencies are in place; otherwise install them and re-run."""
    if os.environ.get("BOARDBOOK_NO_BOOTSTRAP") == "1":
        return
    installed = _installed()
    # An environment with the test extras serves the app as well.
    satisfied = installed == _wanted(extras) or (not extras and installed == _wanted("test"))
    if satisfied and _running_in_venv():
        return
    if os.environ.get("BOARDBOOK_BOOTSTRAPPED") == "1":
        raise SystemExit(f"Boardbook: could not set up {VENV}; delete it and try again.")
    os.environ["BOARDBOOK_BOOTSTRAPPED"] = "1"
    if not satisfied:
        previous = installed.split(" ", 1)[1] if " " in installed else "-"
        _install(extras or ("" if previous == "-" else previous))
    py = str(_venv_python())
    os.execv(py, [py, *sys.argv])

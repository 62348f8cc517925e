"""First-run set-up using only the standard library.

``python3 main.py`` and ``python3 -m tests`` call this before anything else: it makes a virtual
environment in ``.venv`` beside the project, installs the exact versions pinned in the lock file
(``requirements.lock`` for the app, ``requirements-test.lock`` with the test tools), each checked
against its SHA-256, then Boardbook itself without dependencies, and re-runs the command inside
it. It installs again whenever the lock file or pyproject.toml changes. README.md says how to
refresh the lock files. Set BOARDBOOK_NO_BOOTSTRAP=1 to run in an environment you manage yourself.
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
LOCKS = {"": ROOT / "requirements.lock", "test": ROOT / "requirements-test.lock"}


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _lock(extras: str) -> Path:
    try:
        return LOCKS[extras]
    except KeyError:
        raise SystemExit(f"Boardbook: no lock file for the extras {extras!r}") from None


def _wanted(extras: str) -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", _lock(extras)):
        digest.update(path.read_bytes())
    return f"{digest.hexdigest()} {extras or '-'}"


def _installed() -> str:
    return STAMP.read_text().strip() if STAMP.exists() else ""


def _running_in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _install(extras: str) -> None:
    print(f"Boardbook: setting up {VENV} (first run or updated dependencies)…", file=sys.stderr)
    if not _venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(_venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The pinned versions, every file checked against the hashes in the lock, then Boardbook
    # itself (editable, so the working tree is what runs) without resolving anything again.
    subprocess.check_call([*pip, "--require-hashes", "-r", str(_lock(extras))])
    subprocess.check_call([*pip, "--no-deps", "-e", str(ROOT)])
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

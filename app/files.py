"""Writing an output file: whole or not at all, with the mode its audience calls for.

Every file Boardbook writes for a person (packs, reports, exports, calendars, scoring packs,
pictures) goes through ``write_atomically``, and every call says who the file is for:

- ``PRIVATE`` (``0600``): confidential outputs, readable by their owner only. The members'
  board pack, the JSON whole-database export, scoring packs and round reports, the decision
  trail, a database backup, dashboard pictures.
- ``PUBLIC`` (``0644``): outputs meant for publication, readable by anyone who can reach them.
  The public pack, the published registers (risks, interests), the meetings calendar.

The mode is set on the file itself, so it is the same whatever the umask. The bytes go to a
temporary file beside the target, are flushed to disk, and then renamed over the target; on any
error (or an interrupt) the temporary file is removed and the old file, if any, is untouched.

The policy for each output is listed in docs/architecture.md ("Files and their modes").
"""

from __future__ import annotations

import enum
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import ValidationError


class Audience(enum.Enum):
    """Who may read a file Boardbook writes, and so its permission bits."""

    PRIVATE = 0o600
    PUBLIC = 0o644

    @property
    def mode(self) -> int:
        return self.value


PRIVATE = Audience.PRIVATE
PUBLIC = Audience.PUBLIC

Writer = Callable[[BinaryIO], object]


class CannotWrite(ValidationError):
    """The file could not be written (missing folder, no permission, disk full …)."""

    def __init__(self, path: Path, why: str):
        self.path = path
        super().__init__(f"cannot write {path}: {why}; nothing was written", field="file")


def write_atomically(path: str | os.PathLike, content: bytes | str | Writer, *,
                     audience: Audience) -> Path:
    """Write ``content`` to ``path`` as one step; returns ``path`` (as a Path).

    ``content`` is the bytes, text (written as UTF-8), or a function given a binary file open
    for writing (for openpyxl, python-docx, reportlab and pypdf, which write to a stream).
    """
    if not isinstance(audience, Audience):
        raise TypeError("audience must be files.PRIVATE or files.PUBLIC")
    given = Path(path).expanduser()
    target = given.absolute()
    folder = target.parent
    if not folder.is_dir():
        raise CannotWrite(target, f"the folder {folder} does not exist")
    if target.is_dir():
        raise CannotWrite(target, "it is a folder")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise CannotWrite(target, _reason(exc, folder)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), audience.mode)
            if isinstance(content, str):
                out.write(content.encode("utf-8"))
            elif isinstance(content, bytes | bytearray | memoryview):
                out.write(content)
            else:
                content(out)
            out.flush()
            os.fsync(out.fileno())
        if not hasattr(os, "fchmod"):  # Windows: only the read-only bit exists
            os.chmod(temp, audience.mode)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise CannotWrite(target, _reason(exc, folder)) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return given


def _reason(exc: OSError, folder: Path) -> str:
    if isinstance(exc, PermissionError):
        return f"you may not write in the folder {folder}"
    return exc.strerror or str(exc)

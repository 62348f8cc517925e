"""Scoring packs in and out of the database: one pack per member, and the returned packs back.

    export_packs(session, *, round_id, folder)              -> list[Path]
    import_returned_pack(session, *, round_id, path, today=None) -> ImportResult

The file format is ``app.exchange.scoring.pack``; the rules and the writing are in
``app.services.scoring.rounds`` (this module turns files into plain data and back).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.scoring import fixed_digest
from app.exchange.scoring.pack import EXTENSION, new_pack, read_pack
from app.services.scoring import returns as scoring_returns
from app.services.scoring import rounds as scoring
from app.services.scoring.rows import ImportResult, ReturnedScores


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "pack"


def pack_file_name(round_id: int, title: str, member: str) -> str:
    return f"round-{round_id}-{_slug(title)}-{_slug(member)}{EXTENSION}"


def export_packs(session: Session, *, round_id: int, folder: str | Path) -> list[Path]:
    """Write one pack per member into ``folder`` and record each pack's fixed digest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths, digests = [], {}
    for member, fixed in scoring.pack_contents(session, round_id=round_id):
        pack = new_pack(fixed)
        path = folder / pack_file_name(round_id, fixed["round"]["title"], member.name)
        paths.append(pack.save(path))
        digests[member.pack_id] = pack.digest
    scoring.record_export(session, round_id=round_id, digests=digests)
    return paths


def returned_scores(path: str | Path) -> ReturnedScores:
    """What a returned pack says, checked only for being a readable pack."""
    path = Path(path)
    pack = read_pack(path)
    member = pack.member if isinstance(pack.member, dict) else {}
    round_id = pack.round.get("id") if isinstance(pack.round, dict) else None
    return ReturnedScores(
        file_name=path.name, round_id=round_id, pack_id=str(pack.pack_id),
        member_id=member.get("id"), member_name=str(member.get("name", "someone")),
        computed_digest=fixed_digest(pack.fixed),
        scores_digest=fixed_digest({"scores": pack.scores, "returned_at": pack.returned_at}),
        scores=pack.scores, returned_at=pack.returned_at)


def import_returned_pack(session: Session, *, round_id: int, path: str | Path,
                         today: dt.date | None = None) -> ImportResult:
    """Take in one returned pack; refused packs change nothing (see services.scoring_returns).
    """
    return scoring_returns.record_return(session, round_id=round_id, returned=returned_scores(path),
                                 today=today)

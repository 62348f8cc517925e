"""The scoring pack: one JSON file (``.bbscore``) a member scores risks in, away from the database.

Layout (docs/scoring-pack.md)::

    {"format": "boardbook-scoring-pack", "format_version": 1,
     "fixed": {round, member, pack_id, organisation, scheme, descriptors, risks},
     "digest": SHA-256 of "fixed" (app.domain.scoring.fixed_digest),
     "scores": {"CR-001": {likelihood, consequence, comment, scored_at}, …},
     "returned_at": null | ISO timestamp}

Boardbook writes ``fixed`` and records its digest; the member changes only ``scores`` and
``returned_at``. This module imports nothing but the domain: the member's screen uses it with
no database at all.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import Problem, ValidationError
from app.domain.risk import BandScheme
from app.domain.scoring import fixed_digest, score_problems
from app.files import PRIVATE, write_atomically

FORMAT = "boardbook-scoring-pack"
FORMAT_VERSION = 1
EXTENSION = ".bbscore"
FIXED_KEYS = ("round", "member", "pack_id", "organisation", "scheme", "descriptors", "risks")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class ScoringPack:
    fixed: dict
    digest: str
    scores: dict[str, dict] = field(default_factory=dict)
    returned_at: str | None = None

    # ------------------------------------------------------------------------ reading
    @property
    def round(self) -> dict:
        return self.fixed["round"]

    @property
    def member(self) -> dict:
        return self.fixed["member"]

    @property
    def pack_id(self) -> str:
        return self.fixed["pack_id"]

    @property
    def risks(self) -> list[dict]:
        return self.fixed["risks"]

    @property
    def scheme(self) -> BandScheme:
        return BandScheme.from_dict(self.fixed["scheme"])

    def risk(self, reference: str) -> dict:
        for risk in self.risks:
            if risk["reference"] == reference:
                return risk
        raise ValidationError(f"{reference} is not one of this pack's risks", field="reference")

    def score_for(self, reference: str) -> dict | None:
        return self.scores.get(reference)

    def is_done(self, reference: str) -> bool:
        return reference in self.scores

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.risks if self.is_done(r["reference"]))

    def digest_ok(self) -> bool:
        """Whether the fixed content still matches the digest written with it."""
        return fixed_digest(self.fixed) == self.digest

    def score_problems(self) -> list[Problem]:
        """Every wrong score, named by risk and field ("CR-002 likelihood: …")."""
        known = {r["reference"] for r in self.risks}
        problems = []
        for ref, entry in self.scores.items():
            if ref not in known:
                problems.append(Problem(f"{ref}", "is not one of the pack's risks"))
                continue
            if not isinstance(entry, dict):
                problems.append(Problem(f"{ref} score", "is not a likelihood and consequence"))
                continue
            for p in score_problems(entry.get("likelihood"), entry.get("consequence")):
                problems.append(Problem(f"{ref} {p.field}", p.reason))
            if not isinstance(entry.get("comment", ""), str):
                problems.append(Problem(f"{ref} comment", "is not text"))
        return problems

    # ------------------------------------------------------------------------ scoring
    def set_score(self, reference: str, likelihood: int, consequence: int,
                  comment: str = "") -> None:
        self.risk(reference)
        problems = score_problems(likelihood, consequence)
        if problems:
            raise ValidationError([Problem(f"{reference} {p.field}", p.reason)
                                   for p in problems])
        self.scores[reference] = {"likelihood": likelihood, "consequence": consequence,
                                  "comment": (comment or "").strip(), "scored_at": _now()}

    def mark_returned(self) -> None:
        self.returned_at = _now()

    # ------------------------------------------------------------------------ writing
    def to_dict(self) -> dict:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "fixed": self.fixed,
                "digest": self.digest, "scores": self.scores, "returned_at": self.returned_at}

    def save(self, path: str | Path) -> Path:
        """Write atomically: a temporary file beside the target, then a rename over it."""
        # A member's scores before the meeting sees them: readable by their owner only.
        return write_atomically(path, json.dumps(self.to_dict(), indent=1, ensure_ascii=False),
                                audience=PRIVATE)


def new_pack(fixed: dict) -> ScoringPack:
    missing = [k for k in FIXED_KEYS if k not in fixed]
    if missing:
        raise ValueError(f"a pack's fixed content needs {', '.join(missing)}")
    return ScoringPack(fixed=fixed, digest=fixed_digest(fixed))


def write_pack(path: str | Path, content: dict) -> ScoringPack:
    """Write a fresh, unscored pack whose fixed part is ``content``; returns it (with digest)."""
    pack = new_pack(content)
    pack.save(path)
    return pack


def _refuse(path: Path, why: str) -> ValidationError:
    return ValidationError(f"{path.name} {why}", field="pack")


def _structure_problems(data: dict) -> list[str]:
    fixed = data.get("fixed")
    if not isinstance(fixed, dict) or any(k not in fixed for k in FIXED_KEYS):
        return ["has no complete fixed part (round, member, risks)"]
    if not isinstance(fixed["risks"], list) or not all(
            isinstance(r, dict) and "reference" in r for r in fixed["risks"]):
        return ["has a damaged list of risks"]
    if not isinstance(data.get("digest"), str):
        return ["has no digest of its fixed part"]
    if not isinstance(data.get("scores", {}), dict):
        return ["has a damaged scores part"]
    return []


def read_pack(path: str | Path) -> ScoringPack:
    """Read a pack; a file that is not one, is damaged, or is of an unknown version is refused
    with a ValidationError saying which."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _refuse(path, "does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(path, "is not a Boardbook scoring pack (it is not JSON text); it may be "
                            "damaged") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _refuse(path, "is not a Boardbook scoring pack")
    if data.get("format_version") != FORMAT_VERSION:
        raise _refuse(path, f"is a scoring pack of version {data.get('format_version')!r}; "
                            f"this Boardbook reads version {FORMAT_VERSION}: update Boardbook")
    problems = _structure_problems(data)
    if problems:
        raise _refuse(path, f"is a damaged scoring pack: it {problems[0]}")
    return ScoringPack(fixed=data["fixed"], digest=data["digest"],
                       scores=dict(data.get("scores") or {}),
                       returned_at=data.get("returned_at"))

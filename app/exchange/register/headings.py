"""Which column of a risk register holds what: headings as real organisations write them.

``guess_field("Risk Ref")`` → ``"reference"``; ``guess_field("Initial Likelihood")`` →
``"inherent_likelihood"``; a bare "Likelihood", "L", "Impact" or "Score" is the current score.
Headings are compared normalised (lower case, punctuation and "(1-5)" dropped), then loosely
(``difflib``), so "Risk Ref." and "Risk  reference" match too. A :class:`HeadingMap` records
the field of every column; the user may change any of it (``overridden``), by heading or by
column letter, before importing.

"Residual" means the current score in some bodies and the target in others: it is read as
the target when the sheet also has a current score, else as the current score.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, replace

from app.domain.errors import Problem, ValidationError

KINDS = ("inherent", "current", "target")
SCORED = ("likelihood", "consequence", "score")

# The fields a column can hold, with the words the GUI shows for them.
FIELDS: dict[str, str] = {
    "reference": "Reference", "title": "Title", "cause": "Cause",
    "event": "Risk description (event)", "effect": "Effect", "category": "Category",
    "owner": "Risk owner", "committee": "Lead committee", "status": "Status (open/closed)",
    "raised_on": "Date raised", "closed_on": "Date closed", "closed_reason": "Reason closed",
    "consequence_domain": "Consequence domain",
    **{f"{k}_{a}": f"{k.capitalize()} {a}" for k in KINDS for a in SCORED},
    "target_date": "Target date", "review_frequency_months": "Review frequency (months)",
    "last_reviewed_on": "Last reviewed", "next_review_on": "Next review",
    "score_at_last_review": "Score at last review",
    "on_corporate_register": "On the corporate register", "objectives": "Strategic objectives",
    "controls": "Controls in place", "assurances": "Assurances",
    "gaps_control": "Gaps in control", "gaps_assurance": "Gaps in assurance",
    "actions": "Actions", "action_owner": "Action owner (for every action)",
    "action_due": "Action due date (for every action)", "score_history": "Score history",
    "derived": "Worked out by Boardbook (ignored)",
}
# Columns that several may feed: their lines are joined.
LIST_FIELDS = ("controls", "assurances", "gaps_control", "gaps_assurance", "actions",
               "score_history", "derived")
# Worked out from other columns on import; a register shows them, an import ignores them.
DERIVED = ("appetite", "tolerance", "above appetite", "target above appetite", "movement",
           "trend", "direction of travel", "review overdue", "open actions", "overdue actions",
           "band", "risk band", "rag", "rag rating", "risk level", "level", "grade")

ALIASES: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "ref", "risk ref", "risk reference", "id", "risk id", "risk no",
                  "risk number", "ref no", "risk ref no", "no", "number", "datix id",
                  "datix ref", "risk code", "code"),
    "title": ("title", "risk title", "risk", "risk name", "name", "short title", "summary",
              "risk summary", "headline"),
    "event": ("event", "description", "risk description", "risk event", "risk statement",
              "statement", "description of risk", "risk details", "details"),
    "cause": ("cause", "causes", "risk cause", "cause of risk", "source of risk"),
    "effect": ("effect", "effects", "risk effect", "impact description", "potential impact",
               "resulting in", "effect of risk"),
    "category": ("category", "risk category", "type", "risk type", "category of risk"),
    "owner": ("owner", "risk owner", "lead", "risk lead", "responsible officer",
              "executive lead", "lead director", "executive owner", "lead officer",
              "responsible director", "accountable officer", "risk manager"),
    "committee": ("committee", "lead committee", "assurance committee",
                  "responsible committee", "reporting committee", "monitoring committee",
                  "oversight committee", "governance committee"),
    "status": ("status", "risk status", "open closed", "open or closed"),
    "raised_on": ("date raised", "raised", "raised on", "date identified", "date opened",
                  "date added", "date entered", "date logged", "date created",
                  "date risk identified", "date of entry", "opened"),
    "closed_on": ("closed on", "date closed", "closure date"),
    "closed_reason": ("reason closed", "closure reason", "reason for closure",
                      "closed reason"),
    "consequence_domain": ("consequence domain", "domain", "impact domain", "impact type",
                           "consequence type"),
    "target_date": ("target date", "date to reach target", "target completion date",
                    "target achievement date"),
    "review_frequency_months": ("review frequency", "review frequency months", "frequency",
                                "review period", "review cycle", "frequency of review"),
    "last_reviewed_on": ("last reviewed", "last review", "date last reviewed",
                         "last review date", "date reviewed", "reviewed on", "reviewed"),
    "next_review_on": ("next review", "review date", "next review date",
                       "date of next review", "review due", "review by", "due for review"),
    "score_at_last_review": ("score at last review", "previous score", "last score",
                             "previous rating", "prior score"),
    "on_corporate_register": ("corporate register", "on corporate register", "corporate",
                              "corporate risk", "escalated", "crr", "on crr",
                              "on the corporate register"),
    "objectives": ("strategic objectives", "strategic objective", "objectives", "objective",
                   "baf objective", "linked objectives", "corporate objectives",
                   "corporate objective"),
    "controls": ("controls", "controls in place", "existing controls", "key controls",
                 "current controls", "control measures", "mitigations",
                 "controls and mitigations", "what controls are in place"),
    "assurances": ("assurances", "assurance", "sources of assurance", "assurances on controls",
                   "key assurances", "positive assurances"),
    "gaps_control": ("gaps in control", "gaps in controls", "control gaps", "gaps"),
    "gaps_assurance": ("gaps in assurance", "gaps in assurances", "assurance gaps"),
    "actions": ("actions", "action", "action plan", "further actions", "actions required",
                "planned actions", "mitigating actions", "actions to address gaps",
                "further action required", "further actions required", "actions planned"),
    "action_owner": ("action owner", "action lead", "actions owner"),
    "action_due": ("action due", "action due date", "action date", "due date",
                   "completion date", "deadline"),
    "score_history": ("score history",),
    "derived": DERIVED,
}
KIND_WORDS = {"inherent": "inherent", "initial": "inherent", "original": "inherent",
              "gross": "inherent", "unmitigated": "inherent", "raw": "inherent",
              "current": "current", "present": "current", "controlled": "current",
              "net": "current", "target": "target", "planned": "target", "desired": "target",
              "future": "target", "residual": "residual"}
AXIS_WORDS = {
    "likelihood": ("likelihood", "l", "probability", "p", "prob", "lik"),
    "consequence": ("consequence", "c", "impact", "i", "severity", "s", "cons", "imp"),
    "score": ("score", "rating", "total", "total score", "overall score", "rating score",
              "score rating"),
    "band": ("band", "rag", "rag rating", "level", "grade", "colour", "band rating"),
}
FILLER = {"risk", "the", "of"}  # dropped around an axis word: "risk likelihood"
LXC = re.compile(r"\s*\b(l ?x ?c|c ?x ?l|l ?x ?i|i ?x ?l|l c|l i)$")
_ALIAS_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
LONGEST = 40  # characters: longer text is never a heading, and not worth a loose match


def normalise(heading: str) -> str:
    """"Risk Ref." → "risk ref"; "Likelihood (1-5)" → "likelihood"; "R&D" → "r and d"."""
    words = heading.lower().replace("&", " and ").replace("×", " x ")
    words = re.sub(r"\(\s*\d+\s*[-–to ]+\s*\d+\s*\)", " ", words)  # "(1-5)", "(1 to 25)"
    words = re.sub(r"[^a-z0-9 ]+", " ", words)
    return " ".join(words.split())


def _score_field(norm: str) -> str | None:
    """An axis heading, with its kind word if any: "initial l" → "inherent_likelihood";
    a bare axis gives "?_axis" and "residual" gives "residual_axis", resolved later."""
    tokens = norm.split()
    kinds = {KIND_WORDS[t] for t in tokens if t in KIND_WORDS}
    if len(kinds) > 1:
        return None
    rest = " ".join(t for t in tokens if t not in KIND_WORDS)
    rest = LXC.sub("", rest).strip() or rest
    core = " ".join(t for t in rest.split() if t not in FILLER)
    if kinds and not core:
        axis = "score"  # "Current risk", "Residual": the score of that kind
    else:
        axis = _axis(core)
    if axis is None:
        return None
    return f"{kinds.pop() if kinds else '?'}_{axis}"


def _axis(core: str) -> str | None:
    """"likelihood", "impact score", "rating" → their axis."""
    for candidate in (core, core.removesuffix(" score"), core.removesuffix(" rating")):
        for axis, words in AXIS_WORDS.items():
            if candidate in words:
                return axis
    return None


@functools.lru_cache(maxsize=4096)
def guess_field(heading: str, group: str = "") -> str | None:
    """The field a heading most likely names, or None. ``group`` is the heading above it in a
    two-row header ("Initial risk" spanning L, C and Score)."""
    norm = normalise(heading)
    if not norm or len(norm) > LONGEST:
        return None  # a title or a cell of data, not a heading
    if norm in _ALIAS_LOOKUP and not (group and _score_field(norm)):
        return _ALIAS_LOOKUP[norm]
    found = _score_field(f"{normalise(group)} {norm}".strip() if group else norm)
    if found is None and group:
        found = _score_field(norm)
    if found is not None:
        return found
    loose = difflib.get_close_matches(norm, list(_ALIAS_LOOKUP), n=1, cutoff=0.88)
    return _ALIAS_LOOKUP[loose[0]] if loose else None


def group_kind(label: str) -> str:
    """The score kind a group heading names ("Initial Risk" → "initial"), or ""."""
    found = [t for t in normalise(label).split() if t in KIND_WORDS]
    return found[0] if found else ""


# ----------------------------------------------------------------------------- the map


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the sheet
    heading: str  # as the sheet writes it (with its group: "Initial risk: L")
    field: str | None  # a key of FIELDS, or None when the column is not imported

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class HeadingMap:
    """The field of every column of a register. Unmapped columns are left out of the import."""

    columns: tuple[Column, ...]

    @classmethod
    def guess(cls, headings: list[str], groups: list[str] | None = None) -> HeadingMap:
        # Only a group naming a score kind ("Initial risk") says anything about its columns.
        groups = [g if group_kind(g) else "" for g in (groups or [""] * len(headings))]
        guessed = [guess_field(h, g) if h.strip() else None
                   for h, g in zip(headings, groups, strict=True)]
        shown = [f"{g.strip()}: {h.strip()}" if g.strip() and h.strip() else h.strip()
                 for h, g in zip(headings, groups, strict=True)]
        return cls(tuple(Column(i, shown[i], f) for i, f in enumerate(_resolve(guessed))))

    def field_of(self, index: int) -> str | None:
        return self.columns[index].field if index < len(self.columns) else None

    def columns_for(self, field: str) -> list[Column]:
        return [c for c in self.columns if c.field == field]

    def heading_for(self, field: str) -> str:
        found = self.columns_for(field)
        return found[0].heading if found else FIELDS.get(field, field)

    @property
    def mapped(self) -> dict[str, list[Column]]:
        out: dict[str, list[Column]] = {}
        for column in self.columns:
            if column.field:
                out.setdefault(column.field, []).append(column)
        return out

    @property
    def unmapped(self) -> list[Column]:
        return [c for c in self.columns if c.field is None and c.heading]

    def overridden(self, changes: dict[str, str | None]) -> HeadingMap:
        """The map with some columns changed: ``{"Impact": "current_consequence",
        "E": "ignore"}``. A key is a heading (as shown, or normalised) or a column letter;
        a field of "", None or "ignore" leaves the column out."""
        columns, problems = list(self.columns), []
        for key, field in changes.items():
            field = (field or "").strip()
            if field and field != "ignore" and field not in FIELDS:
                problems.append(Problem(key, f"'{field}' is not a field; the fields are "
                                             f"{', '.join(FIELDS)}, or ignore"))
                continue
            index = self._find(key)
            if index is None:
                problems.append(Problem(key, "no column has this heading or letter"))
                continue
            columns[index] = replace(columns[index],
                                     field=None if field in ("", "ignore") else field)
        if problems:
            raise ValidationError(problems)
        return HeadingMap(tuple(columns))

    def _find(self, key: str) -> int | None:
        wanted = normalise(key)
        for column in self.columns:
            if column.heading == key.strip() or (wanted and normalise(column.heading) == wanted):
                return column.index
        for column in self.columns:  # "Current: L" may be named by its own heading "L"
            if wanted and normalise(column.heading.rpartition(":")[2]) == wanted:
                return column.index
        if re.fullmatch(r"[A-Za-z]{1,3}", key.strip()):
            index = _letter_index(key.strip().upper())
            return index if index < len(self.columns) else None
        return None

    def problems(self) -> list[Problem]:
        """A field other than a list taken by two columns: the user must say which."""
        return [Problem(cols[0].heading, f"{' and '.join(c.heading for c in cols)} are both "
                                         f"read as {FIELDS[field].lower()}; map one of them "
                                         "to ignore")
                for field, cols in self.mapped.items()
                if len(cols) > 1 and field not in LIST_FIELDS]

    def describe(self) -> list[str]:
        """One line per column, for the command line: "B  Risk Ref  ->  reference"."""
        return [f"{c.letter:<3} {c.heading[:40]:<40} -> {c.field or '(not imported)'}"
                for c in self.columns if c.heading]


def _letter_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _resolve(guessed: list[str | None]) -> list[str | None]:
    """Give bare axes ("?_score") and "residual_…" their kind; keep the first of duplicates.

    A bare axis is the current score's unless a column says "current" for it; a second one
    of the same axis is left unmapped for the user. Residual is the target when the sheet has
    a current score too, else the current score. Band columns are worked out, so ignored."""
    fields = [("derived" if f and f.endswith("_band") else f) for f in guessed]
    explicit = {f for f in fields if f and not f.startswith(("?_", "residual_"))}
    has_current = {f.split("_", 1)[1] for f in fields
                   if f and f.startswith(("current_", "?_"))}
    for i, field in enumerate(fields):
        if field and field.startswith("residual_"):
            axis = field.split("_", 1)[1]
            fields[i] = f"{'target' if axis in has_current else 'current'}_{axis}"
        elif field and field.startswith("?_"):
            fields[i] = "current_" + field[2:]
            if fields[i] in explicit:
                fields[i] = None  # "Current L" is named; a bare "L" beside it is not guessed
    taken: set[str] = set()
    for i, field in enumerate(fields):
        if field in taken and field not in LIST_FIELDS:
            fields[i] = None
        elif field:
            taken.add(field)
    return fields

"""Risk rules: the NPSA 5×5 score, bands, escalation, appetite, reviews and validation.

Pure: no database, no Qt, no I/O. Everything an organisation may set differently (band names,
ranges, colours, owners, actions, the escalation threshold, level names) lives in a
:class:`BandScheme`; :data:`DEFAULT_SCHEME` is the B&NES CCG 2012 scheme (seed section 11.3):

    Low 1–3       Individuals and Team Managers   Managed through normal local control measures.
    Moderate 4–6  Managers                        Review control measures …, record on the register
    High 8–12     Senior Manager                  Above a normal tolerable level of risk …
    Extreme 15–25 'Risk' Committee                Intolerable …, escalated to the corporate register

A current score at or above ``escalation_threshold`` (15) puts a risk on the corporate risk
register. Only 14 products of two levels 1..5 exist (:data:`POSSIBLE_SCORES`); a scheme is valid
when each of them falls in exactly one band. Descriptor wording is in ``risk_descriptors``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.errors import Problem
from app.domain.risk_descriptors import CONSEQUENCE_NAMES, DOMAIN_KEYS, LIKELIHOOD_NAMES

LEVELS = (1, 2, 3, 4, 5)
POSSIBLE_SCORES: tuple[int, ...] = tuple(sorted({lik * con for lik in LEVELS for con in LEVELS}))

RISK_STATUSES = ("open", "closed")
SCORE_KINDS = ("inherent", "current", "target")
CONTROL_TYPES = ("preventive", "detective", "directive", "corrective")
EFFECTIVENESS = ("effective", "partially effective", "ineffective")
LINES_OF_DEFENCE = {1: "management", 2: "oversight", 3: "independent"}
GAP_KINDS = ("control", "assurance")
ACTION_STATUSES = ("open", "in progress", "done", "cancelled")
ACTION_STILL_OPEN = ("open", "in progress")
ESCALATED, DE_ESCALATED = "escalated", "de-escalated"
REVIEW_FREQUENCIES = (1, 2, 3, 4, 6, 12)  # months; suggestions for forms, not a rule


def score(likelihood: int, consequence: int) -> int:
    """Likelihood × consequence, each 1..5."""
    if likelihood not in LEVELS or consequence not in LEVELS:
        raise ValueError(f"likelihood and consequence must each be 1 to 5, "
                         f"not {likelihood} and {consequence}")
    return likelihood * consequence


# ------------------------------------------------------------------------------------ bands

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Band:
    name: str
    min: int
    max: int
    colour: str  # "#rrggbb", for tables, heat maps and PDFs
    owner: str  # who owns risks in this band
    action: str  # what must happen to them

    def contains(self, value: int) -> bool:
        return self.min <= value <= self.max


DEFAULT_BANDS = (
    Band("Low", 1, 3, "#92D050", "Individuals and Team Managers",
         "Managed through normal local control measures. Acceptable level of risk."),
    Band("Moderate", 4, 6, "#FFFF00", "Managers",
         "Review control measures through formal risk assessment, record on the Risk Register."),
    Band("High", 8, 12, "#FFC000", "Senior Manager",
         "Above a normal tolerable level of risk. Action required to be taken, recorded on the "
         "Risk Register."),
    Band("Extreme", 15, 25, "#FF0000", "'Risk' Committee",
         "Intolerable level of risk. Immediate action must be taken and the risk will be "
         "escalated to the Corporate Risk Register."),
)


@dataclass(frozen=True)
class BandScheme:
    """An organisation's bands (lowest first), escalation threshold and level names."""

    bands: tuple[Band, ...] = DEFAULT_BANDS
    escalation_threshold: int = 15
    likelihood_names: tuple[str, ...] = LIKELIHOOD_NAMES
    consequence_names: tuple[str, ...] = CONSEQUENCE_NAMES

    def band_for(self, value: int) -> Band:
        """The band of a score. A number no product reaches (7, 13, 14 with the defaults)
        falls to the band below it, so tolerances and thresholds still have a band."""
        found = [b for b in self.bands if b.min <= value]
        if not found:
            raise ValueError(f"{value} is below every band (lowest starts at "
                             f"{self.bands[0].min})")
        return max(found, key=lambda b: b.min)

    def band_named(self, name: str) -> Band:
        for band in self.bands:
            if band.name.lower() == name.strip().lower():
                return band
        raise KeyError(f"there is no band called '{name}'; the bands are "
                       f"{', '.join(b.name for b in self.bands)}")

    def to_dict(self) -> dict:
        """The JSON form kept in the organisation's settings (key ``risk_bands``)."""
        return {"bands": [vars(b).copy() for b in self.bands],
                "escalation_threshold": self.escalation_threshold,
                "likelihood_names": list(self.likelihood_names),
                "consequence_names": list(self.consequence_names)}

    @classmethod
    def from_dict(cls, data: dict) -> BandScheme:
        bands = tuple(Band(**{k: b[k] for k in ("name", "min", "max", "colour", "owner",
                                                   "action")}) for b in data["bands"])
        return cls(bands=bands, escalation_threshold=int(data.get("escalation_threshold", 15)),
                   likelihood_names=tuple(data.get("likelihood_names", LIKELIHOOD_NAMES)),
                   consequence_names=tuple(data.get("consequence_names", CONSEQUENCE_NAMES)))


DEFAULT_SCHEME = BandScheme()


def band_for(value: int, scheme: BandScheme = DEFAULT_SCHEME) -> Band:
    return scheme.band_for(value)


def is_escalated(value: int, scheme: BandScheme = DEFAULT_SCHEME) -> bool:
    """Whether a current score belongs on the corporate risk register."""
    return value >= scheme.escalation_threshold


def escalation_change(before: int | None, after: int,
                      scheme: BandScheme = DEFAULT_SCHEME) -> str | None:
    """``"escalated"`` when a score crosses the threshold upwards, ``"de-escalated"`` when it
    falls below it, else None. A new risk (``before`` None) at or above it is escalated."""
    was = before is not None and is_escalated(before, scheme)
    now = is_escalated(after, scheme)
    if now and not was:
        return ESCALATED
    if was and not now:
        return DE_ESCALATED
    return None


def corporate_register_change(on_register: bool, before: int | None, after: int,
                              scheme: BandScheme = DEFAULT_SCHEME) -> str | None:
    """What a new current score does to a risk's place on the corporate register.

    At or above the threshold it goes on (if not already there). It comes off when its score
    falls below the threshold from at or above it; a risk the board placed there by hand while
    below the threshold stays until someone takes it off.
    """
    if is_escalated(after, scheme) and not on_register:
        return ESCALATED
    if on_register and not is_escalated(after, scheme) and (
            before is None or is_escalated(before, scheme)):
        return DE_ESCALATED
    return None


def scheme_problems(scheme: BandScheme) -> list[Problem]:
    """Every reason the scheme cannot be used: each possible score in exactly one band."""
    problems = []
    names = [b.name.strip().lower() for b in scheme.bands]
    if not scheme.bands:
        return [Problem("bands", "at least one band is needed")]
    for i, band in enumerate(scheme.bands, start=1):
        problems += _band_problems(band, i)
    if len(set(names)) != len(names):
        problems.append(Problem("bands", "two bands have the same name"))
    ordered = list(scheme.bands)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if upper.min <= lower.max:
            problems.append(Problem("bands", f"{lower.name} ({lower.min}–{lower.max}) and "
                                             f"{upper.name} ({upper.min}–{upper.max}) overlap "
                                             "or are out of order"))
    for value in POSSIBLE_SCORES:
        if not any(b.contains(value) for b in scheme.bands):
            problems.append(Problem("bands", f"a score of {value} is in no band"))
    if not 1 <= scheme.escalation_threshold <= 25:
        problems.append(Problem("escalation_threshold", "the escalation threshold must be "
                                                        "a score from 1 to 25"))
    for key, names_ in (("likelihood_names", scheme.likelihood_names),
                        ("consequence_names", scheme.consequence_names)):
        if len(names_) != 5 or not all(str(n).strip() for n in names_):
            problems.append(Problem(key, "five names are needed, one for each level"))
    return problems


def _band_problems(band: Band, row: int) -> list[Problem]:
    problems = []
    if not band.name.strip():
        problems.append(Problem("name", "each band needs a name", row))
    if not (1 <= band.min <= band.max <= 25):
        problems.append(Problem("range", f"{band.name}: {band.min}–{band.max} is not a range "
                                         "within 1–25", row))
    if not HEX_COLOUR.match(band.colour or ""):
        problems.append(Problem("colour", f"{band.name}: '{band.colour}' is not a colour like "
                                          "#FF0000", row))
    return problems


# --------------------------------------------------------------------------------- appetite

APPETITE_LEVELS = ("Avoid", "Minimal", "Cautious", "Open", "Seek", "Mature")  # 0..5
APPETITE_MEANINGS = (
    "Avoidance of risk and uncertainty is a key organisational objective",
    "Preference for ultra-safe options with a low degree of inherent risk",
    "Preference for safe options with a low degree of residual risk",
    "Willing to consider all options and choose one giving an acceptable level of reward",
    "Eager to be innovative and choose options with higher rewards despite greater risk",
    "Confident in taking high risk because controls and forward scanning are robust",
)
# The highest current score the board accepts at each appetite level, unless a category says
# otherwise: Avoid tolerates only Low risks, Open up to the top of High, Mature all but 25.
DEFAULT_TOLERANCE = (3, 6, 9, 12, 16, 20)


def appetite_name(level: int) -> str:
    return APPETITE_LEVELS[level]


def default_tolerance(appetite_level: int) -> int:
    return DEFAULT_TOLERANCE[appetite_level]


def above_appetite(value: int | None, tolerance: int | None) -> bool:
    """A score above the tolerance the board set for the risk's category."""
    return value is not None and tolerance is not None and value > tolerance


def category_problems(*, name: str, appetite_level: int, tolerance: int) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("name", "a category needs a name"))
    if appetite_level not in range(len(APPETITE_LEVELS)):
        problems.append(Problem("appetite_level", "the appetite must be 0 (Avoid) to 5 (Mature)"))
    if not 1 <= tolerance <= 25:
        problems.append(Problem("tolerance", "the tolerance must be a score from 1 to 25"))
    return problems


# ---------------------------------------------------------------------- reviews and movement


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day if it is shorter (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def next_review_date(reviewed_on: dt.date, frequency_months: int) -> dt.date:
    return add_months(reviewed_on, frequency_months)


def review_overdue(next_review_on: dt.date | None, today: dt.date, status: str = "open") -> bool:
    """An open risk whose next review date has passed. Closed risks are never overdue."""
    return status == "open" and next_review_on is not None and next_review_on < today


def action_overdue(due_on: dt.date | None, status: str, today: dt.date) -> bool:
    return status in ACTION_STILL_OPEN and due_on is not None and due_on < today


def movement(current: int, at_last_review: int | None) -> str:
    """How the current score moved since the last review: up, down, same, or new (no review)."""
    if at_last_review is None:
        return "new"
    if current > at_last_review:
        return "up"
    if current < at_last_review:
        return "down"
    return "same"


# ------------------------------------------------------------------------------- validation

Pair = tuple[int, int] | None


def _pair_problems(kind: str, pair: Pair, required: bool) -> list[Problem]:
    if pair is None or pair == (None, None):
        return [Problem(f"{kind}_likelihood", f"the {kind} score is required")] if required else []
    problems = []
    for axis, value in zip(("likelihood", "consequence"), pair, strict=True):
        if value not in LEVELS:
            problems.append(Problem(f"{kind}_{axis}", f"the {kind} {axis} must be 1 to 5, "
                                                       f"not {value!r}"))
    return problems


def validate_risk_fields(*, title: str, inherent: Pair, current: Pair, target: Pair = None,
                         target_date: dt.date | None = None, raised_on: dt.date | None = None,
                         review_frequency_months: int = 3, consequence_domain: str = "",
                         reference: str | None = None) -> list[Problem]:
    """Every problem with a risk's own fields, named by the service argument that holds it."""
    problems = []
    if not (title or "").strip():
        problems.append(Problem("title", "a risk needs a title"))
    if reference is not None and not reference.strip():
        problems.append(Problem("reference", "the reference cannot be blank"))
    problems += _pair_problems("inherent", inherent, True)
    problems += _pair_problems("current", current, True)
    problems += _pair_problems("target", target, False)
    if target is not None and target != (None, None) and target_date is None:
        problems.append(Problem("target_date", "a target score needs a date to reach it by"))
    if target_date is not None and raised_on is not None and target_date < raised_on:
        problems.append(Problem("target_date", "the target date is before the risk was raised"))
    if not 1 <= (review_frequency_months or 0) <= 24:
        problems.append(Problem("review_frequency_months",
                                "reviews must be due every 1 to 24 months"))
    if consequence_domain and consequence_domain not in DOMAIN_KEYS:
        problems.append(Problem("consequence_domain", f"'{consequence_domain}' is not one of: "
                                                      f"{', '.join(DOMAIN_KEYS)}"))
    return problems


def rationale_problems(rationale: str) -> list[Problem]:
    if not (rationale or "").strip():
        return [Problem("rationale", "say why the score changed: a rationale is required")]
    return []


def _choice(field_name: str, value, choices) -> list[Problem]:
    if value in choices:
        return []
    shown = ", ".join(str(c) for c in choices)
    return [Problem(field_name, f"'{value}' is not one of: {shown}")]


def _described(description: str) -> list[Problem]:
    return [] if (description or "").strip() else [Problem("description",
                                                           "a description is required")]


def control_problems(*, description: str, control_type: str, effectiveness: str) -> list[Problem]:
    return (_described(description) + _choice("control_type", control_type, CONTROL_TYPES)
            + _choice("effectiveness", effectiveness, EFFECTIVENESS))


def assurance_problems(*, description: str, line_of_defence: int) -> list[Problem]:
    return _described(description) + _choice("line_of_defence", line_of_defence,
                                             tuple(LINES_OF_DEFENCE))


def gap_problems(*, kind: str, description: str) -> list[Problem]:
    return _described(description) + _choice("kind", kind, GAP_KINDS)


def action_problems(*, description: str, status: str, due_on: dt.date | None,
                    completed_on: dt.date | None) -> list[Problem]:
    problems = _described(description) + _choice("status", status, ACTION_STATUSES)
    if status == "done" and completed_on is None:
        problems.append(Problem("completed_on", "a done action needs the date it was completed"))
    if status in ACTION_STILL_OPEN and completed_on is not None:
        problems.append(Problem("completed_on", "an action still open has no completion date"))
    return problems


# ------------------------------------------------------------------------------- references


def next_reference(existing: Iterable[str], prefix: str = "CR", width: int = 3) -> str:
    """The next free reference after the highest ``PREFIX-n`` in use: CR-001, CR-002, …

    Numbers are padded to ``width`` digits and grow past it (CR-999, CR-1000); references in
    another form are left alone, so a register imported with its own numbering still works.
    """
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for ref in existing if (m := pattern.match(ref.strip()))]
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"


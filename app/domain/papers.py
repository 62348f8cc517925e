"""The paper and its cover sheet. Pure.

Field names and labels follow the cover sheet the Merton CCG governing body used in 2012
(seeds/merton-ccg-governing-body-cover-sheet-2012.txt); newer templates add little to it.
A paper is a draft until it is final; a final paper must say what it is, what it is for, who
wrote it, which director leads, what it says in brief and what the body is asked to do.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.agenda import PURPOSES
from app.domain.errors import Problem

# (field, label as printed on the cover sheet), in the order of the sheet.
COVER_SHEET_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title of Document"),
    ("purpose", "Purpose of Report"),
    ("report_author", "Report Author"),
    ("lead_director", "Lead Director"),
    ("contact_details", "Contact details"),
    ("executive_summary", "Executive Summary"),
    ("key_sections", "Key sections for particular note (paragraph/page), areas of concern etc"),
    ("recommendations", "Recommendation(s)"),
    ("previous_committees", "Committees which have previously discussed/agreed the report"),
    ("financial_implications", "Financial Implications"),
    ("other_bodies_implications", "Implications for other bodies"),
    ("other_implications", "Other Implications: (including patient and public involvement/"
                           "Legal/Governance/Risk/ Diversity/ Staffing)"),
    ("equality_analysis", "Equality Analysis"),
    ("information_privacy", "Information Privacy Issues"),
    ("communication_plan", "Communication Plan: (including any implications under the Freedom "
                           "of Information Act or NHS Constitution)."),
)
COVER_SHEET_LABELS = dict(COVER_SHEET_FIELDS)
# The free-text fields (purpose is a choice, the rest are text).
TEXT_FIELDS = tuple(f for f, _ in COVER_SHEET_FIELDS if f != "purpose") + ("other_bodies",)

PAPER_STATUSES = ("draft", "final")
REQUIRED_FOR_FINAL = ("title", "purpose", "report_author", "lead_director", "executive_summary",
                      "recommendations")


def other_bodies_label(other_bodies: str) -> str:
    """The sheet names the bodies: "Implications for the Sutton and Merton Board or …"."""
    return f"Implications for {other_bodies}" if other_bodies.strip() else \
        COVER_SHEET_LABELS["other_bodies_implications"]


def unknown_fields(fields: Mapping[str, object]) -> list[str]:
    return [f for f in fields if f not in TEXT_FIELDS]


def paper_problems(fields: Mapping[str, str], *, status: str) -> list[Problem]:
    """What stops a paper being saved with this status (every problem, not the first)."""
    problems = [Problem(f, "is not a cover sheet field") for f in unknown_fields(
        {k: v for k, v in fields.items() if k != "purpose"})]
    if status not in PAPER_STATUSES:
        problems.append(Problem("status", f"'{status}' is not one of: "
                                          f"{', '.join(PAPER_STATUSES)}"))
    if not (fields.get("title") or "").strip():
        problems.append(Problem("title", "a paper needs a title"))
    purpose = fields.get("purpose") or ""
    if purpose and purpose not in PURPOSES:
        problems.append(Problem("purpose", f"'{purpose}' is not one of: {', '.join(PURPOSES)}"))
    if status == "final":
        for name in REQUIRED_FOR_FINAL:
            if name != "title" and not (fields.get(name) or "").strip():
                problems.append(Problem(name, f"{COVER_SHEET_LABELS[name]} is needed before "
                                              "the paper is final"))
    return problems

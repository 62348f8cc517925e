"""Importing a risk register from a workbook or CSV file, all or nothing.

    preview = preview_register(path)                 # header row, guessed map, first rows
    result = import_register(session, path=path, mapping={"Impact": "current_consequence"})

Every row is checked before anything is written; if any is wrong, nothing is imported and the
``ValidationError`` lists every problem with its row number and column heading. Good rows are
raised through the risk services in the caller's transaction, so each record is audited and
every rule (escalation, review dates) applies as if typed in. A reference already in the
database is a problem unless ``skip_existing``: updating risks from a file is not offered.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.domain.errors import Problem, ValidationError
from app.exchange.register import cells, values
from app.exchange.register.headings import FIELDS, HeadingMap
from app.exchange.register.history import history_problems, plan, read_history_sheet
from app.exchange.register.lookups import load_lookups
from app.exchange.register.rows import RiskSpec, read_rows
from app.exchange.register.sheet import Sheet, read_table
from app.exchange.register.sheet import read_history_sheet as history_sheet
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks import settings as risk_settings

PREVIEW_ROWS = 10


@dataclass(frozen=True)
class RegisterPreview:
    """What the importer makes of a file before anything is imported (for the user to check)."""

    sheet: str
    sheets: tuple[str, ...]
    header_row: int  # as the spreadsheet numbers it
    mapping: HeadingMap
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # the first data rows, one text per column
    unmapped: tuple[str, ...]  # headings that will not be imported
    missing: tuple[str, ...]  # what the register needs and no column holds
    has_history: bool  # a "Score history" sheet will be replayed


@dataclass(frozen=True)
class ImportResult:
    created: tuple[str, ...]  # references raised (or, in a dry run, that would be)
    skipped: tuple[str, ...]  # references already in the database, left alone
    counts: dict[str, int] = field(default_factory=dict)  # controls, assurances, gaps, …
    notes: tuple[str, ...] = ()  # defaults applied that the user should know about
    mapping: HeadingMap | None = field(default=None, repr=False)
    dry_run: bool = False


def _sheet_from_rows(rows: list[list]) -> Sheet:
    return Sheet("rows", ("rows",), [(n, list(r)) for n, r in enumerate(rows, start=1)])


def _mapped(sheet: Sheet, header: int, mapping) -> HeadingMap:
    guessed = sheet.heading_map(header)
    if isinstance(mapping, HeadingMap):
        return mapping
    return guessed.overridden(mapping) if mapping else guessed


def missing_columns(mapping: HeadingMap, has_default_category: bool = False) -> list[Problem]:
    """What a register cannot do without, when no column holds it."""
    has = mapping.mapped
    problems = []
    if "title" not in has and "event" not in has:
        problems.append(Problem(FIELDS["title"], "no column holds the risk's title or "
                                                 "description; map one"))
    if not ({"current_likelihood", "current_consequence"} <= set(has)
            or "current_score" in has):
        problems.append(Problem(FIELDS["current_likelihood"], "no columns hold the current "
                                "likelihood and consequence; map them"))
    if "category" not in has and not has_default_category:
        problems.append(Problem(FIELDS["category"], "no column holds the category; map one, "
                                                    "or choose a category for every risk"))
    return problems


def preview_register(path: str | Path, *, sheet: str | None = None,
                     mapping: dict[str, str] | HeadingMap | None = None) -> RegisterPreview:
    table = read_table(path, sheet)
    header = table.header_index()
    heading_map = _mapped(table, header, mapping)
    rows = tuple((n, tuple(values.text(c) for c in r))
                 for n, r in table.data_rows(header)[:PREVIEW_ROWS])
    return RegisterPreview(
        table.name, table.names, table.rows[header][0], heading_map, rows,
        tuple(c.heading for c in heading_map.unmapped),
        tuple(p.field for p in missing_columns(heading_map, True)),
        history_sheet(path) is not None)


# ----------------------------------------------------------------------------------- import


def import_register(session: Session, *, path: str | Path | None = None,
                    rows: list[list] | None = None,
                    mapping: dict[str, str] | HeadingMap | None = None,
                    sheet: str | None = None, skip_existing: bool = False,
                    default_category: str | None = None, dry_run: bool = False,
                    today: dt.date | None = None) -> ImportResult:
    """Check every row, then (unless ``dry_run``) raise every risk; all or nothing.

    ``rows`` (header first) may stand in for a file. ``mapping`` is a :class:`HeadingMap`
    (as the user confirmed it) or changes to the guessed one. ``default_category`` names the
    category of rows that give none."""
    if (path is None) == (rows is None):
        raise ValueError("give a path or rows")
    today = today or dt.date.today()
    table = read_table(path, sheet) if path is not None else _sheet_from_rows(rows)
    header = table.header_index()
    heading_map = _mapped(table, header, mapping)
    problems = heading_map.problems() + missing_columns(heading_map, bool(default_category))
    if problems:
        raise ValidationError(problems)
    lookups = load_lookups(session, today, default_category)
    specs, skipped, problems = read_rows(table.data_rows(header), heading_map, lookups,
                                         merged_from=table.merged_from,
                                         skip_existing=skip_existing)
    problems += (_history(path, specs, skipped) + _checks(specs)
                 + _formulas(table, header, heading_map))
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: (p.row or 0)))
    result = ImportResult(tuple(s.reference or "(next reference)" for s in specs),
                          tuple(skipped), _counts(specs), _notes(specs, lookups.scheme),
                          heading_map, dry_run)
    if dry_run:
        return result
    source = Path(path).name if path is not None else "a spreadsheet"
    created = tuple(_write(session, spec, heading_map, source, today) for spec in specs)
    return ImportResult(created, *(getattr(result, f) for f in
                                   ("skipped", "counts", "notes", "mapping", "dry_run")))


def _history(path, specs: list[RiskSpec], skipped: list[str]) -> list[Problem]:
    sheet = history_sheet(path) if path is not None else None
    if sheet is None:
        return []
    by_reference = {s.reference.lower(): s for s in specs if s.reference}
    return read_history_sheet(sheet, by_reference, {r.lower() for r in skipped})


def _formulas(table: Sheet, header: int, mapping: HeadingMap) -> list[Problem]:
    """A formula saved without its result, in a column the import reads, is refused: the
    import reads what a spreadsheet showed and never works a formula out itself."""
    below = table.rows[header][0]
    return [Problem(mapping.columns[col].heading,
                    f"holds a formula ({formula}) saved without its result; Boardbook "
                    "never works formulas out: open the file in Excel or LibreOffice and "
                    "save it, or paste the values in place of the formulas", row)
            for (row, col), formula in sorted(table.formulas.items())
            if row > below and mapping.field_of(col) is not None]


def _checks(specs: list[RiskSpec]) -> list[Problem]:
    """What can only be checked once a risk's rows and history are all read."""
    problems = []
    for spec in specs:
        problems += history_problems(spec)
        controls, gaps = len(spec.controls), Counter(kind for kind, _ in spec.gaps)
        for a in spec.assurances:
            if a.control_no and not 1 <= a.control_no <= controls:
                problems.append(Problem("Assurances", f"'{a.description[:40]}' is on control "
                                        f"{a.control_no}, but the risk has {controls}",
                                        spec.row))
        for a in spec.actions:
            if a.gap and not 1 <= a.gap[1] <= gaps[a.gap[0]]:
                problems.append(Problem("Actions", f"'{a.description[:40]}' closes gap "
                                        f"{cells.gap_label(*a.gap)}, but the risk has "
                                        f"{gaps[a.gap[0]]} gap(s) in {a.gap[0]}", spec.row))
    return problems


def _counts(specs: list[RiskSpec]) -> dict[str, int]:
    counts = {name: sum(len(getattr(s, name)) for s in specs)
              for name in ("controls", "assurances", "gaps", "actions")}
    return {"risks": len(specs), **counts,
            "scorings": sum(len(s.history) for s in specs)}


def _notes(specs: list[RiskSpec], scheme: rules.BandScheme) -> tuple[str, ...]:
    notes = Counter(note for s in specs for note in s.notes)
    out = []
    if notes["no inherent score"]:
        out.append(f"{notes['no inherent score']} risk(s) gave no inherent score: it was taken "
                   "to be the current score")
    if notes["no date raised"]:
        out.append(f"{notes['no date raised']} risk(s) gave no date raised: the earliest of "
                   "today, the target date and the last review was used")
    defaulted = sum(c.defaulted for s in specs for c in s.controls)
    if defaulted:
        out.append(f"{defaulted} control(s) gave no type or effectiveness: recorded as "
                   f"{cells.DEFAULT_CONTROL_TYPE}, {cells.DEFAULT_EFFECTIVENESS}; review them")
    inferred = sum(a.inferred for s in specs for a in s.assurances)
    if inferred:
        out.append(f"{inferred} assurance(s) gave no line of defence: it was inferred from "
                   "their words (internal audit → 3, committee → 2, else 1)")
    escalated = [s.reference or s.title for s in specs if s.corporate is False and s.current
                 and rules.is_escalated(s.current[0] * s.current[1], scheme)]
    if escalated:
        out.append(f"{', '.join(escalated)}: on the corporate register, as a current score of "
                   f"{scheme.escalation_threshold} or more requires")
    return tuple(out)


# ------------------------------------------------------------------------------------ write


def _write(session: Session, spec: RiskSpec, mapping: HeadingMap, source: str,
           today: dt.date) -> str:
    try:
        risk_id = _raise(session, spec, source, today)
        _details(session, risk_id, spec, today)
        _replay(session, risk_id, spec, today)
        return _finish(session, risk_id, spec, today)
    except ValidationError as exc:
        raise ValidationError([Problem(mapping.heading_for(p.field.removesuffix("_id")),
                                       p.reason, spec.row) for p in exc.problems]) from None


def _raise(session: Session, spec: RiskSpec, source: str, today: dt.date) -> int:
    replay = plan(spec) if spec.history else None
    created = replay.created if replay else {"inherent": spec.inherent,
                                             "current": spec.current, "target": spec.target}
    first = replay.first if replay else None
    target = created["target"] or (None, None)
    row = risks.create_risk(
        session, title=spec.title, reference=spec.reference, cause=spec.cause,
        event=spec.event, effect=spec.effect, category_id=spec.category_id,
        owner_id=spec.owner_id, committee_id=spec.committee_id, raised_on=spec.raised_on,
        consequence_domain=first.consequence_domain if first else spec.consequence_domain,
        inherent_likelihood=created["inherent"][0], inherent_consequence=created["inherent"][1],
        current_likelihood=created["current"][0], current_consequence=created["current"][1],
        target_likelihood=target[0], target_consequence=target[1],
        target_date=spec.target_date, review_frequency_months=spec.review_frequency_months,
        rationale=first.rationale if first else f"Imported from {source}",
        scored_by=(first.scored_by or None) if first else None,
        source=first.source if first else "import", today=today)
    return row.id


def _details(session: Session, risk_id: int, spec: RiskSpec, today: dt.date) -> None:
    control_ids = [risks_detail.add_control(session, risk_id=risk_id, description=c.description,
                                            control_type=c.control_type,
                                            effectiveness=c.effectiveness).id
                   for c in spec.controls]
    for a in spec.assurances:
        risks_detail.add_assurance(
            session, risk_id=risk_id, description=a.description, line_of_defence=a.line_of_defence,
            positive=a.positive, source=a.source, received_on=a.received_on,
            control_id=control_ids[a.control_no - 1] if a.control_no else None)
    gap_ids: dict[tuple[str, int], int] = {}
    for kind, description in spec.gaps:
        number = sum(1 for k in gap_ids if k[0] == kind) + 1
        gap_ids[(kind, number)] = risks_detail.add_gap(session, risk_id=risk_id, kind=kind,
                                                       description=description).id
    for a in spec.actions:
        risks_detail.add_action(session, risk_id=risk_id, description=a.description,
                                owner_id=a.owner_id, due_on=a.due_on, status=a.status,
                                completed_on=a.completed_on,
                                gap_id=gap_ids[a.gap] if a.gap else None, today=today)
    for objective_id in spec.objective_ids:
        risks.link_objective(session, risk_id=risk_id, objective_id=objective_id)


def _replay(session: Session, risk_id: int, spec: RiskSpec, today: dt.date) -> None:
    steps = plan(spec).steps if spec.history else (
        [spec.last_reviewed_on] if spec.last_reviewed_on else [])
    for step in steps:
        if isinstance(step, dt.date):
            risks.mark_review_done(session, risk_id=risk_id, expected_version=None,
                                   reviewed_on=step, today=today)
            continue
        risks.rescore_risk(session, risk_id=risk_id, expected_version=None, kind=step.kind,
                           likelihood=step.likelihood, consequence=step.consequence,
                           rationale=step.rationale, source=step.source,
                           scored_by=step.scored_by or None, scored_on=step.scored_on,
                           consequence_domain=step.consequence_domain, today=today)


def _finish(session: Session, risk_id: int, spec: RiskSpec, today: dt.date) -> str:
    """Set what raising and replaying left different from the register, then close."""
    row = risk_register.get_risk_row(session, risk_id=risk_id, today=today)
    wanted = {"next_review_on": spec.next_review_on, "target_date": spec.target_date,
              "consequence_domain": spec.consequence_domain or None,
              "on_corporate_register": spec.corporate}
    if spec.corporate is False and rules.is_escalated(row.current_score,
                                                      risk_settings.get_band_scheme(session)):
        wanted.pop("on_corporate_register")  # the rule keeps it there; see the notes
    changes = {k: v for k, v in wanted.items() if v is not None and getattr(row, k) != v}
    if changes:
        risks.update_risk(session, risk_id=risk_id, expected_version=None, today=today,
                          **changes)
    if spec.status == "closed":
        risks.close_risk(session, risk_id=risk_id, expected_version=None,
                         reason=spec.closed_reason or "Closed before the register was imported",
                         closed_on=spec.closed_on or today, today=today)
    return row.reference

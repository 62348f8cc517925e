"""From a register's rows to risks ready to raise, with every problem of every row.

``read_rows(rows, mapping, lookups)`` turns each data row into a :class:`RiskSpec` (names
resolved to ids, text to dates and levels) and collects a :class:`Problem` for everything
wrong, named by the row number and the column heading the user sees. A row whose reference is
merged down from the row above, or that has no reference and no title but has controls,
actions and the like, continues the risk above it: its lines are added to that risk's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from app.domain import risk as rules
from app.domain.errors import Problem
from app.exchange.register import cells, values
from app.exchange.register.headings import LIST_FIELDS, HeadingMap
from app.exchange.register.lookups import Lookups, listed

TITLE_LENGTH, REFERENCE_LENGTH = 300, 20  # the database's column sizes


@dataclass
class RiskSpec:
    row: int
    reference: str | None
    title: str
    cause: str = ""
    event: str = ""
    effect: str = ""
    category_id: int | None = None
    owner_id: int | None = None
    committee_id: int | None = None
    status: str = "open"
    raised_on: dt.date | None = None
    closed_on: dt.date | None = None
    closed_reason: str = ""
    consequence_domain: str = ""
    inherent: tuple[int, int] | None = None
    current: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    target_date: dt.date | None = None
    review_frequency_months: int = 3
    last_reviewed_on: dt.date | None = None
    next_review_on: dt.date | None = None
    score_at_last_review: int | None = None
    corporate: bool | None = None
    objective_ids: list[int] = field(default_factory=list)
    controls: list = field(default_factory=list)
    assurances: list = field(default_factory=list)
    gaps: list[tuple[str, str]] = field(default_factory=list)
    actions: list = field(default_factory=list)
    history: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    continued: list[int] = field(default_factory=list)  # rows that continue this risk
    raw: dict = field(default_factory=dict)  # field -> cell text, to check continuation rows


class RowReader:
    """Reads one data row at a time; problems pile up in ``problems``."""

    def __init__(self, mapping: HeadingMap, lookups: Lookups):
        self.map, self.look = mapping, lookups
        self.problems: list[Problem] = []
        self.row = 0
        self.cells: dict[str, object] = {}

    # ------------------------------------------------------------------ cells and problems

    def load(self, row: int, cells_in_row: list) -> None:
        self.row, self.cells = row, {}
        for column in self.map.columns:
            if column.field and column.field != "derived":
                value = cells_in_row[column.index] if column.index < len(cells_in_row) else None
                if column.field in LIST_FIELDS and column.field in self.cells:
                    joined = "\n".join(t for t in (values.text(self.cells[column.field]),
                                                   values.text(value)) if t)
                    self.cells[column.field] = joined
                else:
                    self.cells[column.field] = value

    def problem(self, field_name: str, reason: str) -> None:
        self.problems.append(Problem(self.map.heading_for(field_name), reason, self.row))

    def has(self, field_name: str) -> bool:
        return not values.is_blank(self.cells.get(field_name))

    def text(self, field_name: str) -> str:
        return values.text(self.cells.get(field_name))

    def parsed(self, field_name: str, parser, *args):
        try:
            return parser(self.cells.get(field_name), *args)
        except ValueError as exc:
            self.problem(field_name, str(exc))
            return None

    # ------------------------------------------------------------------------ one risk

    def spec(self) -> RiskSpec:
        reference = self.text("reference") or None
        spec = RiskSpec(self.row, reference, self._title(), cause=self.text("cause"),
                        event=self.text("event"), effect=self.text("effect"),
                        closed_reason=self.text("closed_reason"))
        spec.raw = {f: self.text(f) for f in self.cells if f not in LIST_FIELDS}
        self._names(spec)
        self._dates(spec)
        self._scores(spec)
        self.read_lists(spec)
        return spec

    def _title(self) -> str:
        title = self.text("title")
        if not title and self.text("event"):
            title = _first_sentence(self.text("event"))
        if not title:
            self.problem("title", "a risk needs a title (or a description to take it from)")
        elif len(title) > TITLE_LENGTH:
            self.problem("title", f"the title is {len(title)} characters; the most is "
                                  f"{TITLE_LENGTH}: shorten it, and put the detail in the "
                                  "description")
        return title

    def _names(self, spec: RiskSpec) -> None:
        look = self.look
        spec.category_id = self._named("category", look.categories, "category",
                                       "the categories are " + listed(look.categories))
        if spec.category_id is None and not self.has("category"):
            if look.default_category_id is None:
                self.problem("category", "a category is needed; the categories are "
                                         + listed(look.categories))
            spec.category_id = look.default_category_id
        spec.owner_id = self._named("owner", look.people, "owner",
                                    "add them under People first, or correct the name")
        spec.committee_id = self._named("committee", look.committees, "committee",
                                        "the committees are " + listed(look.committees))
        spec.status = self.parsed("status", values.status) or "open"
        spec.consequence_domain = self.parsed("consequence_domain", values.domain_key) or ""
        spec.corporate = self.parsed("on_corporate_register", values.yes_no)
        for code in cells.parse_codes(self.cells.get("objectives")):
            found, reason = look.find(look.objectives, code, "strategic objective",
                                      "the objectives are " + listed(look.objectives))
            if reason:
                self.problem("objectives", reason)
            elif found not in spec.objective_ids:
                spec.objective_ids.append(found)

    def _named(self, field_name: str, table: dict[str, int], what: str, hint: str):
        if not self.has(field_name):
            return None
        found, reason = self.look.find(table, self.text(field_name), what, hint)
        if reason:
            self.problem(field_name, reason)
        return found

    def _dates(self, spec: RiskSpec) -> None:
        for name in ("raised_on", "closed_on", "target_date", "last_reviewed_on",
                     "next_review_on"):
            setattr(spec, name, self.parsed(name, values.date))
        spec.review_frequency_months = self.parsed("review_frequency_months",
                                                   values.frequency) or 3
        if spec.raised_on is None:
            known = [d for d in (spec.target_date, spec.last_reviewed_on) if d]
            spec.raised_on = min([self.look.today, *known])
            spec.notes.append("no date raised")
        if (spec.last_reviewed_on and spec.next_review_on
                and spec.next_review_on <= spec.last_reviewed_on):
            self.problem("next_review_on", "the next review must be after the last one "
                                           f"({values.short_date(spec.last_reviewed_on)})")
        if spec.target_date and spec.target_date < spec.raised_on:
            self.problem("target_date", "the target date is before the risk was raised")

    def _scores(self, spec: RiskSpec) -> None:
        spec.current = self._pair("current", required=True)
        spec.inherent = self._pair("inherent", required=False)
        if spec.inherent is None and spec.current is not None:
            spec.inherent = spec.current  # an unrecorded inherent score is at least current
            spec.notes.append("no inherent score")
        spec.target = self._pair("target", required=False)
        if spec.target is not None and spec.target_date is None:
            self.problem("target_date" if self.map.columns_for("target_date")
                         else "target_score", "a target score needs a date to reach it by")
        last = self.parsed("score_at_last_review", values.score)
        spec.score_at_last_review = last[0] if last else None

    def _pair(self, kind: str, *, required: bool) -> tuple[int, int] | None:
        lik = self.parsed(f"{kind}_likelihood", values.likelihood, self.look.scheme)
        con = self.parsed(f"{kind}_consequence", values.consequence, self.look.scheme)
        product, spelled = self.parsed(f"{kind}_score", values.score) or (None, None)
        if lik is None and con is None and spelled:
            lik, con = spelled  # "4 x 4 = 16" in a score column without L and C columns
        if (lik is None) != (con is None):
            missing = "consequence" if con is None else "likelihood"
            if not (self.has(f"{kind}_likelihood") and self.has(f"{kind}_consequence")):
                self.problem(f"{kind}_{missing}", f"the {kind} {missing} is missing")
            return None
        if lik is None:
            if product is not None:
                self.problem(f"{kind}_score", f"a score of {product} alone does not say its "
                                              "likelihood and consequence; give both")
            elif required and not self._failed(kind):
                self.problem(f"{kind}_likelihood", f"the {kind} likelihood and consequence "
                                                   "are required")
            return None
        if product is not None and product != lik * con:
            self.problem(f"{kind}_score", f"{product} is not {self.map.heading_for(f'{kind}_likelihood')} "
                                          f"× {self.map.heading_for(f'{kind}_consequence')} "
                                          f"({lik} × {con} = {lik * con})")
        return lik, con

    def _failed(self, kind: str) -> bool:
        """Whether a problem was already given for this kind's cells in this row."""
        headings = {self.map.heading_for(f"{kind}_{a}") for a in ("likelihood", "consequence",
                                                                 "score")}
        return any(p.row == self.row and p.field in headings for p in self.problems)

    def read_lists(self, spec: RiskSpec) -> None:
        for line in cells.lines(self.cells.get("controls")):
            self._item("controls", spec.controls, cells.parse_control(line))
        for line in cells.lines(self.cells.get("assurances")):
            self._item("assurances", spec.assurances, cells.parse_assurance(line))
        for kind in rules.GAP_KINDS:
            spec.gaps += [(kind, line) for line in cells.lines(self.cells.get(f"gaps_{kind}"))]
        self._actions(spec)
        for line in cells.lines(self.cells.get("score_history")):
            self._item("score_history", spec.history, cells.parse_score(line))

    def _item(self, field_name: str, into: list, parsed: tuple) -> None:
        item, reasons = parsed
        for reason in reasons:
            self.problem(field_name, reason)
        if item is not None and not reasons:
            into.append(item)

    def _actions(self, spec: RiskSpec) -> None:
        owner = self._named("action_owner", self.look.people, "action owner",
                            "add them under People first, or correct the name")
        due = self.parsed("action_due", values.date)
        for line in cells.lines(self.cells.get("actions")):
            item, reasons = cells.parse_action(line, self._person)
            if item.owner_id is None and owner is not None:
                item = _with(item, owner_id=owner)
            if item.due_on is None and due is not None:
                item = _with(item, due_on=due)
            reasons += rules_for_action(item)
            self._item("actions", spec.actions, (item, reasons))

    def _person(self, name: str) -> tuple[int | None, str | None]:
        return self.look.find(self.look.people, name, "action owner",
                              "add them under People first, or correct the name")


def rules_for_action(item: cells.ActionItem) -> list[str]:
    problems = rules.action_problems(description=item.description, status=item.status,
                                     due_on=item.due_on, completed_on=item.completed_on)
    return [f"'{item.description[:40]}': {p.reason}" for p in problems]


def _with(item, **changes):
    return replace(item, **changes)


def _first_sentence(words: str) -> str:
    """A title from a long description: its first sentence, cut at a word near 120."""
    first = words.strip().split("\n")[0]
    for stop in (". ", "; "):
        if stop in first:
            first = first.split(stop)[0]
    if len(first) > 120:
        first = first[:120].rsplit(" ", 1)[0] + "…"
    return first.rstrip(".")


# ------------------------------------------------------------------------------ the rows


def read_rows(rows: list[tuple[int, list]], mapping: HeadingMap, lookups: Lookups, *,
              merged_from=None, skip_existing: bool = False) -> tuple[list[RiskSpec],
                                                                     list[str], list[Problem]]:
    """Every risk of the register, the references skipped as already held, and every problem.

    ``merged_from(row, col)`` tells the row a cell's value was merged down from (workbooks)."""
    reader = RowReader(mapping, lookups)
    ref_col = next((c.index for c in mapping.columns_for("reference")), None)
    specs: list[RiskSpec] = []
    for number, cells_in_row in rows:
        reader.load(number, cells_in_row)
        merged = merged_from(number, ref_col) if merged_from and ref_col is not None else None
        if specs and (merged is not None and merged >= specs[-1].row or _bare(reader)):
            _continue(reader, specs[-1])
        elif _bare(reader) or not any(reader.has(f) for f in ("reference", "title", "event")):
            reader.problem("title", "this row has no reference, title or description, and "
                                    "no risk above it to belong to")
        else:
            specs.append(reader.spec())
    kept, skipped = _references(specs, reader, lookups, skip_existing)
    # A skipped risk is not imported, so what is wrong with its rows does not matter.
    ignored = {n for s in skipped for n in (s.row, *s.continued)}
    problems = [p for p in reader.problems if p.row not in ignored]
    return kept, [s.reference for s in skipped], problems


def _bare(reader: RowReader) -> bool:
    """No reference, title or description, but lines for the risk above (continuation)."""
    return (not any(reader.has(f) for f in ("reference", "title", "event"))
            and any(reader.has(f) for f in LIST_FIELDS))


def _continue(reader: RowReader, spec: RiskSpec) -> None:
    """Add a continuation row's lines to the risk above; refuse other values that differ."""
    for name, value in reader.cells.items():
        shown = values.text(value)
        if name not in LIST_FIELDS and shown and shown != spec.raw.get(name, ""):
            reader.problem(name, f"this row continues the risk in row {spec.row}, so "
                                 f"{reader.map.heading_for(name)} should be blank or the same "
                                 "(or give the row a reference of its own)")
    spec.continued.append(reader.row)
    more = RiskSpec(reader.row, None, "")
    reader.read_lists(more)
    for name in ("controls", "assurances", "gaps", "actions", "history"):
        getattr(spec, name).extend(getattr(more, name))


def _references(specs: list[RiskSpec], reader: RowReader, lookups: Lookups,
                skip_existing: bool) -> tuple[list[RiskSpec], list[RiskSpec]]:
    seen: dict[str, int] = {}
    kept, skipped = [], []
    for spec in specs:
        reader.row = spec.row
        if spec.reference is None:
            kept.append(spec)
            continue
        key = spec.reference.lower()
        if len(spec.reference) > REFERENCE_LENGTH:
            reader.problem("reference", f"'{spec.reference}' is longer than "
                                        f"{REFERENCE_LENGTH} characters")
        if key in seen:
            reader.problem("reference", f"{spec.reference} is also the reference of row "
                                        f"{seen[key]}")
        seen.setdefault(key, spec.row)
        if key in lookups.existing and skip_existing:
            skipped.append(spec)
        elif key in lookups.existing:
            reader.problem("reference", f"{spec.reference} is already in the register")
            kept.append(spec)
        else:
            kept.append(spec)
    return kept, skipped

"""The decision trail, for the audit committee: every decision and chair's action, and for each
the whole chain from the paper considered to the actions and risk scores that followed.

Read models:
  ``TrailFilter``: committee_id, date_from, date_to, person_id, risk_id, outcome,
  overridden_only, kinds (FILTER_KINDS: decision, chair's action, written resolution; empty for
  all; written resolutions are not recorded yet, so that kind shows nothing) (all optional).
  ``TrailEntry`` (one line of the trail, in time order): kind ("decision" or "chair's
  action"), id, on (date decided or taken), committee_id, committee, where ("Merton CCG
  Governing Body, 27 Sep 2012, item 6.8" or "Chair's action: Clinical Chair (chair)"), title,
  text (resolution or decision taken), outcome (decision outcome, or the chair's action's
  status), status ("recorded"/"withdrawn" or the chair's action's status), quorate (None for a
  chair's action), overridden, override_reason, ratification (how a chair's action was settled,
  or which chair's action a decision settled), paper ("ISOP (Working Draft v1.0)"),
  risk_refs, action_count, part (2: confidential business; chair's actions are 1).
  ``TrailChain``: kind, id, heading, decision (the decision, or a chair's action's ratification
  decision), chairs_action, authorising_decision (the body agreeing to chair's action
  beforehand), delegated (chair's actions the decision authorised), paper (``PaperRow``, with
  ``cover_sheet``), attachments_now (current versions, to compare with decision.evidence),
  meeting (``MeetingRow``), attendance, quorum_now (``QuorumRow``; the snapshot is on the
  decision), declarations (on the item), minute (``MinuteRow``), actions (``ActionRow``),
  action_updates ((action_id, (``ActionUpdateRow``, …)), …), risk_changes (``RiskChangeRow``),
  audit_events (``AuditRow`` of every record in the chain, in chain order).
  ``TrailExport``: what the PDF and xlsx need, gathered in one go: organisation, produced_at,
  filters (words), entries, chains, actions, chain_head, events, verified, verify_problem.

Use cases:
  trail_entries(filters=None, today=None) -> list[TrailEntry]
  trail_chain(kind, id) -> TrailChain
  trail_export(filters=None, today=None) -> TrailExport
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.trail import TrailChain, TrailEntry, TrailExport
from app.services import audit, interests, organisation
from app.services.decisions.chairs_actions import (
    ChairsActionRow,
    get_chairs_action,
    list_chairs_actions,
)
from app.services.decisions.decisions import DecisionRow, get_decision, list_decisions
from app.services.meetings import actions, attendance, meetings, minutes
from app.services.meetings.attachments import current_attachments
from app.services.meetings.papers import get_paper
from app.services.meetings.sealing import list_corrections
from app.store.decisions import ChairsAction, Decision
from app.store.papers import PaperRisk

DECISION, CHAIRS_ACTION, WRITTEN_RESOLUTION = "decision", "chair's action", "written resolution"
KINDS = (DECISION, CHAIRS_ACTION)
# What the trail can be filtered to. Written resolutions are not recorded yet: asking for them
# alone gives an empty trail.
FILTER_KINDS = (*KINDS, WRITTEN_RESOLUTION)


@dataclass(frozen=True)
class TrailFilter:
    committee_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    person_id: int | None = None
    risk_id: int | None = None
    outcome: str | None = None
    overridden_only: bool = False
    kinds: tuple[str, ...] = ()  # FILTER_KINDS to show; empty: every kind

    def shows(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


def kind_problems(kinds) -> list[str]:
    return [f"'{k}' is not one of: {', '.join(FILTER_KINDS)}" for k in kinds
            if k not in FILTER_KINDS]


# ---------------------------------------------------------------------------------- entries


def _paper_words(title: str, version: str) -> str:
    return f"{title} ({version})" if title and version else title


def _decision_entry(d: DecisionRow) -> TrailEntry:
    settled = f"settles chair's action #{d.chairs_action_id}" if d.chairs_action_id else ""
    return TrailEntry(
        DECISION, d.id, d.decided_on, d.committee_id, d.committee,
        f"{d.meeting}, item {d.item_number}", d.item_title, d.resolution, d.outcome, d.status,
        d.quorate, d.overridden, d.override_reason, settled,
        _paper_words(d.paper_title, d.paper_version),
        tuple(dict.fromkeys(r.reference for r in d.risk_changes)), len(d.action_ids), d.part)


def _ratification_words(ca: ChairsActionRow) -> str:
    if ca.status in ("ratified", "not ratified") and ca.ratified_on:
        return f"{ca.status} {ca.ratified_on:%d %b %Y} at {ca.ratification_meeting}, " \
               f"item {ca.ratification_item_number}"
    if ca.status == "reported":
        return (f"on the agenda of {ca.ratification_meeting}, item "
                f"{ca.ratification_item_number}; awaiting {ca.days_awaiting} days")
    if ca.status == "taken":
        return f"awaiting a meeting to ratify it ({ca.days_awaiting} days)"
    return ca.status


def _ca_entry(session: Session, ca: ChairsActionRow) -> TrailEntry:
    decision = get_decision(session, decision_id=ca.ratification_decision_id) \
        if ca.ratification_decision_id else None
    return TrailEntry(
        CHAIRS_ACTION, ca.id, ca.taken_on, ca.committee_id, ca.committee,
        f"Chair's action: {ca.taken_by} ({ca.taker_role})", ca.title, ca.decision_text,
        ca.status, ca.status, None, bool(decision and decision.overridden),
        decision.override_reason if decision else "", _ratification_words(ca), ca.paper_title,
        tuple(dict.fromkeys(r.reference for r in decision.risk_changes)) if decision else (),
        len(decision.action_ids) if decision else 0)


def _ca_matches(session: Session, ca: ChairsActionRow, f: TrailFilter) -> bool:
    if ca.status in ("draft", "withdrawn"):
        return False  # never took effect
    if f.date_from and (ca.taken_on is None or ca.taken_on < f.date_from):
        return False
    if f.date_to and (ca.taken_on is None or ca.taken_on > f.date_to):
        return False
    if f.outcome and ca.status != f.outcome:
        return False
    if f.person_id and f.person_id not in {ca.taken_by_id, *(c.person_id for c in ca.consultees)}:
        return False
    ratification = (get_decision(session, decision_id=ca.ratification_decision_id)
                    if ca.ratification_decision_id else None)
    if f.overridden_only and not (ratification and ratification.overridden):
        return False
    if f.risk_id:
        on_paper = ca.paper_id is not None and session.scalar(select(PaperRisk.risk_id).where(
            PaperRisk.paper_id == ca.paper_id, PaperRisk.risk_id == f.risk_id)) is not None
        changed = ratification is not None and any(r.risk_id == f.risk_id
                                                   for r in ratification.risk_changes)
        return on_paper or changed
    return True


def trail_entries(session: Session, *, filters: TrailFilter | None = None,
                  today: dt.date | None = None) -> list[TrailEntry]:
    f = filters or TrailFilter()
    if kind_problems(f.kinds):
        raise ValidationError("; ".join(kind_problems(f.kinds)), field="kind")
    entries: list[TrailEntry] = []
    if f.shows(DECISION):
        decided = list_decisions(session, committee_id=f.committee_id, date_from=f.date_from,
                                 date_to=f.date_to, person_id=f.person_id, risk_id=f.risk_id,
                                 outcome=f.outcome, overridden_only=f.overridden_only)
        entries += [_decision_entry(d) for d in decided]
    if f.shows(CHAIRS_ACTION):
        entries += [_ca_entry(session, ca)
                    for ca in list_chairs_actions(session, committee_id=f.committee_id,
                                                  today=today)
                    if _ca_matches(session, ca, f)]
    # A stable sort: decisions keep list_decisions' agenda order within a day.
    return sorted(entries, key=lambda e: (e.on or dt.date.max, KINDS.index(e.kind)))


# ------------------------------------------------------------------------------------ chains


def _events(session: Session, records: list[tuple[str, object]]) -> tuple:
    seen: dict[int, audit.AuditRow] = {}
    for record_type, record_id in dict.fromkeys(records):
        for ev in audit.list_events(session, record_type=record_type, record_id=str(record_id),
                                    limit=None, newest_first=False):
            seen[ev.seq] = ev
    return tuple(seen[s] for s in sorted(seen))


def _history(session: Session, records: list[tuple[str, object]]) -> dict:
    """The chain's audit events and the corrections made to its sealed records (whose own
    events join the trail)."""
    keys = set(records)
    found = tuple(c for c in list_corrections(session) if (c.record_type, c.record_id) in keys)
    events = _events(session, records + [("correction", c.id) for c in found])
    return dict(audit_events=events, corrections=found)


def _meeting_part(session: Session, d: DecisionRow) -> dict:
    decls = [r for r in interests.list_declarations(session, meeting_id=d.meeting_id)
             if r.agenda_item_id == d.agenda_item_id]
    minute = next((m for m in minutes.list_minutes(session, meeting_id=d.meeting_id)
                   if m.agenda_item_id == d.agenda_item_id), None)
    acts = [actions.get_action(session, action_id=a) for a in d.action_ids]
    updates = tuple((a.id, tuple(actions.list_action_updates(session, action_id=a.id)))
                    for a in acts)
    paper = get_paper(session, paper_id=d.paper_id) if d.paper_id else None
    return dict(
        meeting=meetings.get_meeting(session, meeting_id=d.meeting_id),
        attendance=tuple(attendance.list_attendance(session, meeting_id=d.meeting_id)),
        quorum_now=attendance.quorum_for_item(session, agenda_item_id=d.agenda_item_id),
        declarations=tuple(decls), minute=minute, actions=tuple(acts), action_updates=updates,
        risk_changes=d.risk_changes, paper=paper,
        attachments_now=tuple(current_attachments(session, d.paper_id)) if d.paper_id else ())


def _records(d: DecisionRow | None, ca: ChairsActionRow | None, part: dict,
             session: Session) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    if ca is not None:
        out.append(("chairs_action", ca.id))
        row = session.get(ChairsAction, ca.id)
        out += [("chairs_action_consultee", c.id) for c in row.consultees]
    if d is not None:
        stored = session.get(Decision, d.id)
        out += [("decision", d.id), ("agenda_item", d.agenda_item_id), ("meeting", d.meeting_id)]
        out += [("decision_risk", link.id) for link in stored.risks]
        out += [("decision_action", link.id) for link in stored.actions]
        out += [("risk_score", r.score_id) for r in d.risk_changes if r.score_id]
        out += [("attachment", e.attachment_id) for e in d.evidence]
        out += [("attendance", a.id) for a in part.get("attendance", ()) if a.id]
        out += [("declaration", x.id) for x in part.get("declarations", ())]
        if part.get("minute") and part["minute"].id:
            out.append(("minute_entry", part["minute"].id))
        for a in part.get("actions", ()):
            out.append(("action_item", a.id))
        for _, ups in part.get("action_updates", ()):
            out += [("action_update", u.id) for u in ups]
    paper = part.get("paper")
    if paper is not None:
        out.append(("paper", paper.id))
    return out


def _decision_chain(session: Session, decision_id: int) -> TrailChain:
    d = get_decision(session, decision_id=decision_id)
    part = _meeting_part(session, d)
    ca = get_chairs_action(session, chairs_action_id=d.chairs_action_id) \
        if d.chairs_action_id else None
    delegated = tuple(get_chairs_action(session, chairs_action_id=i) for i in session.scalars(
        select(ChairsAction.id).where(ChairsAction.authorised_by_decision_id == d.id)))
    records = _records(d, ca, part, session)
    for other in delegated:
        records.append(("chairs_action", other.id))
    heading = f"Decision #{d.id}: {d.item_title} ({d.meeting}, item {d.item_number})"
    return TrailChain(DECISION, d.id, heading, decision=d, chairs_action=ca,
                      delegated=delegated, **_history(session, records), **part)


def _ca_chain(session: Session, ca_id: int) -> TrailChain:
    ca = get_chairs_action(session, chairs_action_id=ca_id)
    d = get_decision(session, decision_id=ca.ratification_decision_id) \
        if ca.ratification_decision_id else None
    part = _meeting_part(session, d) if d else {}
    if not part.get("paper") and ca.paper_id:
        part["paper"] = get_paper(session, paper_id=ca.paper_id)
        part["attachments_now"] = tuple(current_attachments(session, ca.paper_id))
    authorising = get_decision(session, decision_id=ca.authorised_by_decision_id) \
        if ca.authorised_by_decision_id else None
    records = _records(d, ca, part, session)
    if authorising is not None:
        records.append(("decision", authorising.id))
    heading = f"Chair's action #{ca.id}: {ca.title}"
    return TrailChain(CHAIRS_ACTION, ca.id, heading, decision=d, chairs_action=ca,
                      authorising_decision=authorising,
                      **_history(session, records), **part)


def trail_chain(session: Session, *, kind: str, id: int) -> TrailChain:  # noqa: A002
    if kind not in KINDS:
        raise ValidationError(f"'{kind}' is not one of: {', '.join(KINDS)}", field="kind")
    return _decision_chain(session, id) if kind == DECISION else _ca_chain(session, id)


# ----------------------------------------------------------------------------------- exports


def _filter_words(session: Session, f: TrailFilter) -> str:
    from app.services.people import get_committee, get_person

    words = []
    if f.committee_id:
        words.append(get_committee(session, committee_id=f.committee_id).name)
    if f.date_from or f.date_to:
        start = f"{f.date_from:%d %b %Y}" if f.date_from else "the start"
        end = f"{f.date_to:%d %b %Y}" if f.date_to else "today"
        words.append(f"{start} to {end}")
    if f.person_id:
        words.append(f"involving {get_person(session, person_id=f.person_id).name}")
    if f.risk_id:
        from app.services.risks.register import get_risk_row

        words.append(f"bearing on risk {get_risk_row(session, risk_id=f.risk_id).reference}")
    if f.outcome:
        words.append(f"outcome {f.outcome}")
    if f.overridden_only:
        words.append("overridden only")
    if f.kinds:
        words.append("only " + ", ".join(f"{k}s" for k in f.kinds))
    return "; ".join(words) or "all bodies, all dates"


def trail_export(session: Session, *, filters: TrailFilter | None = None,
                 today: dt.date | None = None) -> TrailExport:
    """Everything the trail PDF and spreadsheet show, with the audit chain verified now."""
    f = filters or TrailFilter()
    entries = trail_entries(session, filters=f, today=today)
    chains = tuple(trail_chain(session, kind=e.kind, id=e.id) for e in entries)
    report = audit.verify(session)
    org = organisation.get_organisation(session).name if organisation.is_set_up(session) else ""
    return TrailExport(org, dt.datetime.now(dt.UTC), _filter_words(session, f), tuple(entries),
                       chains, report.head, report.events, report.ok, report.problem)

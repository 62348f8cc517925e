"""The decision trail as plain values: its lines, each one's chain, and what an export shows.

``app.services.decisions.trail`` gathers them (``trail_entries``, ``trail_chain``,
``trail_export``); the trail PDF (``app.reports.decision_trail_pdf``) and spreadsheet
(``app.exchange.decision_trail_xlsx``) read only these frozen dataclasses, so they run without
a database. A chain carries the services' own frozen read models (decision, chair's action,
paper, meeting, minute …) as values; the comments name them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TrailEntry:
    kind: str
    id: int
    on: dt.date | None
    committee_id: int
    committee: str
    where: str
    title: str
    text: str
    outcome: str
    status: str
    quorate: bool | None
    overridden: bool
    override_reason: str
    ratification: str
    paper: str
    risk_refs: tuple[str, ...]
    action_count: int
    part: int = 1  # 2: business taken with the public excluded (confidential)


@dataclass(frozen=True)
class TrailChain:
    kind: str
    id: int
    heading: str
    decision: object | None = None  # decisions.DecisionRow
    chairs_action: object | None = None  # decisions.chairs_actions.ChairsActionRow
    authorising_decision: object | None = None  # decisions.DecisionRow
    delegated: tuple = ()  # ChairsActionRow, one per delegated act
    paper: object | None = None  # meetings.papers.PaperRow
    attachments_now: tuple = ()  # meetings.attachments.AttachmentRow each
    meeting: object | None = None  # meetings.MeetingRow
    attendance: tuple = ()
    quorum_now: object | None = None  # meetings.attendance.QuorumRow
    declarations: tuple = ()
    minute: object | None = None  # meetings.minutes.MinuteRow
    actions: tuple = ()
    action_updates: tuple = ()
    risk_changes: tuple = ()
    audit_events: tuple = field(default=())
    # corrections made to the chain's sealed records (meetings.sealing.CorrectionRow each)
    corrections: tuple = ()


@dataclass(frozen=True)
class TrailExport:
    organisation: str
    produced_at: dt.datetime
    filters: str
    entries: tuple[TrailEntry, ...]
    chains: tuple[TrailChain, ...]
    chain_head: str
    events: int
    verified: bool
    verify_problem: str

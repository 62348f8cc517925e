"""The sections of the main window, in navigation order.

Each section is a QWidget class taking ``(ctx, runner, parent)`` with a ``refresh()`` method; it
is imported and built only when first shown, so start-up pays for none of them. A section may
also offer ``show_filtered(**filters)`` so that other screens (the dashboard, the trail) can open
it on a subset. Add a capability's section here when it really works.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    module: str
    class_name: str
    icon: str  # a QStyle standard pixmap name


SECTIONS: list[SectionSpec] = [
    SectionSpec("meetings", "Meetings", "app.ui.meetings.meetings_view", "MeetingsView",
                "SP_FileDialogContentsView"),
    SectionSpec("actions", "Actions", "app.ui.meetings.actions_view", "ActionsView",
                "SP_DialogApplyButton"),
    SectionSpec("chairs_actions", "Chair's actions", "app.ui.decisions.chairs_actions_view",
                "ChairsActionsView", "SP_DialogYesButton"),
    SectionSpec("trail", "Decision trail", "app.ui.decisions.trail_view", "DecisionTrailView",
                "SP_FileDialogDetailedView"),
    SectionSpec("risks", "Risks", "app.ui.risks.register_view", "RisksView", "SP_MessageBoxWarning"),
    SectionSpec("scoring", "Scoring rounds", "app.ui.scoring.view", "ScoringView",
                "SP_FileIcon"),
    SectionSpec("dashboard", "Dashboard", "app.ui.dashboard.view", "DashboardView",
                "SP_FileDialogInfoView"),
    SectionSpec("people", "People", "app.ui.people.people_view", "PeopleView", "SP_DirHomeIcon"),
    SectionSpec("committees", "Committees", "app.ui.people.committees_view", "CommitteesView",
                "SP_FileDialogListView"),
    SectionSpec("audit", "Audit trail", "app.ui.audit_view", "AuditTrailView",
                "SP_FileDialogDetailedView"),
]

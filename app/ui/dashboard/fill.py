"""Putting a DashboardSummary on the dashboard's cards: which series, colours and words each
chart gets. Kept apart from the view so the view is about layout, loading and navigation."""

from __future__ import annotations

from html import escape

from app.services.dashboard.risk_position import Breakdown, DashboardSummary
from app.ui.common.forms import show_date
from app.ui.dashboard.cards import short

LATE, ON_TIME = "#c62828", "#9e9e9e"
OVERDUE, NOT_DUE = "#c62828", "#90a4ae"
ATTENDED = "#1f77b4"
# Outcomes coloured by what they mean: agreed greens, assurance blues, not agreed reds.
OUTCOME_COLOURS = {"approved": "#2e7d32", "approved with amendments": "#81c784",
                   "ratified": "#00796b", "assured": "#1565c0", "partially assured": "#64b5f6",
                   "noted": "#9e9e9e", "discussed": "#cfd8dc", "deferred": "#ffb300",
                   "rejected": "#c62828", "not ratified": "#e57373", "not assured": "#ad1457"}
AGE_WARNING_DAYS = 60  # a chair's action older than this has missed a meeting or two


def meeting_label(meeting) -> str:
    """The body (shortened) and the date: "Quality and Performance… 10 May 2012"."""
    return f"{short(meeting.committee, 26)} {show_date(meeting.meeting_date)}"


def _band_series(summary: DashboardSummary, breakdown: Breakdown) -> list:
    colours = {b.name: b.colour for b in summary.scheme.bands}
    return [(band, colours[band], [row[i] for row in breakdown.counts])
            for i, band in enumerate(breakdown.bands)]


def _period(summary: DashboardSummary) -> str:
    return f"{show_date(summary.date_from)} to {show_date(summary.date_to)}"


def fill_risks(view, summary: DashboardSummary) -> None:
    view.heat_maps.set_data(summary.scheme, summary.heat_maps.current, summary.heat_maps.target)
    counts = summary.counts
    for key, value in (("open", counts.open_risks), ("above_appetite", counts.above_appetite),
                       ("reviews_overdue", counts.reviews_overdue),
                       ("actions_overdue", counts.actions_overdue)):
        view.tiles[key].set_value(value, warn=key != "open")
    _fill_profile(view, summary)
    show_movement(view, summary, summary.movement)
    view.by_category.set_data(list(summary.by_category.labels),
                              _band_series(summary, summary.by_category), empty="No open risks")
    view.by_owner.set_data(list(summary.by_owner.labels), _band_series(summary, summary.by_owner),
                           empty="No open risks")


def _fill_profile(view, summary: DashboardSummary) -> None:
    profile, scheme = summary.profile, summary.scheme
    colours = {b.name: b.colour for b in scheme.bands}
    series = [(band, colours[band], [m.counts[band] for m in profile.months])
              for band in profile.bands]
    line = (f"Corporate register (score ≥ {scheme.escalation_threshold})", list(profile.corporate))
    view.profile.set_data([m.month_end for m in profile.months], series, line)
    view.cards["profile"].set_note(f"Open risks at each month end by the band of their current "
                                   f"score then, {_period(summary)}.")


def show_movement(view, summary: DashboardSummary, points) -> None:
    bands = [(b.min, b.max, b.colour, b.name) for b in summary.scheme.bands]
    view.movement.set_data(list(points), bands, summary.date_from, summary.date_to)
    choice = next((c for c in summary.risk_choices if c.id == view.risk_choice.currentData()),
                  None)
    view.cards["movement"].set_note(
        f"{choice.reference}: current (solid) and target (dashed) scores, {_period(summary)}."
        if choice else "No open risks to choose from.")


def fill_governance(view, summary: DashboardSummary) -> None:
    g = summary.governance
    view.actions.set_data([a.committee for a in g.actions_by_committee],
                          [("Overdue", OVERDUE, [a.overdue for a in g.actions_by_committee]),
                           ("Not yet due", NOT_DUE,
                            [a.open - a.overdue for a in g.actions_by_committee])],
                          empty="No open actions")
    for chart, rates in ((view.attendance_members, g.attendance_by_member),
                         (view.attendance_committees, g.attendance_by_committee)):
        chart.set_data([f"{short(r.name, 30)} ({r.present}/{r.expected})" for r in rates],
                       [("Attended", ATTENDED, [round(100 * r.rate, 1) for r in rates])],
                       empty="No attendance recorded in the period", x_max=100)
    for key in ("attendance_members", "attendance_committees"):
        view.cards[key].set_note(f"Members present at meetings with attendance recorded, "
                                 f"{_period(summary)}; lowest first.")
    _fill_papers(view, summary)
    _fill_decisions(view, summary)
    view.quorum.setText(_quorum_html(summary))
    view.chairs.setText(_chairs_html(summary))


def _fill_papers(view, summary: DashboardSummary) -> None:
    meetings = [m for m in summary.governance.papers_by_meeting]
    view.papers.set_data([meeting_label(m.meeting) for m in meetings],
                         [("Late", LATE, [m.late for m in meetings]),
                          ("On time", ON_TIME, [m.papers - m.late for m in meetings])],
                         empty="No papers in the period")
    late = summary.governance.late_papers
    total = sum(m.papers for m in meetings)
    view.cards["papers"].set_note(
        f"{late} of {total} papers arrived after their meeting's papers deadline, "
        f"{_period(summary)}.")


def _fill_decisions(view, summary: DashboardSummary) -> None:
    found = summary.governance.decisions_by_meeting
    order = list(OUTCOME_COLOURS)
    outcomes = sorted({o for m in found for o in m.outcomes},
                      key=lambda o: order.index(o) if o in order else len(order))
    view.decisions.set_data(
        [meeting_label(m.meeting) for m in found],
        [(o, OUTCOME_COLOURS.get(o, "#6a1b9a"), [m.outcomes.get(o, 0) for m in found])
         for o in outcomes], empty="No decisions recorded in the period")


def _quorum_html(summary: DashboardSummary) -> str:
    q = summary.governance.quorum
    head = (f"<p><span style='font-size:15pt'>{q.meetings_inquorate}</span> of "
            f"{q.meetings_checked} meetings inquorate; "
            f"<span style='font-size:15pt'>{q.items_inquorate}</span> items taken without a "
            f"quorum, {_period(summary)}.</p>")
    if not q.failures:
        return head + "<p>Every meeting with attendance recorded was quorate throughout.</p>"
    lines = "".join(
        f"<li>{escape(c.meeting.label)}: "
        f"{'inquorate' if not c.quorate else 'quorate'}"
        f"{'; items ' + ', '.join(c.inquorate_items) if c.inquorate_items else ''}</li>"
        for c in q.failures[:12])
    more = f"<p>… and {len(q.failures) - 12} more.</p>" if len(q.failures) > 12 else ""
    return f"{head}<ul>{lines}</ul>{more}"


def _chairs_html(summary: DashboardSummary) -> str:
    found = summary.governance.chairs_actions_awaiting
    if not found:
        return "<p>No chair's action is awaiting ratification.</p>"
    rows = "".join(
        f"<tr><td>{escape(a.title)}</td><td>{escape(a.committee)}</td>"
        f"<td>{show_date(a.taken_on)}</td><td align='right' style='color:"
        f"{'#b00020' if a.age_days > AGE_WARNING_DAYS else '#202020'}'>{a.age_days}</td></tr>"
        for a in found[:15])
    return (f"<p>{len(found)} awaiting ratification, oldest first.</p>"
            "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Decision</th>"
            "<th align='left'>Body</th><th align='left'>Taken</th><th>Age (days)</th></tr>"
            f"{rows}</table>")

"""One decision's (or chair's action's) chain as HTML for the trail's detail pane: the paper and
cover sheet, evidence with SHA-256s, meeting and attendance, quorum, interests, vote, decision,
ratification, actions and progress, risk score changes, and every record's audit events."""

from __future__ import annotations

from html import escape

from app.ui.common.forms import show_date

STYLE = """<style>
h2 { color: #003087; margin-bottom: 2px }
h3 { color: #005eb8; margin: 10px 0 2px 0; border-bottom: 1px solid #d8dde0 }
td, th { padding: 1px 6px 1px 0; vertical-align: top }
th { text-align: left; color: #425563 }
.bad { color: #b00020; font-weight: bold }
.good { color: #007f3b }
.hash { font-family: monospace; font-size: small }
</style>"""


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _section(title: str, body: str) -> str:
    return f"<h3>{_e(title)}</h3>{body}" if body else ""


def _facts(pairs) -> str:
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in pairs if v)
    return f"<table>{rows}</table>" if rows else ""


def _table(headings, rows) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{_e(h)}</th>" for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _paper(c) -> str:
    p = c.paper
    if p is None:
        return "<p>No paper.</p>"
    sheet = _facts([(k, _e(v)) for k, v in p.cover_sheet])
    version = f" ({_e(p.paper_version)})" if p.paper_version else ""
    return f"<p><b>{_e(p.title)}</b>{version}</p>{sheet}"


def _evidence(c) -> str:
    d = c.decision
    now = {a.id: a for a in c.attachments_now}
    files = d.evidence if d else ()
    rows = [[_e(f.name), _e(f"v{f.version_number}"), f"<span class='hash'>{_e(f.sha256)}</span>",
             "current" if f.attachment_id in now else "<span class='bad'>since replaced</span>"]
            for f in files]
    if not rows:
        rows = [[_e(a.name), _e(f"v{a.version_number}"),
                 f"<span class='hash'>{_e(a.sha256)}</span>", "current"] for a in now.values()]
    if not rows:
        return "<p>No files attached.</p>" if c.paper is not None else ""
    return _table(["File", "Version", "SHA-256", "Now"], rows)


def _meeting(c) -> str:
    if c.meeting is None:
        return ""
    m = c.meeting
    people = [[_e(a.person), _e(a.role), _e(a.status), "voting" if a.voting else ""]
              for a in c.attendance]
    return (f"<p>{_e(m.title)}, {show_date(m.meeting_date)} — {_e(m.venue)} ({_e(m.status)})"
            "</p>" + _table(["Person", "Role", "Attendance", ""], people))


def _quorum(c) -> str:
    d = c.decision
    if d is None:
        return ""
    state = "<span class='good'>Quorate</span>" if d.quorate else \
        "<span class='bad'>Not quorate</span>"
    return f"<p>{state} at the decision: {_e(d.quorum_explanation)}</p>"


def _interests(c) -> str:
    d = c.decision
    rows = [[_e(x.person), _e(x.description), _e(x.action), _e(x.chair_ruling)]
            for x in (d.conflicts if d else ())]
    body = _table(["Member", "Interest", "Action", "Chair's ruling"], rows)
    if c.chairs_action and c.chairs_action.conflicts:
        body += f"<p>Chair's action: {_e(c.chairs_action.conflicts)}</p>"
    return body or ("<p>None declared.</p>" if d else "")


def _vote(d) -> str:
    v = d.vote
    if v.method == "none":
        return "No vote taken"
    yes, no, abstain = v.totals()
    text = f"For {yes}, against {no}, abstain {abstain}"
    if v.method == "by name":
        text += " — " + ", ".join(f"{_e(n)}: {_e(x)}" for n, x in sorted(v.by_name.items()))
    return text + (" (carried)" if d.carried else " (not carried)")


def _decision(c) -> str:
    d = c.decision
    if d is None:
        return ""
    override = ""
    if d.override_reasons:
        override = (f"<span class='bad'>Override needed: {_e('; '.join(d.override_reasons))}"
                    f"</span><br>Reason given: {_e(d.override_reason) or '—'}")
    return _facts([("Item", _e(f"{d.item_number} {d.item_title} ({d.item_purpose})")),
                   ("Resolution", _e(d.resolution)), ("Outcome", _e(d.outcome)),
                   ("Rationale", _e(d.rationale)), ("Vote", _vote(d)),
                   ("Decided on", show_date(d.decided_on)), ("Override", override),
                   ("Status", _e(d.status)), ("Corrections", _e(d.correction_note))])


def _chairs_action(c) -> str:
    ca = c.chairs_action
    if ca is None:
        return ""
    consulted = "<br>".join(
        f"{_e(x.person)} ({_e(x.kind)}{', accountable officer' if x.is_accountable_officer else ''})"
        f" {show_date(x.consulted_on)} {_e(x.note)}" for x in ca.consultees)
    auth = c.authorising_decision
    return _facts([("Title", _e(ca.title)), ("Decided", _e(ca.decision_text)),
                   ("Why it could not wait", _e(ca.urgency_reason)), ("Power", _e(ca.power)),
                   ("Standing order", _e(ca.standing_order_clause)),
                   ("Authorised by", _e(f"{auth.meeting}, item {auth.item_number}: "
                                        f"{auth.resolution}") if auth else ""),
                   ("Taken by", _e(f"{ca.taken_by} ({ca.taker_role})")),
                   ("Taken on", show_date(ca.taken_on)),
                   ("Chair unavailable", _e(ca.chair_unavailable_reason)),
                   ("Consulted", consulted), ("Paper relied on", _e(ca.paper_title))])


def _ratification(c) -> str:
    ca = c.chairs_action
    if ca is None:
        return ""
    where = f"{ca.ratification_meeting}, item {ca.ratification_item_number}" \
        if ca.ratification_meeting else "not yet on an agenda"
    waiting = f"{ca.days_awaiting} days awaiting" if ca.days_awaiting is not None else ""
    return _facts([("Status", _e(ca.status)), ("Meeting", _e(where)),
                   ("Ratified on", show_date(ca.ratified_on)), ("Note", _e(ca.outcome_note)),
                   ("Waiting", _e(waiting)), ("If not ratified", _e(ca.if_not_ratified))])


def _actions(c) -> str:
    updates = dict(c.action_updates)
    rows = []
    for a in c.actions:
        progress = "<br>".join(f"{show_date(u.on)}: {_e(u.text)}" for u in updates.get(a.id, ()))
        rows.append([_e(a.description), _e(a.owner), show_date(a.due_on), _e(a.status),
                     progress])
    return _table(["Action", "Owner", "Due", "Status", "Progress"], rows)


def _risks(c) -> str:
    rows = [[_e(f"{r.reference} {r.title}"), _e(f"{r.likelihood}×{r.consequence} = {r.score}"),
             show_date(r.scored_on), _e(r.scored_by), _e(r.source)] for r in c.risk_changes]
    return _table(["Risk", "New score", "Scored on", "By", "Source"], rows)


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _audit(c) -> str:
    rows = []
    for ev in c.audit_events:
        changed = "<br>".join(f"{_e(k)}: {_e(_short(b))} → {_e(_short(a))}"
                              for k, (b, a) in sorted(ev.changes.items()))
        rows.append([_e(ev.seq), _e(str(ev.at)[:19]), _e(ev.actor), _e(ev.action),
                     _e(f"{ev.record_type} #{ev.record_id}"), changed])
    return _table(["#", "When (UTC)", "Who", "What", "Record", "Changes"], rows)


def chain_html(c) -> str:
    """The whole chain, section by section (empty sections are left out)."""
    parts = [STYLE, f"<h2>{_e(c.heading)}</h2>",
             _section("Chair's action", _chairs_action(c)),
             _section("Paper and cover sheet" + (" (ratification item)" if c.chairs_action
                                                 and c.decision else ""), _paper(c)),
             _section("Evidence files", _evidence(c)),
             _section("Meeting and attendance", _meeting(c)),
             _section("Quorum", _quorum(c)),
             _section("Interests", _interests(c)),
             _section("Decision", _decision(c)),
             _section("Ratification", _ratification(c)),
             _section("Actions and progress", _actions(c)),
             _section("Risk score changes", _risks(c)),
             _section("Audit events", _audit(c))]
    return "".join(parts)

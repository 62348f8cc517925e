"""The scoring round report for the board pack: per risk, each member's score and comment, the
median, the range, whether members were more than one band apart, and what was adopted.

Plain data in (``app.services.scoring.view.RoundReportData``); the board pack's styles.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.files import PRIVATE, write_atomically
from app.reports.pack.pages import (
    CONFIDENTIAL_RED,
    CONTENT_WIDTH,
    NHS_BLUE,
    NHS_DARK_BLUE,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    PackDocTemplate,
    long_date,
    para,
    text,
)

QUESTIONS = {"current": "the current score (with today's controls)",
             "target": "the target score (after planned actions)"}


def _fmt(value) -> str:
    return "–" if value is None else f"{value:g}"


def _header(data) -> list:
    members = "; ".join(f"{name} ({state})" for name, state in data.members)
    facts = [["Question", para(f"Members scored {QUESTIONS.get(data.question, data.question)}")],
             ["Deadline", para(long_date(data.deadline))],
             ["Status", para(data.status.capitalize())],
             ["Members", para(members)]]
    table = Table([[para(k, "label"), v] for k, v in facts],
                  colWidths=[32 * mm, CONTENT_WIDTH - 32 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, NHS_PALE_BLUE),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [Paragraph(text(data.organisation), STYLES["kicker"]),
            Paragraph(f"Scoring round: {text(data.title)}", STYLES["h1"]), table,
            Spacer(1, 6 * mm)]


def _score_rows(risk) -> tuple[list, list]:
    rows = [[para("Member", "cell_head"), para("L × C", "cell_head"),
             para("Score", "cell_head"), para("Comment", "cell_head")]]
    styles = []
    for s in risk.scores:
        rows.append([para(s.member), para(f"{s.likelihood} × {s.consequence}"),
                     para(str(s.score), "cell_bold"), para(s.comment or "")])
    for name in risk.not_scored:
        rows.append([para(name), para("–"), para("–"), para("returned without a score",
                                                             "withheld")])
    if len(rows) == 1:
        rows.append([para("No scores returned yet", "withheld"), "", "", ""])
        styles.append(("SPAN", (0, 1), (-1, 1)))
    return rows, styles


def _summary_line(risk) -> Paragraph:
    s = risk.summary
    parts = [f"<b>Median</b> {_fmt(s.median_likelihood)} × {_fmt(s.median_consequence)} "
             f"(score {_fmt(s.median_score)})", f"<b>Range</b> {text(s.range_text)}",
             f"<b>Members</b> {s.count}"]
    if s.divergent:
        parts.append(f"<font color='{CONFIDENTIAL_RED.hexval().replace('0x', '#')}'><b>"
                     f"Divergent</b>: scores more than one band apart "
                     f"({text(', '.join(s.bands))})</font>")
    return Paragraph(" &nbsp;·&nbsp; ".join(parts), STYLES["cell"])


def _outcome(risk) -> Paragraph:
    a = risk.adoption
    if a is not None:
        return Paragraph(f"<b>Adopted:</b> {a.likelihood} × {a.consequence} = {a.score} "
                         f"{text(a.band)} (by {text(a.adopted_by)}, "
                         f"{a.adopted_at:%d %b %Y}). {text(a.rationale)}", STYLES["cell"])
    if risk.outcome == "for discussion":
        note = f" {text(risk.note)}" if risk.note else ""
        return Paragraph(f"<b>Left for discussion.</b>{note}", STYLES["cell"])
    suggestion = risk.summary.suggested()
    if suggestion:
        return Paragraph(f"<b>Not yet adopted.</b> The median suggests {suggestion[0]} × "
                         f"{suggestion[1]} = {suggestion[0] * suggestion[1]}.", STYLES["cell"])
    return Paragraph("<b>Not yet adopted.</b>", STYLES["cell"])


def _risk_block(risk, colours: dict) -> KeepTogether:
    title = Paragraph(f"{text(risk.reference)} &nbsp;{text(risk.title)}", STYLES["h2"])
    rows, extra = _score_rows(risk)
    widths = [52 * mm, 18 * mm, 14 * mm, CONTENT_WIDTH - 84 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, NHS_PALE_GREY]),
             ("LINEBELOW", (0, 0), (-1, -1), 0.3, NHS_PALE_BLUE)] + extra
    for n, s in enumerate(risk.scores, start=1):
        if s.score in colours:
            style.append(("BACKGROUND", (2, n), (2, n), colors.HexColor(colours[s.score])))
    table.setStyle(TableStyle(style))
    box = Table([[_summary_line(risk)], [_outcome(risk)]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, NHS_DARK_BLUE),
                             ("BACKGROUND", (0, 0), (-1, -1), NHS_PALE_GREY)]))
    return KeepTogether([title, table, Spacer(1, 2 * mm), box, Spacer(1, 6 * mm)])


def write_round_report(data, path: str | Path) -> Path:
    buffer = io.BytesIO()
    doc = PackDocTemplate(buffer, title=f"Scoring round: {data.title}",
                          author=data.organisation)
    story = _header(data)
    for risk in data.risks:
        story.append(_risk_block(risk, data.score_colours))
    story.append(Paragraph(f"Report made on {long_date(data.generated_on)}. Divergent: "
                           "members' scores were more than one band apart.", STYLES["muted"]))
    doc.build(story)
    # Members' individual scores of the body's risks, for the board: readable by its owner only.
    return write_atomically(path, buffer.getvalue(), audience=PRIVATE)

"""Pieces of the risk register report: score chips, movement marks, and each risk's block
(facts, cause/event/effect, controls, assurances by line, gaps, actions).

Tables use the pack's look (``sections_pdf``): NHS blue heading row, white and pale grey rows,
a pale rule under each. Red marks what needs attention: overdue reviews and actions, negative
assurances, rising scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from app.domain import risk as rules
from app.domain.risk_descriptors import DOMAIN_KEYS, consequence_domain
from app.domain.risk_register import RiskDetail
from app.reports.pack.pages import (
    FONT,
    FONT_BOLD,
    NHS_BLUE,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    short_date,
    text,
)
from app.reports.register.heat_map import text_colour

ALERT = colors.HexColor("#B00020")  # overdue, negative, rising
GOOD = colors.HexColor("#007F3B")  # NHS green: falling
_STYLES: dict[str, ParagraphStyle] = {}
# Arrows need the shipped DejaVu font; Helvetica (the fallback) has none.
ARROWS = {"up": "↑ up", "down": "↓ down", "same": "→ same", "new": "new"} \
    if FONT != "Helvetica" else {"up": "up", "down": "down", "same": "same", "new": "new"}


def style(name: str, colour, *, bold: bool = False, size: float = 8.5) -> ParagraphStyle:
    """A cell style in the pack's face with its own colour (white on red bands)."""
    key = f"{name}-{colour}-{bold}-{size}"
    if key not in _STYLES:
        _STYLES[key] = ParagraphStyle(key, parent=STYLES["cell"], textColor=colour,
                                      fontName=FONT_BOLD if bold else FONT, fontSize=size,
                                      leading=size * 1.3)
    return _STYLES[key]


def table_style(extra: list) -> list:
    return [("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white", NHS_PALE_GREY]),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, NHS_PALE_BLUE),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *extra]


def day(value: dt.date) -> str:
    """"31 Dec 2012": short enough for a table column."""
    return f"{value.day} {value:%b %Y}"


def score_cell(likelihood, consequence, scheme: rules.BandScheme, by: dt.date | None = None,
               label: str = "") -> tuple[list, colors.Color | None]:
    """"3 × 4 = 12" over its band's name, and the band's colour for the cell; "—" if none."""
    head = [Paragraph(text(label), STYLES["label"])] if label else []
    if likelihood is None:
        return head + [Paragraph("—", STYLES["muted"])], None
    value = likelihood * consequence
    band = scheme.band_for(value)
    ink = text_colour(band.colour)
    if label:
        head = [Paragraph(text(label), style("chip", ink, bold=True, size=8))]
    cell = [Paragraph(f"{likelihood} × {consequence} = {value}", style("score", ink, bold=True)),
            Paragraph(text(band.name), style("band", ink, size=7.5))]
    if by is not None:
        cell.append(Paragraph(f"by {day(by)}", style("by", ink, size=7)))
    return head + cell, colors.HexColor(band.colour)


def movement_mark(r) -> Paragraph:
    """Since the last review: up (red), down (green), same, or new (never reviewed)."""
    colour = {"up": ALERT, "down": GOOD}.get(r.movement, colors.HexColor("#425563"))
    words = ARROWS[r.movement]
    if r.score_at_last_review is not None and r.movement != "same":
        words += f" from {r.score_at_last_review}"
    return Paragraph(text(words), style("move", colour, bold=r.movement == "up", size=8))


def review_cell(r) -> list:
    if r.next_review_on is None:
        return [Paragraph("—", STYLES["muted"])]
    cell = [Paragraph(text(day(r.next_review_on)), STYLES["cell"])]
    if r.review_overdue:
        cell.append(Paragraph("OVERDUE", style("overdue", ALERT, bold=True, size=7.5)))
    return cell


def facts_line(details: Sequence[RiskDetail]) -> str:
    rows = [d.risk for d in details]
    counts = [(sum(r.review_overdue for r in rows), "overdue for review"),
              (sum(r.above_appetite for r in rows), "above the board's appetite"),
              (sum(r.on_corporate_register for r in rows), "on the corporate register"),
              (sum(r.overdue_actions for r in rows), "actions overdue")]
    return " · ".join(f"{n} {what}" for n, what in counts)


# -------------------------------------------------------------------------- a risk's block


def _facts(d: RiskDetail, scheme: rules.BandScheme, width: float) -> Table:
    r = d.risk
    domain = (consequence_domain(r.consequence_domain).name
              if r.consequence_domain in DOMAIN_KEYS else "—")
    status = "Open" if r.status == "open" else (
        f"Closed {short_date(r.closed_on)}: {r.closed_reason}" if r.closed_on else "Closed")
    pairs = [("Category", f"{r.category} (appetite {r.appetite}, tolerance {r.tolerance})"),
             ("Owner", r.owner or "—"), ("Lead committee", r.committee or "—"),
             ("Status", status), ("Consequence domain", domain),
             ("Corporate register", "Yes" if r.on_corporate_register else "No"),
             ("Raised", short_date(r.raised_on)),
             ("Last reviewed", short_date(r.last_reviewed_on) if r.last_reviewed_on else "never"),
             ("Strategic objectives", ", ".join(o.code for o in d.objectives) or "—")]
    scores = [("Inherent", r.inherent_likelihood, r.inherent_consequence, None),
              ("Current", r.current_likelihood, r.current_consequence, None),
              ("Target", r.target_likelihood, r.target_consequence, r.target_date)]
    chips, fills = [], []
    for label, lik, con, by in scores:
        cell, fill = score_cell(lik, con, scheme, by, label)
        chips.append(cell)
        fills.append(fill)
    facts = [[Paragraph(f"<b>{text(k)}:</b> {text(v)}", STYLES["cell"]) for k, v in pairs[i::3]]
             for i in range(3)]
    cols = [list(col) for col in zip(*facts, strict=True)]
    table = Table([[cols[0], cols[1], cols[2], *chips, [movement_mark(r), *review_cell(r)]]],
                  colWidths=[w * width for w in (0.25, 0.2, 0.2, 0.08, 0.08, 0.1, 0.09)])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (3, 0), (5, 0), 0.4, NHS_PALE_BLUE),
                    *[("BACKGROUND", (3 + i, 0), (3 + i, 0), f) for i, f in enumerate(fills)
                      if f]])
    return table


def _grid(headings: Sequence[str], rows: list[list], widths: Sequence[float], width: float,
          extra: list | None = None) -> Table:
    head = [Paragraph(text(h), STYLES["cell_head"]) for h in headings]
    if not rows:
        rows = [[Paragraph("None recorded.", STYLES["withheld"])] + [""] * (len(headings) - 1)]
    table = Table([head] + rows, colWidths=[w * width for w in widths], repeatRows=1)
    table.setStyle(table_style(extra or []))
    return table


def _cell(words: str, name: str = "cell") -> Paragraph:
    return Paragraph(text(words or "—"), STYLES[name])


def _lines(items: Sequence[str]) -> list:
    return [Paragraph("• " + text(i), STYLES["cell"]) for i in items] or [
        Paragraph("None recorded.", STYLES["withheld"])]


def _assurance_rows(d: RiskDetail) -> list[list]:
    rows = []
    for a in d.assurances:
        received = day(a.received_on) if a.received_on else ""
        mark = "positive" if a.positive else "NEGATIVE"
        rows.append([_cell(f"{a.line_of_defence}: {a.line_name}"), _cell(a.description),
                     _cell(a.source), _cell(received),
                     Paragraph(mark, style("sign", GOOD if a.positive else ALERT,
                                           bold=not a.positive))])
    return rows


def _action_rows(d: RiskDetail) -> list[list]:
    rows = []
    for a in d.actions:
        due = [_cell(day(a.due_on) if a.due_on else "")]
        if a.overdue:
            due.append(Paragraph("OVERDUE", style("overdue", ALERT, bold=True, size=7.5)))
        done = f" {day(a.completed_on)}" if a.completed_on else ""
        rows.append([_cell(a.description), _cell(a.owner), due, _cell(a.status + done)])
    return rows


def detail_flowables(d: RiskDetail, scheme: rules.BandScheme, width: float) -> list:
    """One risk: its heading and facts kept together, then its tables."""
    r = d.risk
    heading = Paragraph(f"{text(r.reference)}  {text(r.title)}", STYLES["h2"])
    heading.bookmark = f"{r.reference} {r.title}"
    story_text = _grid(("Cause", "Event", "Effect"),
                       [[_cell(r.cause), _cell(r.event), _cell(r.effect)]], (1 / 3,) * 3, width)
    controls = _grid(("Controls in place", "Type", "Effectiveness"),
                     [[_cell(c.description), _cell(c.control_type), _cell(c.effectiveness)]
                      for c in d.controls], (0.7, 0.12, 0.18), width)
    assurances = _grid(("Line of defence", "Assurance", "Source", "Received", "Assurance is"),
                       _assurance_rows(d), (0.14, 0.5, 0.16, 0.1, 0.1), width)
    gaps = _grid(("Gaps in control", "Gaps in assurance"),
                 [[_lines([g.description for g in d.gaps_in("control")]),
                   _lines([g.description for g in d.gaps_in("assurance")])]], (0.5, 0.5), width)
    actions = _grid(("Actions", "Owner", "Due", "Status"), _action_rows(d),
                    (0.58, 0.2, 0.1, 0.12), width)
    gap = Spacer(1, 4)
    return [CondPageBreak(55 * mm),
            KeepTogether([heading, _facts(d, scheme, width), gap, story_text]), gap, controls,
            gap, assurances, gap, gaps, gap, actions, Spacer(1, 10)]

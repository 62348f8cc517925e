"""The risk register report: a landscape A4 PDF in the board pack's look.

    pages = build_register_report(details, "register.pdf", title="Risk register",
                                  organisation="NHS Merton CCG", corporate_only=False,
                                  band_scheme=scheme, heat_map_counts_current=current,
                                  heat_map_counts_target=target, generated_at=now,
                                  audit_head=head)

Plain data in (``app.domain.risk_register`` values, which
``app.services.risks.report.register_report_data`` gathers): no session.
Page one has the title, the current and target heat maps side by side and a summary by band;
then the register table (reference, title, owner, current and target scores in their band's
colour, movement since the last review, next review with overdue marks); then a block for
each risk with its cause, event and effect, controls, assurances by line of defence, gaps
and actions. Every page carries the pack's running header and "Page n of N".

For the board pack, render with ``page_numbers=False`` (``register_report_bytes``): the pack
stamps its own header and page numbers on every page it merges, and two would overlap.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence

from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.domain import risk as rules
from app.domain.risk_register import RiskDetail
from app.files import PUBLIC, write_atomically
from app.reports.pack.pages import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NHS_BLUE,
    NHS_PALE_BLUE,
    STYLES,
    short_date,
    text,
)
from app.reports.register.heat_map import HeatMap, band_counts, text_colour
from app.reports.register.parts import (
    day,
    detail_flowables,
    facts_line,
    movement_mark,
    review_cell,
    score_cell,
    style,
    table_style,
)
from app.reports.stamp import Stamp, page_of, stamp_pdf

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
WIDTH = PAGE_WIDTH - 2 * MARGIN_X
REGISTER_WIDTHS = (16, 80, 36, 36, 22, 26, 14, 27)  # mm; adds up to the 257 mm between margins
REGISTER_HEADINGS = ("Ref", "Risk", "Owner", "Lead committee", "Current", "Target", "Moved",
                     "Next review")


def _decorate(canvas, _doc) -> None:
    """The pack's thin NHS blue rule under the header and pale rule above the footer."""
    canvas.saveState()
    canvas.setLineWidth(0.6)
    canvas.setStrokeColor(NHS_BLUE)
    y_top = PAGE_HEIGHT - 12 * mm - 3.5
    canvas.line(MARGIN_X, y_top, PAGE_WIDTH - MARGIN_X, y_top)
    canvas.setStrokeColor(NHS_PALE_BLUE)
    canvas.line(MARGIN_X, 10 * mm + 9, PAGE_WIDTH - MARGIN_X, 10 * mm + 9)
    canvas.restoreState()


class _Document(BaseDocTemplate):
    """Landscape A4 with the pack's margins; each risk's heading becomes a bookmark."""

    def __init__(self, target, *, title: str, author: str):
        super().__init__(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                         rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                         creator="Boardbook")
        body = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=_decorate)])

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        mark = getattr(flowable, "bookmark", None)
        if mark:
            key = f"b{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(mark, key, level=0)


# ---------------------------------------------------------------------------- page one


def _summary(current: list[list[int]], target: list[list[int]],
             scheme: rules.BandScheme) -> Table:
    now, then = band_counts(current, scheme), band_counts(target, scheme)
    rows = [[Paragraph(h, STYLES["cell_head"]) for h in ("Band", "Scores", "Current",
                                                           "Target", "Owned by")]]
    commands = []
    for i, band in enumerate(scheme.bands, start=1):
        chip = style(f"band{i}", text_colour(band.colour), bold=True)
        rows.append([Paragraph(text(band.name), chip), para_small(f"{band.min}–{band.max}"),
                     para_small(str(now[band.name]), "cell_right"),
                     para_small(str(then[band.name]), "cell_right"), para_small(band.owner)])
        commands.append(("BACKGROUND", (0, i), (0, i), colors.HexColor(band.colour)))
    rows.append([para_small("All", "cell_bold"), para_small(""),
                 para_small(str(sum(now.values())), "cell_right"),
                 para_small(str(sum(then.values())), "cell_right"), para_small("")])
    table = Table(rows, colWidths=[w * mm for w in (18, 13, 15, 13, 24)])
    table.setStyle(table_style(commands + [("LINEABOVE", (0, -1), (-1, -1), 0.8, NHS_BLUE)]))
    return table


def para_small(words: str, name: str = "cell") -> Paragraph:
    return Paragraph(text(words), STYLES[name])


def _first_page(details: Sequence[RiskDetail], *, title: str, organisation: str,
                corporate_only: bool, scheme: rules.BandScheme, current: list[list[int]],
                target: list[list[int]], as_at: dt.date) -> list:
    scope = ("Risks on the corporate risk register: a current score of "
             f"{scheme.escalation_threshold} or more, or placed there by the board. "
             if corporate_only else "")
    intro = (f"{scope}{len(details)} risk{'s' if len(details) != 1 else ''} as at "
             f"{short_date(as_at)}. Scores are likelihood × consequence (1–5 each); "
             "the heat maps count risks by their current and target scores.")
    maps = Table([[HeatMap(current, scheme, "Current score"),
                   HeatMap(target, scheme, "Target score"),
                   [Paragraph("Summary by band", STYLES["label"]), Spacer(1, 3),
                    _summary(current, target, scheme)]]],
                 colWidths=[86 * mm, 86 * mm, WIDTH - 172 * mm])
    maps.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    heading = Paragraph(text(title), STYLES["h1"])
    heading.bookmark = title
    return [Paragraph(text(organisation), STYLES["kicker"]), heading,
            Paragraph(text(intro), STYLES["muted"]), Spacer(1, 6), maps, Spacer(1, 4),
            Paragraph(text(facts_line(details)), STYLES["muted"])]


# ------------------------------------------------------------------------ the register


def _register_row(d: RiskDetail, scheme: rules.BandScheme) -> tuple[list, list]:
    r = d.risk
    flags = [r.category]
    if r.on_corporate_register:
        flags.append("corporate register")
    if r.status == "closed":
        flags.append(f"closed {day(r.closed_on)}" if r.closed_on else "closed")
    if r.above_appetite:
        flags.append(f"above appetite (tolerance {r.tolerance})")
    risk = [Paragraph(f"<b>{text(r.title)}</b>", STYLES["cell"]),
            Paragraph(text(" · ".join(flags)), STYLES["muted"])]
    if r.overdue_actions:
        risk.append(Paragraph(f"{r.overdue_actions} action{'s' if r.overdue_actions > 1 else ''}"
                              " overdue", style("overdue", colors.HexColor("#B00020"),
                                                bold=True, size=7.5)))
    current, current_colour = score_cell(r.current_likelihood, r.current_consequence, scheme)
    target, target_colour = score_cell(r.target_likelihood, r.target_consequence, scheme,
                                       by=r.target_date)
    cells = [Paragraph(f"<b>{text(r.reference)}</b>", STYLES["cell"]), risk,
             para_small(r.owner or "—"), para_small(r.committee or "—"), current, target,
             movement_mark(r), review_cell(r)]
    return cells, [current_colour, target_colour]


def _register(details: Sequence[RiskDetail], scheme: rules.BandScheme) -> list:
    heading = Paragraph("The register", STYLES["h2"])
    heading.bookmark = "The register"
    if not details:
        return [heading, Paragraph("No risks to report.", STYLES["withheld"])]
    rows = [[Paragraph(h, STYLES["cell_head"]) for h in REGISTER_HEADINGS]]
    commands = []
    for n, d in enumerate(details, start=1):
        cells, fills = _register_row(d, scheme)
        rows.append(cells)
        for column, fill in zip((4, 5), fills, strict=True):
            if fill:
                commands.append(("BACKGROUND", (column, n), (column, n), fill))
    table = Table(rows, colWidths=[w * mm for w in REGISTER_WIDTHS], repeatRows=1)
    table.setStyle(table_style(commands))
    return [heading, table]


# ------------------------------------------------------------------------------ output


def register_report_bytes(details: Sequence[RiskDetail], *, title: str, organisation: str,
                          corporate_only: bool, band_scheme: rules.BandScheme,
                          heat_map_counts_current: list[list[int]],
                          heat_map_counts_target: list[list[int]], generated_at: dt.datetime,
                          audit_head: str, page_numbers: bool = True) -> bytes:
    """The report as PDF bytes; ``page_numbers=False`` leaves the stamping to the pack."""
    story = _first_page(details, title=title, organisation=organisation,
                        corporate_only=corporate_only, scheme=band_scheme,
                        current=heat_map_counts_current, target=heat_map_counts_target,
                        as_at=generated_at.date())
    story += [Spacer(1, 8)] + _register(details, band_scheme)
    if details:
        story += [PageBreak(), _details_heading()]
        for d in details:
            story += detail_flowables(d, band_scheme, WIDTH)
    buffer = io.BytesIO()
    _Document(buffer, title=title, author=organisation).build(story)
    if not page_numbers:
        return buffer.getvalue()
    return _stamped(buffer.getvalue(), title, organisation, generated_at, audit_head)


def _details_heading() -> Paragraph:
    heading = Paragraph("The risks in detail", STYLES["h1"])
    heading.bookmark = "The risks in detail"
    return heading


def _stamped(pdf: bytes, title: str, organisation: str, generated_at: dt.datetime,
             audit_head: str) -> bytes:
    footer = f"Generated {generated_at:%d %b %Y %H:%M}"
    if audit_head:
        footer += f" · audit trail {audit_head[:12]}"
    return stamp_pdf(pdf, lambda n, total: Stamp(
        header_left=f"{organisation} · {title}",
        header_right=f"As at {short_date(generated_at.date())}",
        footer_left=footer, footer_right=page_of(n, total)))


def build_register_report(details: Sequence[RiskDetail], out_path: str | os.PathLike, *,
                          title: str, organisation: str, corporate_only: bool,
                          band_scheme: rules.BandScheme,
                          heat_map_counts_current: list[list[int]],
                          heat_map_counts_target: list[list[int]], generated_at: dt.datetime,
                          audit_head: str, page_numbers: bool = True) -> int:
    """Write the report to ``out_path`` (whole or not at all); returns its page count."""
    pdf = register_report_bytes(
        details, title=title, organisation=organisation, corporate_only=corporate_only,
        band_scheme=band_scheme, heat_map_counts_current=heat_map_counts_current,
        heat_map_counts_target=heat_map_counts_target, generated_at=generated_at,
        audit_head=audit_head, page_numbers=page_numbers)
    # The risk register is published with the public board papers: readable by all.
    write_atomically(out_path, pdf, audience=PUBLIC)
    return len(PdfReader(io.BytesIO(pdf)).pages)

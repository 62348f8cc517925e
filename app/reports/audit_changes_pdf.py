""""What changed since…" for the audit committee: the verdict on the history up to the point,
then every later change grouped by record, in the board pack's styles. Plain data in
(``app.domain.audit_changes.ChangesSince``), bytes out."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.domain.audit_changes import ChangesSince, RecordChanges
from app.reports.pack.pages import (
    CONFIDENTIAL_RED,
    CONTENT_WIDTH,
    NHS_DARK_BLUE,
    NHS_PALE_GREY,
    STYLES,
    PackDocTemplate,
    para,
    text,
)


def _record_block(record: RecordChanges) -> list:
    title = f"{record.kind} {record.record_id}" + (f": {record.description}"
                                                   if record.description else "")
    flow = []
    for n, change in enumerate(record.changes):
        rows = [[para("Field", "cell_bold"), para("Before", "cell_bold"),
                 para("After", "cell_bold")]]
        rows += [[para(f.label), para(f.before), para(f.after)] for f in change.fields]
        table = Table(rows, colWidths=[CONTENT_WIDTH * 0.28, CONTENT_WIDTH * 0.36,
                                       CONTENT_WIDTH * 0.36], repeatRows=1)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), NHS_PALE_GREY),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.25, NHS_PALE_GREY)]))
        heading = para(f"Event {change.seq}: {change.action} by {change.actor}, {change.at}",
                       "muted")
        # kept with its first rows; a long one splits across pages under its repeated heading
        first = [Paragraph(text(title), STYLES["h2"])] if n == 0 else []  # never left alone
        flow.append(KeepTogether([*first, heading, table, Spacer(1, 2 * mm)]))
    return flow


def changes_report_bytes(data: ChangesSince) -> bytes:
    buffer = io.BytesIO()
    doc = PackDocTemplate(buffer, title="What changed in the record", author=data.organisation)
    style = STYLES["h1"]
    story = [Paragraph(text(f"{data.organisation}: what changed in the record"), style),
             para(f"Since {data.since}. Made {data.generated_at}.", "muted"), Spacer(1, 4 * mm)]
    verdict = para(data.verdict, "body")
    box = Table([[verdict]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1,
                              NHS_DARK_BLUE if data.history_holds else CONFIDENTIAL_RED),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story += [box, Spacer(1, 4 * mm)]
    if data.history_holds and not data.records:
        story.append(para("Nothing has changed since then.", "body"))
    for record in data.records:
        story += _record_block(record)
    story.append(para(f"Chain head now: {data.head}", "muted"))
    doc.build(story)
    return buffer.getvalue()

"""Standard sections of a pack: minutes, action log, chair's actions, registers.

Each arrives as a table (columns and rows), prose, or both; the risk register report arrives
as a ready-made PDF and is imported by the engine like an attachment, so it has no flowables.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.pack import (
    ACTION_LOG,
    CHAIRS_ACTIONS,
    DASHBOARD,
    INTERESTS,
    MINUTES,
    RISK_REGISTER,
    StandardSection,
)
from app.reports.pack.pages import (
    CONTENT_WIDTH,
    FONT_BOLD,
    NHS_BLUE,
    NHS_PALE_BLUE,
    NHS_PALE_GREY,
    STYLES,
    text,
)

INTRODUCTIONS = {
    MINUTES: "Minutes of the previous meeting, for approval as a true record.",
    ACTION_LOG: "Open actions, and actions closed since the last meeting.",
    CHAIRS_ACTIONS: "Chair's actions taken since the last meeting, reported for ratification.",
    INTERESTS: "Interests declared by the members, as held on the register at issue.",
    RISK_REGISTER: "Risk register report.",
    DASHBOARD: "The body's risk position and governance health over the past year.",
}
MAX_CHARS = 60  # text longer than this wraps rather than widening its column further
PADDING = 8  # left and right cell padding together


def section_flowables(section: StandardSection) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(text(section.title), STYLES["h1"]),
                             Paragraph(text(INTRODUCTIONS[section.kind]), STYLES["muted"]),
                             Spacer(1, 8)]
    for chunk in section.text.replace("\r\n", "\n").split("\n\n"):
        if chunk.strip():
            story.append(Paragraph(text(chunk), STYLES["body"]))
    if section.columns:
        story += [Spacer(1, 6), _table(section)]
    elif not section.text.strip():
        story.append(Paragraph("Nothing to report.", STYLES["withheld"]))
    return story


def column_widths(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[float]:
    """Each column at least as wide as its longest word (no "Statu/s"), the rest of the
    width shared by how much text each column holds, so a long "Action" column gets most."""
    cells = [[name] + [r[i] for r in rows if i < len(r)] for i, name in enumerate(columns)]
    least = [min(_longest_word(c) + PADDING, CONTENT_WIDTH * 0.3) for c in cells]
    weights = [min(max(len(v) for v in c), MAX_CHARS) for c in cells]
    spare = max(CONTENT_WIDTH - sum(least), 0)
    total = sum(weights) or 1
    widths = [lo + spare * w / total for lo, w in zip(least, weights, strict=True)]
    scale = CONTENT_WIDTH / sum(widths)  # only shrinks when the words alone overflow
    return [w * scale for w in widths]


def _longest_word(values: list[str]) -> float:
    words = [w for v in values for w in v.split()] or [""]
    return max(stringWidth(w, FONT_BOLD, 8.5) for w in words)


def _table(section: StandardSection) -> Table:
    width = len(section.columns)
    head = [Paragraph(text(c), STYLES["cell_head"]) for c in section.columns]
    body = [[Paragraph(text(cell), STYLES["cell"]) for cell in _padded(row, width)]
            for row in section.rows]
    if not body:
        body = [[Paragraph("None.", STYLES["withheld"])] + [""] * (width - 1)]
    table = Table([head] + body, colWidths=column_widths(section.columns, section.rows),
                  repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white", NHS_PALE_GREY]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, NHS_PALE_BLUE),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _padded(row: tuple[str, ...], width: int) -> tuple[str, ...]:
    return (row + ("",) * width)[:width]

"""Small real documents for the demo's papers, made with reportlab.

The ISOP paper is the seed's own opening (app.services.demo.isop.ISOP_DOCUMENT): the title
block, the introduction and, in the reissued version, the engagement timeline. Output is
reproducible (reportlab's invariant mode), so the demo's attachments have stable SHA-256s.
"""

from __future__ import annotations

import io

from app.services.demo.isop import ISOP_DOCUMENT


def _styles():
    from reportlab.lib.styles import getSampleStyleSheet

    styles = getSampleStyleSheet()
    return styles["Title"], styles["Heading2"], styles["BodyText"], styles["Normal"]


def _engagement_table():
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    normal = _styles()[3]
    rows = [("Engagement/meeting", "Purpose")] + list(ISOP_DOCUMENT["engagement"])
    cells = [[Paragraph(text.replace("&", "&amp;"), normal) for text in row] for row in rows]
    table = Table(cells, colWidths=[240, 220])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7f1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def isop_pdf(*, with_engagement_timeline: bool = False) -> bytes:
    """The ISOP working draft as a PDF; the reissued version adds the engagement timeline."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    title, heading, body, normal = _styles()
    doc = ISOP_DOCUMENT
    story = [Paragraph(doc["title"], title), Paragraph(doc["subtitle"], heading),
             Paragraph(doc["version"], normal), Paragraph(doc["author"], normal),
             Paragraph(doc["report_to"], normal), Spacer(1, 12),
             Paragraph("Introduction", heading)]
    story += [Paragraph(text.replace("&", "&amp;"), body) for text in doc["introduction"]]
    if with_engagement_timeline:
        story += [Spacer(1, 12), Paragraph("6. Governance and Engagement", heading),
                  _engagement_table()]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=doc["title"].rstrip(" –"),
                      author=doc["author"], invariant=1).build(story)
    return buffer.getvalue()

"""The cover sheet as it will print, in HTML for a QTextBrowser: the heading block (body and
meeting date, agenda number, ATTACHMENT number on the right), then one bordered table of label
and value rows in the order of the Merton sheet."""

from __future__ import annotations

import html

from app.domain.agenda import purpose_label
from app.domain.papers import COVER_SHEET_FIELDS, other_bodies_label
from app.ui.common.forms import show_date

LABEL_BACKGROUND = "#e8edee"
NHS_BLUE = "#005eb8"


def _paragraphs(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.strip().splitlines()) or "&nbsp;"


def cover_sheet_html(values: dict, *, committee: str, meeting_date, item_number: str,
                     attachment_number: str, risks: list[str]) -> str:
    rows = []
    for name, label in COVER_SHEET_FIELDS:
        value = values.get(name, "")
        if name == "purpose":
            value = purpose_label(value)
        if name == "other_bodies_implications":
            label = other_bodies_label(values.get("other_bodies", ""))
        rows.append((label.rstrip(".:"), _paragraphs(value)))
    rows.append(("Risks this paper bears on", _paragraphs("\n".join(risks)) if risks
                 else "None named"))
    body = "".join(
        f"<tr><td width='34%' style='background:{LABEL_BACKGROUND}; font-weight:bold'>"
        f"{html.escape(label)}:</td><td>{value}</td></tr>" for label, value in rows)
    flags = []
    if values.get("confidential"):
        flags.append("CONFIDENTIAL")
    flags.append((values.get("status") or "draft").upper())
    if values.get("paper_version"):
        flags.append(f"version {html.escape(values['paper_version'])}")
    return f"""
<table width='100%' cellpadding='2'><tr>
 <td><span style='color:{NHS_BLUE}; font-size:15pt; font-weight:bold'>
   Report to the {html.escape(committee)}</span><br>
  <b>Date of Meeting:</b> {html.escape(show_date(meeting_date))}<br>
  <b>Agenda No:</b> {html.escape(item_number)}</td>
 <td align='right' valign='top'><span style='font-size:14pt; font-weight:bold'>
   {html.escape(attachment_number or 'ATTACHMENT —')}</span><br>
  <span style='color:#b00020'>{' · '.join(flags)}</span></td>
</tr></table>
<table width='100%' border='1' cellspacing='0' cellpadding='5'
 style='border-collapse:collapse; border-color:#768692'>{body}</table>
"""

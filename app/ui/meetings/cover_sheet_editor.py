"""The cover sheet editor, laid out like the paper a secretary knows (the Merton sheet): the
body, meeting date, agenda number and ATTACHMENT number at the top, then label and value rows
in the sheet's order. Fields needed before a paper is final are marked *; problems show under
their field. Files are attached on the Files tab; Preview shows the sheet as it will print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from app.domain.agenda import PURPOSES, purpose_label
from app.domain.papers import COVER_SHEET_FIELDS, PAPER_STATUSES, REQUIRED_FOR_FINAL
from app.services.meetings import papers
from app.services.risks import register as risk_register
from app.ui.common.choices import choice_box
from app.ui.common.errors import show_error
from app.ui.common.forms import EditorDialog, required, show_date
from app.ui.meetings.attachments_panel import AttachmentsPanel
from app.ui.meetings.cover_sheet_preview import cover_sheet_html

LINE_FIELDS = ("title", "report_author", "lead_director", "contact_details")
SHORT_LABELS = {
    "key_sections": "Key sections for particular note (paragraph/page), areas of concern",
    "previous_committees": "Committees which have previously discussed/agreed the report",
    "other_implications": "Other Implications (PPI, legal, governance, risk, diversity, "
                          "staffing)",
    "communication_plan": "Communication Plan (incl. Freedom of Information Act, NHS "
                          "Constitution)",
}


def _label(text: str) -> QLabel:
    """A sheet label: wrapped, so long Merton labels leave room for the answers."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setFixedWidth(250)
    return label


class CoverSheetDialog(EditorDialog):
    """The cover sheet and files of the paper on one agenda item."""

    def __init__(self, ctx, item, meeting, parent=None):
        paper = ctx.run(papers.paper_for_item, agenda_item_id=item.id)
        super().__init__(ctx, paper, parent)
        self.item, self.meeting = item, meeting
        self.setObjectName("coverSheetDialog")
        self.setWindowTitle(f"Cover sheet — item {item.number} {item.title}")
        self.fields: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("coverSheetTabs")
        self.tabs.addTab(self._sheet_page(), "Cover sheet")
        self.files = AttachmentsPanel(ctx, paper.id if paper else None)
        self.tabs.addTab(self.files, "Files")
        self.preview = self._preview_page()
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.unrecognised = QLabel()
        self.unrecognised.setObjectName("unrecognised")
        self.unrecognised.setWordWrap(True)
        self.unrecognised.setStyleSheet("background: #fff4ce; padding: 6px")
        self.unrecognised.hide()
        import_button = QPushButton("Import from Word (.docx)…")
        import_button.clicked.connect(lambda: self.import_from_word())
        self.buttons.addButton(import_button, self.buttons.ButtonRole.ActionRole)
        self.form.addRow(self.tabs)
        self.finish_layout(self.unrecognised)
        self.findChild(QLabel, "requiredNote").setText("* needed before the paper is final")
        self.load(paper)
        self.resize(860, 760)
        if getattr(meeting, "sealed", "") and paper is not None:
            self._seal(paper)

    def _seal(self, paper) -> None:
        """A sealed meeting's cover sheet is read-only; Correct… changes it with a reason."""
        from app.ui.common.correction import (
            CorrectableField,
            CorrectDialog,
            seal_banner,
            show_seal,
        )
        banner = seal_banner()
        show_seal(banner, self.meeting.sealed + (f" {paper.corrected}" if paper.corrected
                                                 else ""))
        self.layout_.insertWidget(0, banner)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(False)
        correct = QPushButton("Correct…")
        correct.setObjectName("correctPaper")
        self.buttons.addButton(correct, self.buttons.ButtonRole.ActionRole)

        def open_correction() -> None:
            self.correct_dialog = CorrectDialog(
                self.ctx, record_type="paper", record_id=paper.id,
                title=f"the cover sheet of item {self.item.number}", parent=self,
                fields=[CorrectableField("title", "Title", paper.title),
                        CorrectableField("executive_summary", "Executive summary",
                                         paper.executive_summary, long=True),
                        CorrectableField("recommendations", "Recommendations",
                                         paper.recommendations, long=True)])
            self.correct_dialog.accepted.connect(self.reject)
            self.correct_dialog.open()
        correct.clicked.connect(open_correction)

    # ----------------------------------------------------------------------------- building
    def _preview_page(self) -> QWidget:
        """The printed sheet as an image; the HTML likeness if the PDF cannot be drawn."""
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QVBoxLayout
        self.preview_pdf = b""
        self.preview_page = QLabel()
        self.preview_page.setObjectName("previewPage")
        self.preview_page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview_page)
        scroll.setBackgroundRole(QPalette.ColorRole.Dark)  # the page stands out, as on a desk
        self.preview_html = QTextBrowser()
        self.preview_html.setObjectName("coverSheetPreview")
        self.preview_html.hide()
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll)
        column.addWidget(self.preview_html)
        self.preview_scroll = scroll
        return page

    def _heading(self) -> QLabel:
        label = QLabel(
            f"<b>Report to the {self.meeting.committee}</b><br>Date of Meeting: "
            f"{show_date(self.meeting.meeting_date)}<br>Agenda No: {self.item.number}"
            f"<div align='right'><b style='font-size:14pt'>"
            f"{self.item.attachment_number or 'ATTACHMENT —'}</b></div>")
        label.setObjectName("coverSheetHeading")
        return label

    def _widget_for(self, name: str) -> QWidget:
        if name == "purpose":
            return choice_box([(purpose_label(p), p) for p in PURPOSES], "(choose)")
        if name in LINE_FIELDS:
            return QLineEdit()
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        lines = 6 if name in ("executive_summary", "key_sections") else 4
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 10)
        return edit

    def _sheet_page(self) -> QWidget:
        from PySide6.QtWidgets import QFormLayout, QVBoxLayout
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._heading())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, label in COVER_SHEET_FIELDS:
            widget = self.fields[name] = self._widget_for(name)
            text = SHORT_LABELS.get(name, label)
            if name == "other_bodies_implications":
                self.fields["other_bodies"] = QLineEdit(placeholderText="which bodies, e.g. "
                                                        "the Sutton and Merton Board")
                self.errors.add_row(form, "Implications for (bodies)", "other_bodies",
                                    self.fields["other_bodies"])
            self.errors.add_row(form, _label(required(text) if name in REQUIRED_FOR_FINAL
                                             else text), name, widget)
        self.risks = QListWidget()
        self.risks.setObjectName("riskList")
        self.risks.setFixedHeight(110)
        for risk in self.ctx.run(risk_register.list_risks):
            entry = QListWidgetItem(f"{risk.reference}  {risk.title}")
            entry.setData(Qt.ItemDataRole.UserRole, risk.id)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.risks.addItem(entry)
        self.errors.add_row(form, "Risks it bears on", "risk_ids", self.risks)
        self.version = QLineEdit(placeholderText="e.g. 1.0")
        self.status = choice_box([(s.capitalize(), s) for s in PAPER_STATUSES])
        self.confidential = QCheckBox("Confidential (kept out of the public pack)")
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("Version"), self.version, QLabel("Status"), self.status,
                       self.confidential):
            row.addWidget(widget)
        self.errors.add_row(form, "Paper", "status", line)
        column.addLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    # ------------------------------------------------------------------------------ values
    def set_field(self, name: str, value) -> None:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        else:
            index = widget.findData(value or None)
            widget.setCurrentIndex(max(index, 0))

    def field(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.currentData() or ""

    def load(self, paper) -> None:
        for name in self.fields:
            self.set_field(name, getattr(paper, name) if paper else "")
        if paper is None:
            self.set_field("title", self.item.title)
            self.set_field("purpose", self.item.purpose)
        self.version.setText(paper.paper_version if paper else "")
        self.status.setCurrentIndex(max(self.status.findData(paper.status if paper else
                                                             "draft"), 0))
        self.confidential.setChecked(paper.confidential if paper else self.item.part == 2)
        linked = set(paper.risk_ids) if paper else set()
        for n in range(self.risks.count()):
            entry = self.risks.item(n)
            checked = entry.data(Qt.ItemDataRole.UserRole) in linked
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        values = {name: self.field(name) for name in self.fields}
        values.update(status=self.status.currentData(), confidential=self.confidential.isChecked(),
                      paper_version=self.version.text())
        return values

    def chosen_risks(self) -> list[int]:
        return [self.risks.item(n).data(Qt.ItemDataRole.UserRole)
                for n in range(self.risks.count())
                if self.risks.item(n).checkState() == Qt.CheckState.Checked]

    # ------------------------------------------------------------------------------- saving
    def save(self):
        values = self.values()
        if self.row is None:
            paper = self.ctx.run(papers.create_paper, agenda_item_id=self.item.id, **values)
        else:
            paper = self.ctx.run(papers.update_paper, paper_id=self.row.id,
                                 expected_version=self.row.version, **values)
        return self._link_risks(paper)

    def _link_risks(self, paper):
        wanted, have = set(self.chosen_risks()), set(paper.risk_ids)
        for risk_id in wanted - have:
            paper = self.ctx.run(papers.link_paper_to_risk, paper_id=paper.id, risk_id=risk_id)
        for risk_id in have - wanted:
            paper = self.ctx.run(papers.unlink_paper_from_risk, paper_id=paper.id,
                                 risk_id=risk_id)
        return paper

    # ------------------------------------------------------------------ import and preview
    def import_from_word(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import a cover sheet from Word", "",
                                                  "Word documents (*.docx)")
            if not path:
                return
        from app.exchange.cover_sheet_docx import import_cover_sheet
        try:
            result = import_cover_sheet(path)
        except Exception as exc:
            show_error(self, exc)
            return
        for name, value in result.fields.items():
            if name in self.fields:
                self.set_field(name, value)
        self._show_unrecognised(result.unrecognised)

    def _show_unrecognised(self, lines: list[str]) -> None:
        if not lines:
            self.unrecognised.setText("Imported: every part of the cover sheet was recognised.")
        else:
            shown = "\n".join(f"• {line[:200]}" for line in lines[:8])
            more = f"\n… and {len(lines) - 8} more" if len(lines) > 8 else ""
            self.unrecognised.setText(f"Imported. Not recognised (copy by hand if needed):\n"
                                      f"{shown}{more}")
        self.unrecognised.show()

    def chosen_risk_names(self) -> list[str]:
        return [self.risks.item(n).text() for n in range(self.risks.count())
                if self.risks.item(n).checkState() == Qt.CheckState.Checked]

    def sheet_html(self) -> str:
        return cover_sheet_html(self.values(), committee=self.meeting.committee,
                                meeting_date=self.meeting.meeting_date,
                                item_number=self.item.number,
                                attachment_number=self.item.attachment_number,
                                risks=self.chosen_risk_names())

    def show_preview(self) -> None:
        from PySide6.QtGui import QPixmap

        from app.ui.meetings.cover_sheet_render import cover_sheet_pdf, first_page_image
        try:
            self.preview_pdf = cover_sheet_pdf(
                self.values(), organisation=_organisation_name(self.ctx),
                committee=self.meeting.committee, meeting_date=self.meeting.meeting_date,
                item=self.item, risks=self.chosen_risk_names())
            image = first_page_image(self.preview_pdf)
        except Exception:  # the likeness in HTML is better than no preview
            image = None
        drawn = image is not None and not image.isNull()
        self.preview_scroll.setVisible(drawn)
        self.preview_html.setVisible(not drawn)
        if drawn:
            self.preview_page.setPixmap(QPixmap.fromImage(image))
        else:
            self.preview_html.setHtml(self.sheet_html())

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.show_preview()


def _organisation_name(ctx) -> str:
    from app.services import organisation
    try:
        return ctx.run(organisation.get_organisation).name
    except Exception:
        return ""

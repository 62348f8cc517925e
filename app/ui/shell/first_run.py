"""The first-run dialog: name the organisation, or load the demo to see something real at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.services import organisation
from app.services.demo import load as demo
from app.ui.common.errors import show_error


class FirstRunDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to Boardbook")
        intro = QLabel(
            "<h3>Welcome to Boardbook</h3><p>This database is new. Name your organisation to "
            "start, or load the demo organisation (Merton CCG, 2012) to look round first.</p>"
            f"<p><small>Database: {ctx.description}</small></p>")
        intro.setWordWrap(True)
        self.name = QLineEdit(placeholderText="e.g. NHS Merton Clinical Commissioning Group")
        self.short_name = QLineEdit(placeholderText="e.g. Merton CCG")
        self.use_demo = QCheckBox("Load the demo organisation instead")
        self.use_demo.toggled.connect(self._on_use_demo_toggled)
        self.message = QLabel()
        self.message.setObjectName("validationMessage")
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("Organisation name *", self.name)
        form.addRow("Short name", self.short_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.use_demo)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _on_use_demo_toggled(self, on: bool) -> None:
        self.name.setEnabled(not on)
        self.short_name.setEnabled(not on)

    def accept(self) -> None:
        try:
            if self.use_demo.isChecked():
                self.ctx.run(demo.load_demo)
            else:
                if not self.name.text().strip():
                    self.message.setText("Please give the organisation's name.")
                    self.name.setFocus()
                    return
                self.ctx.run(organisation.set_up_organisation, name=self.name.text(),
                             short_name=self.short_name.text())
        except Exception as exc:
            show_error(self, exc)
            return
        super().accept()

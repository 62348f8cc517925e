"""The organisation's name, short name and logo (the logo heads board packs and reports)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeDatabase, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services import organisation
from app.ui.common.forms import EditorDialog, required

LOGO_LIMIT = 2 * 1024 * 1024  # a logo is a letterhead, not a photograph
PREVIEW_WIDTH, PREVIEW_HEIGHT = 240, 90
UNCHANGED = object()


class OrganisationDialog(EditorDialog):
    def __init__(self, ctx, parent=None):
        row = ctx.run(organisation.get_organisation)
        super().__init__(ctx, row, parent)
        self.setObjectName("organisationDialog")
        self.setWindowTitle("Organisation")
        self.logo_data = UNCHANGED  # bytes, None (removed) or UNCHANGED
        self.logo_type = ""
        self.name = QLineEdit(row.name)
        self.short_name = QLineEdit(row.short_name, placeholderText="e.g. Merton CCG")
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid palette(mid); background: white")
        self.errors.add_row(self.form, required("Name"), "name", self.name)
        self.errors.add_row(self.form, "Short name", "short_name", self.short_name)
        self.errors.add_row(self.form, "Logo", "logo", self._logo_box())
        self.finish_layout()
        self._show_logo(ctx.run(organisation.get_logo))
        self.setMinimumWidth(520)

    def _logo_box(self) -> QWidget:
        choose = QPushButton("Choose image…")
        choose.clicked.connect(self._on_choose_clicked)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        return box

    def _show_logo(self, data: bytes | None) -> None:
        self.remove_button.setEnabled(bool(data))
        image = QImage.fromData(QByteArray(data)) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No logo")
            return
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            PREVIEW_WIDTH - 8, PREVIEW_HEIGHT - 8, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the logo", "",
                                              "Images (*.png *.jpg *.jpeg *.svg *.gif)")
        if path:
            self.use_logo_file(Path(path))

    def use_logo_file(self, path: Path) -> None:
        """Take an image file as the new logo, or say beside the logo why not."""
        self.errors.clear()
        data = path.read_bytes()
        reason = ""
        if len(data) > LOGO_LIMIT:
            reason = f"{path.name} is larger than 2 MB; please use a smaller image"
        elif QImage.fromData(QByteArray(data)).isNull():
            reason = f"{path.name} is not an image Boardbook can read"
        if reason:
            self.errors.show(ValidationError(reason, field="logo"))
            return
        self.logo_data = data
        self.logo_type = QMimeDatabase().mimeTypeForData(data).name()
        self._show_logo(data)

    def _on_remove_clicked(self) -> None:
        self.logo_data = None
        self._show_logo(None)

    def save(self):
        replace = self.logo_data is not UNCHANGED
        return self.ctx.run(organisation.save_organisation, expected_version=self.row.version,
                            name=self.name.text(), short_name=self.short_name.text(),
                            replace_logo=replace, logo=self.logo_data if replace else None,
                            logo_type=self.logo_type or "image/png")

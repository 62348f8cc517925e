"""A PDF shown inside Boardbook, with "Open in system viewer".

Qt PDF (``PySide6.QtPdf`` + ``QtPdfWidgets``) draws the pages when the installed PySide6 has
it. Some PySide6 wheels ship without Qt PDF; then the pages are drawn by poppler's
``pdftoppm`` when it is on the PATH, and failing that the preview says how many pages the
file has and offers the system viewer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

RENDER_DPI = 60


def qt_pdf_available() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401
        import PySide6.QtPdfWidgets  # noqa: F401
    except ImportError:
        return False
    return True


def page_count(path: str | Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


class PdfPreview(QWidget):
    """The pages of one PDF, scrolled; ``page_count`` and ``backend`` say what is shown."""

    def __init__(self, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.path = Path(path)
        self.page_count = 0
        self._temp: tempfile.TemporaryDirectory | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel()
        self.info.setObjectName("previewInfo")
        layout.addWidget(self.info)
        if qt_pdf_available():
            self.backend, view = "qtpdf", self._qt_pdf_view()
        elif shutil.which("pdftoppm"):
            self.backend, view = "pdftoppm", self._rendered_pages()
        else:
            self.page_count = page_count(self.path)
            self.backend, view = "none", QLabel(
                "This computer cannot draw PDF pages inside Boardbook: open the pack in the "
                "system viewer.")
        layout.addWidget(view, 1)
        self.info.setText(f"{self.path.name}: {self.page_count} pages")

    def _qt_pdf_view(self) -> QWidget:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.page_count = self.document.pageCount()
        view = QPdfView(self)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(self.document)
        return view

    def _rendered_pages(self) -> QWidget:
        self.page_count = page_count(self.path)
        self._temp = tempfile.TemporaryDirectory(prefix="boardbook-preview-")
        prefix = Path(self._temp.name) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(RENDER_DPI), str(self.path), str(prefix)],
                       check=False, capture_output=True, timeout=120)
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_labels = []
        for png in sorted(Path(self._temp.name).glob("page*.png")):
            label = QLabel()
            label.setPixmap(QPixmap(str(png)))
            label.setStyleSheet("border: 1px solid #aaa; background: white;")
            column.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #666; }")
        return scroll

    def open_in_system_viewer(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def closeEvent(self, event) -> None:
        if self._temp is not None:
            self._temp.cleanup()
        super().closeEvent(event)


class PdfPreviewDialog(QDialog):
    """A window with the preview, "Open in system viewer" and Close."""

    def __init__(self, path: str | Path, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(title or Path(path).name)
        self.preview = PdfPreview(path, self)
        self.open_button = QPushButton("Open in system viewer")
        self.open_button.setObjectName("openInSystemViewer")
        self.open_button.clicked.connect(self.preview.open_in_system_viewer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.resize(760, 900)

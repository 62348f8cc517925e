"""The "Build board pack…" dialog: warnings first, build off the GUI thread, preview."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from app.services.meetings import meetings
from app.services.pack.issued import list_issued_packs
from app.ui.common.tasks import ImmediateRunner, Task, _connect
from app.ui.meetings.pack_dialog import MeetingChooser, PackDialog


class CancellingRunner(ImmediateRunner):
    """Runs each task at once, with Cancel already pressed (the user cancels at once)."""

    def _start(self, pool, fn, on_done, on_error, on_progress, on_cancelled) -> Task:
        task = Task(fn)
        _connect(task, on_done, on_error, on_progress, on_cancelled)
        task.cancel()
        task.run()
        return task


def september(ctx):
    return next(m for m in ctx.run(meetings.list_meetings)
                if m.committee == "Merton CCG Governing Body"
                and f"{m.meeting_date}" == "2012-09-27")


@pytest.fixture
def make_dialog(qtbot, demo_ctx, tmp_path):
    def make(runner=None):
        dialog = PackDialog(demo_ctx, runner or ImmediateRunner(), september(demo_ctx).id)
        qtbot.addWidget(dialog)
        dialog.path_edit.setText(str(tmp_path / "pack.pdf"))
        dialog.show()
        return dialog
    return make


def test_warnings_are_shown_before_building(make_dialog):
    dialog = make_dialog()
    texts = dialog.warning_texts()
    assert any("6.1" in t and "no paper" in t for t in texts)
    assert any("8.3" in t and "no purpose" in t for t in texts)
    dialog.public_radio.setChecked(True)
    assert dialog.path_edit.text().endswith("-public-pack.pdf")
    assert any("6.1" in t for t in dialog.warning_texts())


def test_build_records_the_issue_and_previews_every_page(make_dialog, demo_ctx, tmp_path):
    dialog = make_dialog()
    dialog.build_button.click()
    out = tmp_path / "pack.pdf"
    assert out.exists()
    pages = len(PdfReader(out).pages)
    assert dialog.issued.page_count == pages
    assert dialog.preview is not None and dialog.preview.isVisible()
    assert dialog.preview.preview.page_count == pages
    assert f"{pages} pages" in dialog.preview.preview.info.text()
    assert "Full pack, version 1 issued" in dialog.status.text()
    rows = demo_ctx.run(list_issued_packs, meeting_id=september(demo_ctx).id)
    assert [(r.kind, r.number) for r in rows] == [("full", 1)]


def test_dashboard_charts_go_into_the_pack_when_asked(make_dialog, tmp_path):
    plain = make_dialog()
    plain.build_button.click()
    without = PdfReader(tmp_path / "pack.pdf")
    dialog = make_dialog()
    dialog.charts_box.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "with-charts.pdf"))
    dialog.build_button.click()
    reader = PdfReader(tmp_path / "with-charts.pdf")
    titles = [entry.title for entry in _flatten(reader.outline)]
    assert "Risk and governance dashboard" in titles
    assert len(reader.pages) > len(without.pages)
    charts_page = reader.get_destination_page_number(
        next(e for e in _flatten(reader.outline) if e.title == "Risk and governance dashboard"))
    assert reader.pages[charts_page].images  # the charts are pictures on the page


def _flatten(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _flatten(entry)
        else:
            yield entry


def test_cancel_leaves_no_file_and_records_nothing(make_dialog, demo_ctx, tmp_path):
    dialog = make_dialog(CancellingRunner())
    dialog.build_button.click()
    assert not (tmp_path / "pack.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if ".pdf" in p.name]
    assert "Cancelled" in dialog.status.text()
    assert dialog.preview is None
    assert demo_ctx.run(list_issued_packs, meeting_id=september(demo_ctx).id) == []


def test_meeting_chooser_lists_meetings_newest_first(qtbot, demo_ctx):
    chooser = MeetingChooser(demo_ctx)
    qtbot.addWidget(chooser)
    assert chooser.list.count() == len(demo_ctx.run(meetings.list_meetings))
    assert chooser.meeting_id() == demo_ctx.run(meetings.list_meetings)[-1].id


@pytest.mark.parametrize("backend", ["qtpdf", "pdftoppm", "none"])
def test_preview_shows_every_page_with_or_without_qt_pdf(qtbot, tmp_path, monkeypatch, backend):
    import shutil

    from reportlab.pdfgen.canvas import Canvas

    from app.ui.common import pdf_preview

    if backend == "qtpdf" and not pdf_preview.qt_pdf_available():
        pytest.skip("this PySide6 has no Qt PDF")
    if backend == "pdftoppm" and not shutil.which("pdftoppm"):
        pytest.skip("poppler's pdftoppm is not installed")
    if backend != "qtpdf":
        monkeypatch.setattr(pdf_preview, "qt_pdf_available", lambda: False)
    if backend == "none":
        monkeypatch.setattr(pdf_preview.shutil, "which", lambda name: None)
    path = tmp_path / "three.pdf"
    canvas = Canvas(str(path))
    for n in range(3):
        canvas.drawString(72, 720, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    dialog = pdf_preview.PdfPreviewDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.preview.backend == backend
    assert dialog.preview.page_count == 3
    assert "3 pages" in dialog.preview.info.text()
    if backend == "pdftoppm":
        assert len(dialog.preview.page_labels) == 3


def test_main_window_meeting_menu_opens_the_pack_dialog(qtbot, demo_ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from app.ui.shell.main_window import MainWindow

    window = MainWindow(demo_ctx, ImmediateRunner())
    qtbot.addWidget(window)
    assert [a.text() for a in window.meeting_menu.actions()] == ["Board &pack…"]
    monkeypatch.setattr(MeetingChooser, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.pack_action.trigger()
    newest = demo_ctx.run(meetings.list_meetings)[-1]
    assert isinstance(window.pack_dialog, PackDialog)
    assert window.pack_dialog.meeting_id == newest.id
    window.pack_dialog.close()

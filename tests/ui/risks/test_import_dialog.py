"""Importing, exporting and reporting the risk register from the Risks section."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from app.services.risks import register as risk_register
from app.services.risks.register import RiskFilter
from app.ui.common.tasks import ImmediateRunner
from app.ui.risks.files import export_filters, with_suffix
from app.ui.risks.import_dialog import COL_HEADING, RiskImportDialog
from app.ui.risks.register_view import RisksView

SHOTS = Path(__file__).resolve().parents[2] / "shots" / "risks"
HEADINGS = ["Risk Ref", "Risk Description", "Likelihood", "Impact", "Risk Score",
            "Risk Owner", "Category", "Comments"]


def messy_workbook(path: Path, *, bad_likelihood: bool) -> Path:
    """A register as organisations keep them: a title row, a blank row, then the headings."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["NHS Example CCG: corporate risk register 2025/26"])
    sheet.append([])
    sheet.append(HEADINGS)
    sheet.append(["IM-001", "Cyber attack disrupts GP IT systems", 3, 4, 12, "",
                  "Clinical and quality", "Raised by IT"])
    sheet.append(["IM-002", "Prescribing budget overspent", 6 if bad_likelihood else 4, 3,
                  12, "", "Financial", ""])
    sheet.append(["IM-003", "Estates strategy not agreed", 2, 2, 4, "", "Organisational", ""])
    book.create_sheet("Notes").append(["Nothing to import here"])
    book.save(path)
    return path


def shoot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def refs(ctx) -> list[str]:
    return [r.reference for r in ctx.run(risk_register.list_risks,
                                         filters=RiskFilter(status=None))]


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = RisksView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    return widget


@pytest.fixture
def dialog(qtbot, view, tmp_path):
    dlg = view.files.open_import()
    qtbot.addWidget(dlg)
    return dlg


def headings(dlg) -> list[str]:
    return [dlg.map_table.item(r, COL_HEADING).text() for r in range(dlg.map_table.rowCount())]


def test_messy_workbook_is_previewed_with_its_guessed_columns(dialog, tmp_path):
    dialog.load_file(messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False))
    assert dialog.found_label.text() == "Sheet 'Register': headings found on row 3."
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] \
        == ["Register", "Notes"]
    assert dialog.sheet_combo.isEnabled()
    assert headings(dialog) == HEADINGS
    read_as = {h: dialog.field_combo(h).currentData() for h in HEADINGS}
    assert read_as == {"Risk Ref": "reference", "Risk Description": "event",
                       "Likelihood": "current_likelihood", "Impact": "current_consequence",
                       "Risk Score": "current_score", "Risk Owner": "owner",
                       "Category": "category", "Comments": "ignore"}
    rows = dialog.rows_table
    assert rows.rowCount() == 3
    assert [rows.verticalHeaderItem(r).text() for r in range(3)] == ["4", "5", "6"]
    assert rows.item(0, 1).text() == "Cyber attack disrupts GP IT systems"
    assert "Not imported:</b> Comments" in dialog.mapping_label.text()
    assert "Needed" not in dialog.mapping_label.text()
    assert dialog.check_button.isEnabled() and dialog.import_button.isEnabled()


def test_choosing_another_sheet_reads_it(dialog, tmp_path, message_boxes):
    dialog.load_file(messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False))
    dialog.sheet_combo.setCurrentText("Notes")  # no register on it
    assert dialog.preview is None
    assert dialog.found_label.text() == "Sheet 'Notes' could not be read: choose another."
    assert "No heading row found in 'Notes'" in message_boxes.texts[0]
    assert not dialog.import_button.isEnabled()
    dialog.sheet_combo.setCurrentText("Register")
    assert dialog.preview.sheet == "Register" and headings(dialog) == HEADINGS


def test_changing_a_column_shows_what_is_then_missing(dialog, tmp_path):
    dialog.load_file(messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False))
    dialog.set_field("Category", "ignore")
    assert dialog.mapping().columns_for("category") == []
    assert "Needed:</b> Category" in dialog.mapping_label.text()
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("Financial"))
    assert "Needed" not in dialog.mapping_label.text()
    assert "Category" in dialog.mapping_label.text()  # not imported, and said so


def test_a_bad_row_is_listed_with_its_row_and_heading_and_nothing_is_imported(
        dialog, view, demo_ctx, tmp_path):
    dialog.load_file(messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=True))
    dialog.set_field("Risk Description", "title")  # the user's own change of one column
    assert dialog.mapping().columns_for("title")[0].heading == "Risk Description"
    before = refs(demo_ctx)
    dialog.resize(980, 760)
    shoot(dialog, "import_preview")
    dialog.check()
    assert dialog.problems() == ["Row 5 · Likelihood: must be 1 to 5, not 6"]
    assert "1 problem" in dialog.result_label.text()
    shoot(dialog, "import_problems")
    bad_cell = dialog.rows_table.item(1, HEADINGS.index("Likelihood"))  # sheet row 5
    assert bad_cell.toolTip() == "must be 1 to 5, not 6"
    dialog.problem_list.setCurrentRow(0)  # choosing the problem shows its column
    assert dialog.map_table.currentRow() == HEADINGS.index("Likelihood")
    assert dialog.rows_table.currentItem() is bad_cell
    dialog.import_()  # all or nothing: the good rows are not imported either
    assert dialog.problems() == ["Row 5 · Likelihood: must be 1 to 5, not 6"]
    assert "nothing was imported" in dialog.result_label.text()
    assert refs(demo_ctx) == before


def test_fixed_file_checks_clean_then_imports_every_row(dialog, view, demo_ctx, tmp_path,
                                                       qtbot):
    path = messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False)
    dialog.load_file(path)
    dialog.set_field("Risk Description", "title")
    dialog.check()
    assert "3 risks would be imported" in dialog.result_label.text()
    assert not {"IM-001", "IM-002", "IM-003"} & set(refs(demo_ctx))  # a check writes nothing
    with qtbot.waitSignal(view.status_message) as said:
        dialog.import_()
    assert said.args == ["Imported 3 risks into the register."]
    assert "Imported 3 risks:" in dialog.result_label.text()
    assert not dialog.import_button.isEnabled()
    shoot(dialog, "import_done")
    imported = demo_ctx.run(risk_register.find_risk, reference="IM-002")
    assert imported.title == "Prescribing budget overspent"
    assert (imported.current_likelihood, imported.current_consequence) == (4, 3)
    assert imported.category == "Financial"
    assert view.model.find(lambda r: r.reference == "IM-003") >= 0  # the register refreshed


def test_skip_existing_leaves_references_already_there(dialog, demo_ctx, tmp_path):
    path = messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False)
    dialog.load_file(path)
    dialog.import_()
    again = RiskImportDialog(demo_ctx, ImmediateRunner())
    again.load_file(path)
    again.check()
    assert all("already" in p for p in again.problems()) and len(again.problems()) == 3
    again.skip_existing.setChecked(True)
    again.check()
    assert "0 risks would be imported" in again.result_label.text()
    assert again.problems() == ["Skipped, already in the register: IM-001, IM-002, IM-003"]
    again.deleteLater()


def test_unreadable_file_is_shown_as_an_error(dialog, tmp_path, message_boxes):
    bad = tmp_path / "not a register.xlsx"
    bad.write_text("hello")
    dialog.load_file(bad)
    assert dialog.found_label.text() == "This file could not be read."
    assert not dialog.check_button.isEnabled()
    assert message_boxes.seen


def test_export_writes_the_risks_shown(view, demo_ctx, tmp_path):
    view.show_filtered(corporate_only=True)
    shoot(view, "register_file_buttons")
    path = tmp_path / "corporate.xlsx"
    view.files.ask_export_path = lambda: path
    view.files.export_action.trigger()
    book = openpyxl.load_workbook(path)
    sheet = book["Risk register"]
    written = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    expected = [r.reference for r in demo_ctx.run(
        risk_register.list_risks, filters=RiskFilter(corporate_only=True))]
    assert written == expected and len(written) < len(refs(demo_ctx))


def test_export_to_csv_has_every_risk(view, demo_ctx, tmp_path):
    view.show_filtered(status=None)
    path = tmp_path / "all.csv"
    view.files.export_to(path)
    text = path.read_text(encoding="utf-8-sig")
    assert all(ref in text for ref in refs(demo_ctx))


def test_filters_the_export_cannot_apply_are_named():
    from app.ui.risks.register_model import RegisterFilter

    filters, left_out = export_filters(RegisterFilter(band="Extreme",
                                                      cell=("current", 4, 4)))
    assert filters == RiskFilter(band="Extreme") and left_out == ["heat map cell"]
    assert with_suffix("/x/register", "CSV file (*.csv)", {"CSV file (*.csv)": ".csv"}) \
        == Path("/x/register.csv")


@pytest.mark.parametrize("corporate", [False, True])
def test_report_writes_a_pdf_and_opens_the_preview(view, demo_ctx, tmp_path, corporate,
                                                   qtbot):
    path = tmp_path / "register.pdf"
    view.files.ask_report_path = lambda corporate_only: path
    action = view.files.corporate_action if corporate else view.files.whole_action
    action.trigger()
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert ("Corporate risk register" if corporate else "Risk register") in text
    assert "CR-005" in text
    preview = view.files.dialog
    qtbot.addWidget(preview)
    assert preview.isVisible() and preview.preview.path == path
    assert os.path.getsize(path) > 1000


def test_default_category_stands_in_for_an_ignored_column(dialog, demo_ctx, tmp_path):
    shoot(dialog, "import_empty")
    assert not dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.load_file(messy_workbook(tmp_path / "messy.xlsx", bad_likelihood=False))
    dialog.set_field("Category", "ignore")
    dialog.check()
    assert dialog.problems() == [
        "Category: no column holds the category; map one, or choose a category for every risk"]
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("Project"))
    dialog.import_()
    assert "Imported 3 risks" in dialog.result_label.text()
    categories = {demo_ctx.run(risk_register.find_risk, reference=f"IM-00{n}").category
                  for n in (1, 2, 3)}
    assert categories == {"Project"}


def test_csv_columns_headed_like_letters_are_mapped_by_position(dialog, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("Ref,Title,L,C,Category\nIM-9,Car park lighting,2,2,Project\n",
                    encoding="utf-8")
    dialog.load_file(path)
    assert not dialog.sheet_combo.isEnabled()  # a CSV file has one table
    assert [dialog.field_combo(h).currentData() for h in ("L", "C")] \
        == ["current_likelihood", "current_consequence"]
    dialog.set_field("C", "ignore")  # the column headed "C" (column D), not column C
    fields = {c.heading: c.field for c in dialog.mapping().columns}
    assert fields["L"] == "current_likelihood" and fields["C"] is None
    assert "Not imported:</b> C" in dialog.mapping_label.text()
    assert "Needed:</b> Current likelihood" in dialog.mapping_label.text()

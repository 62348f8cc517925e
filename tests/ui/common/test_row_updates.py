"""Narrow updates: one record changed touches its row only, and sections meet one Protocol."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from app.ui.common.section import Section, SectionWidget
from app.ui.common.table_model import RowTableModel, SearchProxyModel
from app.ui.shell.sections import SECTIONS


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class Model(RowTableModel):
    COLUMNS = (("Id", lambda r: r.id), ("Name", lambda r: r.name))


def watched(model):
    seen = {"changed": [], "reset": 0, "inserted": []}
    model.dataChanged.connect(lambda top, bottom, *_: seen["changed"].append(
        (top.row(), top.column(), bottom.row(), bottom.column())))
    model.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    model.rowsInserted.connect(lambda _p, first, last: seen["inserted"].append((first, last)))
    return seen


def test_replace_row_changes_that_row_only(qtbot):
    model = Model()
    model.set_rows([Row(1, "Audit"), Row(2, "Quality"), Row(3, "Finance")])
    seen = watched(model)
    model.replace_row(1, Row(2, "Quality and Safety"))
    assert seen["changed"] == [(1, 0, 1, 1)]
    assert seen["reset"] == 0
    assert model.index(1, 1).data() == "Quality and Safety"


def test_put_row_replaces_by_id_or_inserts_a_new_record(qtbot):
    model = Model()
    model.set_rows([Row(1, "Audit"), Row(2, "Quality")])
    proxy = SearchProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(1)
    seen = watched(model)
    assert model.put_row(Row(1, "Zeta")) == 0
    assert model.put_row(Row(5, "Board")) == 2
    assert seen["changed"] == [(0, 0, 0, 1)]
    assert seen["inserted"] == [(2, 2)]
    assert seen["reset"] == 0
    # The proxy keeps its sort: the renamed row moves, the new one takes its place in order.
    assert [proxy.index(n, 1).data() for n in range(3)] == ["Board", "Quality", "Zeta"]
    assert model.drop_id(5) and model.rowCount() == 2


def test_every_section_meets_the_section_protocol():
    for spec in SECTIONS:
        cls = getattr(importlib.import_module(spec.module), spec.class_name)
        assert issubclass(cls, SectionWidget), spec.class_name
        for name in ("refresh", "show_filtered", "navigate_requested", "status_message",
                     "undo_stack"):
            assert name in dir(cls), (spec.class_name, name)
    assert isinstance(SectionWidget(), Section)

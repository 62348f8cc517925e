"""One risk edit in a 10,000-risk register: the row updated in place against the whole register
read again.

    .venv/bin/python bench/risk_edit.py

Uses ``bench/out/risks10k.sqlite`` (built by ``main.py demo --scale 10000`` on first use, as
``bench/register_filter.py`` does). It opens the Risks section offscreen, saves a new title for
one risk through the service, and times what the section does next:

- row update: ``RisksView.update_row`` — ``get_risk_row`` for that risk, ``dataChanged`` for its
  row, the filter decided for that row, the count and the heat map worked out again;
- full reload: ``RisksView.refresh`` — ``list_risks`` for every risk, a model reset, the sort,
  the filter choices and the filter over every row (what every edit did before);
- raw SQL: the same one row, and every row, straight from sqlite3 with no read models.

Each is the best of several runs.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.register_filter import DB, SELECT, ensure_database  # noqa: E402

RUNS = 5


def best(fn, runs: int = RUNS, setup=None) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ensure_database()
    from PySide6.QtWidgets import QApplication

    from app.services.context import AppContext
    from app.services.risks import register as risk_register
    from app.services.risks import risks
    from app.ui.common.tasks import ImmediateRunner
    from app.ui.risks.register_view import RisksView

    app = QApplication.instance() or QApplication([])
    ctx = AppContext.open(DB, actor="bench")
    view = RisksView(ctx, ImmediateRunner())
    view.resize(1280, 720)
    view.show()
    app.processEvents()
    total = view.model.rowCount()
    target = view.model.row_at(total // 2)
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    titles = iter(f"{target.title.split(' [')[0]} [edit {n}]" for n in range(1000))

    def edit() -> None:  # untimed: the save itself is the same either way
        current = ctx.run(risk_register.get_risk_row, risk_id=target.id)
        ctx.run(risks.update_risk, risk_id=target.id, expected_version=current.version,
                title=next(titles))

    def row_update() -> None:
        view.update_row(target.id)
        app.processEvents()

    def full_reload() -> None:
        view.refresh()
        app.processEvents()

    save = best(edit)
    row = best(row_update, setup=edit)
    assert not resets, "a row update reset the model"
    shown = view.model.row_at(view.model.position_of(target.id)).title
    assert shown.endswith("]"), shown
    reload = best(full_reload, 3, setup=edit)

    raw = sqlite3.connect(DB)
    today = dt.date.today().isoformat()
    one = SELECT.replace("WHERE r.status = 'open' AND {where}", "WHERE r.id = :id")
    every = SELECT.replace("WHERE r.status = 'open' AND {where}", "")
    sql_one = best(lambda: raw.execute(one, {"today": today, "id": target.id}).fetchall())
    sql_all = best(lambda: len(raw.execute(every, {"today": today}).fetchall()), 3)

    print(f"Risks section, {total:,} risks; one risk edited ({target.reference})")
    print(f"  save through the service (untimed in both): {save * 1000:8.1f} ms")
    print(f"  row update (get_risk_row + dataChanged):    {row * 1000:8.1f} ms")
    print(f"  full reload (list_risks + model reset):     {reload * 1000:8.1f} ms")
    print(f"  full reload / row update:                   {reload / row:8.1f}x")
    print(f"  raw SQL, that one row:                      {sql_one * 1000:8.1f} ms"
          f"   (row update / SQL {row / sql_one:.1f}x)")
    print(f"  raw SQL, every row:                         {sql_all * 1000:8.1f} ms"
          f"   (full reload / SQL {reload / sql_all:.1f}x)")
    view.close()
    ctx.close()


if __name__ == "__main__":
    main()

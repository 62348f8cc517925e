"""Filtering a 10,000-risk register: the GUI's path against the same query in raw SQL.

    .venv/bin/python bench/register_filter.py

Builds ``bench/out/risks10k.sqlite`` once (``main.py demo --scale 10000``, about a minute)
and reuses it after. For a few filters a board secretary uses (band Extreme, corporate only,
text "financial", overdue review) it times, in the same run:

- GUI: what the Risks section does when a filter changes. It loads the whole register once
  (``risk_register.list_risks``, status all, into ``RiskRegisterTableModel``), then filters in
  memory: ``RiskFilterProxyModel.set_state``, the row count and the heat map's counts (what
  ``RisksView._after_filter`` asks for before the user sees the result).
- service: ``list_risks(filters)`` (the query with that WHERE, read models built) put into the
  same table model and proxy; what a filter would cost if each change went to the database.
- SQL: the same rows straight from sqlite3 with the equivalent WHERE clauses and joins, no
  read models: the floor any Python front end stands on.

Each is the best of several runs; the ratios are against raw SQL.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DB = ROOT / "bench" / "out" / "risks10k.sqlite"
SCALE = 10_000
RUNS = 5

SELECT = """
SELECT r.*, c.name, c.appetite_level, c.tolerance, p.name, k.name,
       a.open_actions, a.overdue_actions
FROM risk r
JOIN risk_category c ON r.category_id = c.id
LEFT JOIN person p ON r.owner_id = p.id
LEFT JOIN committee k ON r.committee_id = k.id
LEFT JOIN (SELECT risk_id,
                  SUM(status IN ('open', 'in progress')) AS open_actions,
                  SUM(status IN ('open', 'in progress') AND due_on < :today) AS overdue_actions
           FROM risk_action GROUP BY risk_id) a ON a.risk_id = r.id
WHERE r.status = 'open' AND {where}
"""
# name: (the service's RiskFilter arguments, the GUI's RegisterFilter arguments, raw SQL WHERE)
FILTERS = {
    "band Extreme": ({"band": "Extreme"}, {"band": "Extreme"},
                     "r.current_likelihood * r.current_consequence BETWEEN 15 AND 25"),
    "corporate only": ({"corporate_only": True}, {"corporate_only": True},
                       "r.on_corporate_register = 1"),
    "text 'financial'": ({"text": "financial"}, {"text": "financial"},
                         "(lower(r.reference) LIKE :like OR lower(r.title) LIKE :like OR "
                         "lower(r.cause) LIKE :like OR lower(r.event) LIKE :like OR "
                         "lower(r.effect) LIKE :like)"),
    "overdue review": ({"overdue_review": True}, {"overdue_review": True},
                       "r.next_review_on < :today"),
}


def ensure_database() -> None:
    if DB.exists():
        with sqlite3.connect(DB) as con:
            if con.execute("SELECT count(*) FROM risk").fetchone()[0] >= SCALE:
                return
        DB.unlink()
    DB.parent.mkdir(parents=True, exist_ok=True)
    print(f"Building {DB.relative_to(ROOT)} with {SCALE:,} risks (about a minute)…", flush=True)
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(DB), "demo", "--scale",
                    str(SCALE)], check=True, env={**os.environ, "BOARDBOOK_NO_BOOTSTRAP": "1"})


def best(fn, runs: int = RUNS, setup=None) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    ensure_database()
    from PySide6.QtWidgets import QApplication

    from app.services.context import AppContext
    from app.services.risks import register as risk_register
    from app.ui.risks.register_model import (
        RegisterFilter,
        RiskFilterProxyModel,
        RiskRegisterTableModel,
        cell_counts,
    )

    app = QApplication.instance() or QApplication([])  # noqa: F841 (models want one alive)
    ctx = AppContext.open(DB, actor="bench")
    model, proxy = RiskRegisterTableModel(), RiskFilterProxyModel()
    proxy.setSourceModel(model)

    def load_all():
        with ctx.transaction() as s:
            rows = risk_register.list_risks(s, filters=risk_register.RiskFilter(status=None))
        model.set_rows(rows)
        model.sort(RiskRegisterTableModel.COL_REF)
        return len(rows)

    load_time, total = best(load_all, 3)
    print(f"GUI load once: list_risks(all) into the table model, {total:,} risks: "
          f"{load_time * 1000:.0f} ms\n")

    def gui(state):
        def run():
            proxy.set_state(state)
            cell_counts(proxy.matching_rows(ignore_cell=True), "current")
            return proxy.rowCount()
        return run

    def unfiltered():  # untimed: each timed run is a change from the unfiltered register
        proxy.set_state(RegisterFilter())

    s_model, s_proxy = RiskRegisterTableModel(), RiskFilterProxyModel()
    s_proxy.setSourceModel(s_model)

    def service(filters):
        def run():
            with ctx.transaction() as s:
                rows = risk_register.list_risks(s, filters=filters)
            s_model.set_rows(rows)
            s_proxy.set_state(RegisterFilter())
            return s_proxy.rowCount()
        return run

    raw = sqlite3.connect(DB)
    today = dt.date.today().isoformat()

    def sql(where):
        return lambda: len(raw.execute(SELECT.format(where=where),
                                       {"today": today, "like": "%financial%"}).fetchall())

    print(f"{'filter':<18} {'rows':>6} {'GUI (memory)':>13} {'service+model':>14} "
          f"{'raw SQL':>9} {'GUI/SQL':>8} {'service/SQL':>12}")
    for name, (service_args, gui_args, where) in FILTERS.items():
        g, g_rows = best(gui(RegisterFilter(**gui_args)), setup=unfiltered)
        v, v_rows = best(service(risk_register.RiskFilter(**service_args)))
        q, q_rows = best(sql(where))
        assert g_rows == v_rows == q_rows, (name, g_rows, v_rows, q_rows)
        print(f"{name:<18} {q_rows:>6,} {g * 1000:>10.1f} ms {v * 1000:>11.1f} ms "
              f"{q * 1000:>6.1f} ms {g / q:>7.2f}x {v / q:>11.2f}x")
    ctx.close()


if __name__ == "__main__":
    main()

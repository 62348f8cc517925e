"""How an entry with a date range (an interest, a membership) reads in the People screens: its status, when
an interest was declared (late ones flagged), and the order the register lists them in."""

from __future__ import annotations

import datetime as dt

from app.ui.common.forms import show_date


def has_ended(row, today: dt.date | None = None) -> bool:
    return row.to_date is not None and row.to_date < (today or dt.date.today())


def interest_status(row) -> str:
    if has_ended(row):
        return f"Ended {show_date(row.to_date)}"
    if not row.current:
        return f"From {show_date(row.from_date)}"
    return "Current"


def declared_text(row) -> str:
    text = show_date(row.declared_on) or "not recorded"
    return f"⚑ {text} (late)" if row.declared_late else text


def register_order(rows: list) -> list:
    """Current interests first, then those still to begin, then the ended; newest first."""
    def key(row):
        group = 2 if has_ended(row) else (0 if row.current else 1)
        began = row.from_date.toordinal() if row.from_date else 0
        ended = row.to_date.toordinal() if row.to_date else 0
        return group, -ended if group == 2 else 0, -began, row.id
    return sorted(rows, key=key)


# The columns of an entry in the register, as a person's panel and the whole register show
# it (the register adds the name before and how it is managed after).
ENTRY_COLUMNS = (
    ("Kind", lambda r: r.kind),
    ("Description", lambda r: r.description),
    ("Organisation", lambda r: r.organisation),
    ("From", lambda r: r.from_date),
    ("To", lambda r: r.to_date),
    ("Declared on", lambda r: r.declared_on),
)

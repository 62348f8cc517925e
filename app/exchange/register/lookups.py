"""What the names in a register refer to: people, committees, categories, objectives and the
references already held, each looked up by name without regard to case or spacing.

An unknown name is a problem that says what the known ones are (or the closest one), so the
user can correct the file or add the person first; nothing is created from an import.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.services import people
from app.services.risks import register as risk_register
from app.services.risks import settings as risk_settings


class Names(dict):
    """A lower-cased lookup that remembers how each name is written, for messages."""

    def __init__(self, pairs):
        super().__init__()
        self.shown = {}
        for name, value in pairs:
            self.add(name, value)

    def add(self, name: str, value) -> None:
        key = " ".join(name.lower().split())
        self.shown[key] = name
        self[key] = value


@dataclass
class Lookups:
    """What names in a register may refer to, each by lower-cased name."""

    scheme: rules.BandScheme
    people: dict[str, int]
    committees: dict[str, int]
    categories: dict[str, int]
    objectives: dict[str, int]  # by code
    existing: set[str]  # references already in the database, lower-cased
    today: dt.date
    default_category_id: int | None = None

    def find(self, table: dict[str, int], name: str, what: str, hint: str) -> tuple:
        found = table.get(" ".join(name.lower().split()))
        if found is not None:
            return found, None
        close = difflib.get_close_matches(name.lower(), list(table), n=1, cutoff=0.75)
        maybe = f" (did you mean '{shown(table, close[0])}'?)" if close else ""
        return None, f"unknown {what} '{name}'{maybe}; {hint}"


def shown(table: dict[str, int], key: str) -> str:
    return getattr(table, "shown", {}).get(key, key)


def listed(table: dict[str, int]) -> str:
    written = getattr(table, "shown", None) or {k: k for k in table}
    names = sorted(written.values(), key=str.lower)
    return ", ".join(names[:15]) + (", …" if len(names) > 15 else "") if names else "(none)"


def load_lookups(session: Session, today: dt.date, default_category: str | None) -> Lookups:
    everyone = people.list_people(session, include_retired=True)
    names = Names((p.name, p.id) for p in everyone)
    titles = Counter(p.title.strip().lower() for p in everyone if p.title.strip())
    for p in everyone:  # a job title names its holder when only one person holds it
        title = p.title.strip()
        if title and titles[title.lower()] == 1 and " ".join(title.lower().split()) not in names:
            names.add(title, p.id)
    committees = people.list_committees(session, include_retired=True)
    bodies = Names([(c.name, c.id) for c in committees]
                   + [(c.short_name, c.id) for c in committees if c.short_name])
    categories = Names((c.name, c.id) for c in risk_settings.list_categories(session))
    objectives = Names((o.code, o.id) for o in risk_settings.list_objectives(session))
    existing = {r.reference.lower() for r in risk_register.list_risks(
        session, filters=risk_register.RiskFilter(status=None))}
    default_id = (risk_settings.find_category(session, name=default_category).id
                  if default_category else None)
    return Lookups(risk_settings.get_band_scheme(session), names, bodies, categories,
                   objectives, existing, today, default_id)

"""Risk settings: the band scheme, categories with their appetite, and strategic objectives.

Band scheme
    ``get_band_scheme(session) -> BandScheme`` (the organisation's, else the B&NES default)
    ``set_band_scheme(session, *, scheme: BandScheme) -> BandScheme`` validated, stored in the
    organisation's settings under ``"risk_bands"`` (so the change is audited).
    ``reset_band_scheme(session) -> BandScheme``
    ``set_escalation_threshold(session, *, threshold) -> BandScheme`` (the bands unchanged)
    ``get_reference_prefix(session) -> str`` / ``set_reference_prefix(session, *, prefix)``
    (``"risk_reference_prefix"``, default "CR": new risks are CR-001, CR-002, …)
    ``get_register_settings(session)`` / ``save_register_settings(session, *, scheme, prefix)``
    both at once (the settings dialog's Bands tab): saved together or not at all.

Categories (the register's kinds of risk, each with the board's appetite and tolerance)
    ``list_categories``, ``get_category_settings`` (with the band scheme), ``get_category``, ``find_category(session, *, name)``,
    ``create_category(session, *, name, appetite_level=2, tolerance=None, description="")``
    (tolerance defaults from the appetite level), ``update_category(…, expected_version, …)``,
    ``remove_category(session, *, category_id, expected_version)`` (refused while in use).

Strategic objectives (the board assurance framework)
    ``list_objectives``, ``create_objective(session, *, code, title, description="")``,
    ``update_objective``, ``remove_objective`` (refused while risks are linked).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import risk as rules
from app.domain.errors import Conflict, Problem, ValidationError
from app.domain.risk_register import ObjectiveRow
from app.services import organisation
from app.services.common import check_version, get_or_fail, raise_if
from app.store.risks import Risk, RiskCategory, RiskObjective, StrategicObjective

BANDS_KEY = "risk_bands"
PREFIX_KEY = "risk_reference_prefix"
DEFAULT_PREFIX = "CR"


@dataclass(frozen=True)
class CategoryRow:
    id: int
    name: str
    description: str
    appetite_level: int
    appetite: str  # Avoid, Minimal, Cautious, Open, Seek, Mature
    tolerance: int  # the highest current score the board accepts in this category
    risks: int  # how many risks (open or closed) use it
    version: int


@dataclass(frozen=True)
class RegisterSettings:
    scheme: rules.BandScheme
    prefix: str


@dataclass(frozen=True)
class CategorySettings:
    """The categories, with the band scheme their tolerances are shown against."""

    scheme: rules.BandScheme
    categories: list[CategoryRow]


# ----------------------------------------------------------------------------- band scheme


def get_band_scheme(session: Session) -> rules.BandScheme:
    stored = organisation.get_setting(session, BANDS_KEY)
    if not stored:
        return rules.DEFAULT_SCHEME
    try:
        scheme = rules.BandScheme.from_dict(stored)
    except (KeyError, TypeError, ValueError):
        return rules.DEFAULT_SCHEME  # only set_band_scheme writes it, so this is a damaged file
    return scheme if not rules.scheme_problems(scheme) else rules.DEFAULT_SCHEME


def set_band_scheme(session: Session, *, scheme: rules.BandScheme) -> rules.BandScheme:
    """Store the organisation's bands. Existing corporate-register flags are not recomputed:
    escalation follows the new threshold from each risk's next rescoring."""
    raise_if(rules.scheme_problems(scheme))
    organisation.set_setting(session, key=BANDS_KEY, value=scheme.to_dict())
    return scheme


def reset_band_scheme(session: Session) -> rules.BandScheme:
    return set_band_scheme(session, scheme=rules.DEFAULT_SCHEME)


def get_reference_prefix(session: Session) -> str:
    return organisation.get_setting(session, PREFIX_KEY, DEFAULT_PREFIX) or DEFAULT_PREFIX


def set_reference_prefix(session: Session, *, prefix: str) -> str:
    prefix = prefix.strip().upper()
    if not prefix.isalnum() or len(prefix) > 8:
        raise ValidationError("the prefix must be 1 to 8 letters or digits, like CR",
                              field="prefix")
    organisation.set_setting(session, key=PREFIX_KEY, value=prefix)
    return prefix


def get_register_settings(session: Session) -> RegisterSettings:
    return RegisterSettings(get_band_scheme(session), get_reference_prefix(session))


def save_register_settings(session: Session, *, scheme: rules.BandScheme,
                           prefix: str) -> RegisterSettings:
    """Store the bands, threshold and reference prefix together, or none of them; a refusal
    lists the problems of both."""
    found: list[Problem] = []
    saved = []
    for call, kwargs in ((set_band_scheme, {"scheme": scheme}),
                         (set_reference_prefix, {"prefix": prefix})):
        try:
            saved.append(call(session, **kwargs))
        except ValidationError as exc:
            found += exc.problems
    raise_if(found)  # the caller's transaction rolls back whatever was set
    return RegisterSettings(*saved)


# ------------------------------------------------------------------------------ categories


def _category_row(c: RiskCategory, count: int) -> CategoryRow:
    return CategoryRow(c.id, c.name, c.description, c.appetite_level,
                       rules.appetite_name(c.appetite_level), c.tolerance, count, c.version)


def _risk_counts(session: Session, column) -> dict[int, int]:
    return dict(session.execute(select(column, func.count()).group_by(column)).all())


def list_categories(session: Session) -> list[CategoryRow]:
    counts = _risk_counts(session, Risk.category_id)
    return [_category_row(c, counts.get(c.id, 0))
            for c in session.scalars(select(RiskCategory).order_by(RiskCategory.name))]


def get_category_settings(session: Session) -> CategorySettings:
    return CategorySettings(get_band_scheme(session), list_categories(session))


def get_category(session: Session, *, category_id: int) -> CategoryRow:
    category = get_or_fail(session, RiskCategory, category_id, "risk category")
    return _category_row(category, _risk_counts(session, Risk.category_id).get(category_id, 0))


def find_category(session: Session, *, name: str) -> CategoryRow:
    """A category by name, ignoring case (for the command line and importers)."""
    found = session.scalar(select(RiskCategory).where(
        func.lower(RiskCategory.name) == name.strip().lower()))
    if found is None:
        known = ", ".join(c.name for c in list_categories(session))
        raise ValidationError(f"there is no risk category called '{name}'; the categories "
                              f"are: {known}", field="category")
    return get_category(session, category_id=found.id)


def _unique_category(session: Session, name: str, category_id: int | None) -> list[Problem]:
    clash = session.scalar(select(RiskCategory.id).where(
        func.lower(RiskCategory.name) == name.strip().lower()))
    if clash is not None and clash != category_id:
        return [Problem("name", f"there is already a category called '{name.strip()}'")]
    return []


def create_category(session: Session, *, name: str, appetite_level: int = 2,
                    tolerance: int | None = None, description: str = "") -> CategoryRow:
    if tolerance is None and appetite_level in range(len(rules.APPETITE_LEVELS)):
        tolerance = rules.default_tolerance(appetite_level)
    problems = rules.category_problems(name=name, appetite_level=appetite_level,
                                       tolerance=tolerance or 0)
    raise_if(problems + _unique_category(session, name, None))
    category = RiskCategory(name=name.strip(), appetite_level=appetite_level,
                            tolerance=tolerance, description=description)
    session.add(category)
    session.flush()
    return _category_row(category, 0)


def update_category(session: Session, *, category_id: int, expected_version: int | None,
                    name: str, appetite_level: int, tolerance: int,
                    description: str = "") -> CategoryRow:
    """Change a category or the board's appetite for it; register flags follow at once."""
    category = get_or_fail(session, RiskCategory, category_id, "risk category")
    check_version(category, expected_version, f"The category {category.name}")
    problems = rules.category_problems(name=name, appetite_level=appetite_level,
                                       tolerance=tolerance)
    raise_if(problems + _unique_category(session, name, category_id))
    category.name, category.description = name.strip(), description
    category.appetite_level, category.tolerance = appetite_level, tolerance
    session.flush()
    return get_category(session, category_id=category_id)


def remove_category(session: Session, *, category_id: int, expected_version: int | None) -> None:
    category = get_or_fail(session, RiskCategory, category_id, "risk category")
    check_version(category, expected_version, f"The category {category.name}")
    in_use = _risk_counts(session, Risk.category_id).get(category_id, 0)
    if in_use:
        raise Conflict(f"The category {category.name} is used by {in_use} risk(s); move them "
                       "to another category first. Nothing was removed.")
    session.delete(category)
    session.flush()


# ---------------------------------------------------------------------------- objectives


def _objective_row(o: StrategicObjective, count: int) -> ObjectiveRow:
    return ObjectiveRow(o.id, o.code, o.title, o.description, count, o.version)


def list_objectives(session: Session) -> list[ObjectiveRow]:
    counts = _risk_counts(session, RiskObjective.objective_id)
    query = select(StrategicObjective).order_by(StrategicObjective.code)
    return [_objective_row(o, counts.get(o.id, 0)) for o in session.scalars(query)]


def _objective_problems(session: Session, code: str, title: str,
                        objective_id: int | None) -> list[Problem]:
    problems = []
    if not code.strip():
        problems.append(Problem("code", "an objective needs a short code, like SO1"))
    if not title.strip():
        problems.append(Problem("title", "an objective needs a title"))
    clash = session.scalar(select(StrategicObjective.id).where(
        StrategicObjective.code == code.strip()))
    if clash is not None and clash != objective_id:
        problems.append(Problem("code", f"the code {code.strip()} is already used"))
    return problems


def create_objective(session: Session, *, code: str, title: str,
                     description: str = "") -> ObjectiveRow:
    raise_if(_objective_problems(session, code, title, None))
    objective = StrategicObjective(code=code.strip(), title=title.strip(),
                                   description=description)
    session.add(objective)
    session.flush()
    return _objective_row(objective, 0)


def update_objective(session: Session, *, objective_id: int, expected_version: int | None,
                     code: str, title: str, description: str = "") -> ObjectiveRow:
    objective = get_or_fail(session, StrategicObjective, objective_id, "strategic objective")
    check_version(objective, expected_version, f"Objective {objective.code}")
    raise_if(_objective_problems(session, code, title, objective_id))
    objective.code, objective.title = code.strip(), title.strip()
    objective.description = description
    session.flush()
    count = _risk_counts(session, RiskObjective.objective_id).get(objective_id, 0)
    return _objective_row(objective, count)


def remove_objective(session: Session, *, objective_id: int,
                     expected_version: int | None) -> None:
    objective = get_or_fail(session, StrategicObjective, objective_id, "strategic objective")
    check_version(objective, expected_version, f"Objective {objective.code}")
    if _risk_counts(session, RiskObjective.objective_id).get(objective_id, 0):
        raise Conflict(f"Objective {objective.code} still has principal risks linked to it; "
                       "unlink them first. Nothing was removed.")
    session.delete(objective)
    session.flush()


def set_escalation_threshold(session: Session, *, threshold: int) -> rules.BandScheme:
    """Change the score at or above which a risk is escalated; the bands stay as they are."""
    return set_band_scheme(session, scheme=replace(get_band_scheme(session),
                                                   escalation_threshold=threshold))

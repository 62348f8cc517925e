"""The organisation's name, logo and settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, NotFound, ValidationError
from app.services.common import check_version
from app.store.organisation import Organisation


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    has_logo: bool
    settings: dict
    version: int


def _row(org: Organisation) -> OrganisationRow:
    return OrganisationRow(org.id, org.name, org.short_name, org.logo is not None,
                           dict(org.settings or {}), org.version)


def _the_organisation(session: Session) -> Organisation | None:
    return session.scalar(select(Organisation).order_by(Organisation.id).limit(1))


def is_set_up(session: Session) -> bool:
    return _the_organisation(session) is not None


def get_organisation(session: Session) -> OrganisationRow:
    org = _the_organisation(session)
    if org is None:
        raise NotFound("The organisation has not been set up yet.")
    return _row(org)


def set_up_organisation(session: Session, *, name: str, short_name: str = "") -> OrganisationRow:
    if not name.strip():
        raise ValidationError("the organisation needs a name", field="name")
    if _the_organisation(session) is not None:
        raise Conflict("The organisation is already set up in this database.")
    org = Organisation(name=name.strip(), short_name=short_name.strip(), settings={})
    session.add(org)
    session.flush()
    return _row(org)


def update_organisation(session: Session, *, expected_version: int | None, name: str,
                        short_name: str = "") -> OrganisationRow:
    org = _the_organisation(session)
    if org is None:
        raise NotFound("The organisation has not been set up yet.")
    check_version(org, expected_version, "The organisation")
    if not name.strip():
        raise ValidationError("the organisation needs a name", field="name")
    org.name, org.short_name = name.strip(), short_name.strip()
    session.flush()
    return _row(org)


def set_logo(session: Session, *, data: bytes | None, content_type: str = "image/png") -> None:
    org = _the_organisation(session)
    if org is None:
        raise NotFound("The organisation has not been set up yet.")
    org.logo, org.logo_type = data, (content_type if data else "")
    session.flush()


def save_organisation(session: Session, *, expected_version: int | None, name: str,
                      short_name: str = "", replace_logo: bool = False,
                      logo: bytes | None = None,
                      logo_type: str = "image/png") -> OrganisationRow:
    """The organisation dialog's Save: name and short name, and the logo when
    ``replace_logo`` (``logo=None`` removes it), together or not at all."""
    update_organisation(session, expected_version=expected_version, name=name,
                        short_name=short_name)
    if replace_logo:
        set_logo(session, data=logo, content_type=logo_type or "image/png")
    return get_organisation(session)


def get_logo(session: Session) -> bytes | None:
    org = _the_organisation(session)
    return org.logo if org else None


def get_setting(session: Session, key: str, default=None):
    org = _the_organisation(session)
    if org is None:
        return default
    return (org.settings or {}).get(key, default)


def set_setting(session: Session, *, key: str, value) -> None:
    """Store one organisation setting (risk bands, escalation, …) as JSON."""
    org = _the_organisation(session)
    if org is None:
        raise NotFound("The organisation has not been set up yet.")
    settings = dict(org.settings or {})
    settings[key] = value
    org.settings = settings  # a new dict, so the change is seen and audited
    session.flush()

"""The organisation dialog's Save as one service call, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services import organisation

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def org(ctx):
    return ctx.run(organisation.set_up_organisation, name="NHS Test CCG", short_name="Test")


def test_name_and_logo_are_saved_together(ctx, org):
    row = ctx.run(organisation.save_organisation, expected_version=org.version,
                  name=" NHS Bath CCG ", short_name="B&NES", replace_logo=True, logo=PNG)
    assert (row.name, row.short_name, row.has_logo) == ("NHS Bath CCG", "B&NES", True)
    assert ctx.run(organisation.get_logo) == PNG
    assert ctx.run(organisation.get_organisation) == row


def test_the_logo_is_kept_unless_replaced_and_can_be_removed(ctx, org):
    row = ctx.run(organisation.save_organisation, expected_version=org.version,
                  name="NHS Test CCG", replace_logo=True, logo=PNG)
    row = ctx.run(organisation.save_organisation, expected_version=row.version,
                  name="NHS Test CCG", short_name="TCCG")
    assert (row.short_name, row.has_logo) == ("TCCG", True)
    row = ctx.run(organisation.save_organisation, expected_version=row.version,
                  name="NHS Test CCG", replace_logo=True, logo=None)
    assert not row.has_logo and ctx.run(organisation.get_logo) is None


def test_a_refused_save_changes_neither_name_nor_logo(ctx, org):
    with pytest.raises(ValidationError, match="needs a name"):
        ctx.run(organisation.save_organisation, expected_version=org.version, name=" ",
                replace_logo=True, logo=PNG)
    ctx.run(organisation.save_organisation, expected_version=org.version, name="Renamed")
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(organisation.save_organisation, expected_version=org.version,
                name="Stale", replace_logo=True, logo=PNG)
    kept = ctx.run(organisation.get_organisation)
    assert (kept.name, kept.has_logo) == ("Renamed", False)

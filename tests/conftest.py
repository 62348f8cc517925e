"""Shared fixtures: a migrated database per test, on SQLite and (when configured) PostgreSQL.

Like Anki's tests, the schema is migrated once per session into a template, and each test gets a
fresh copy: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import uuid

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The witness of what this computer saw of each database: the tests' own, never the user's.
os.environ.setdefault("BOARDBOOK_WITNESS", os.path.join(tempfile.mkdtemp(prefix="boardbook-"),
                                                        "witness.json"))

# Property tests judge the rules, not the machine: on a busy two-core runner generating inputs
# can be slow, which is no fault of the code under test.
settings.register_profile("boardbook", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("boardbook")

PG_URL = os.environ.get("BOARDBOOK_TEST_PG")
_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    from app.store.engine import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(path).dispose()
    return path


@pytest.fixture
def sqlite_path(sqlite_template, tmp_path):
    path = tmp_path / "boardbook.sqlite"
    shutil.copy(sqlite_template, path)
    return path


@pytest.fixture
def sqlite_ctx(sqlite_path):
    from app.services.context import AppContext

    ctx = AppContext.open(sqlite_path, actor="test secretary")
    yield ctx
    ctx.close()


def _pg_admin():
    from sqlalchemy import create_engine

    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template():
    if not PG_URL:
        pytest.skip("BOARDBOOK_TEST_PG is not set (CI sets it; see .ci/run)")
    from sqlalchemy import text

    from app.store.engine import open_database

    name = f"bb_template_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    open_database(_with_database(PG_URL, name)).dispose()
    yield name
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template):
    from sqlalchemy import text

    name = f"bb_test_{os.getpid()}_{next(_counter)}"
    admin = _pg_admin()
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield _with_database(PG_URL, name)
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_ctx(pg_url):
    from app.services.context import AppContext

    ctx = AppContext.open(pg_url, actor="test secretary")
    yield ctx
    ctx.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def ctx(request):
    """A fresh, migrated database on each backend: service tests run on both."""
    name = "sqlite_ctx" if request.param == "sqlite" else "pg_ctx"
    return request.getfixturevalue(name)


@pytest.fixture
def demo_ctx(sqlite_ctx):
    from app.services.demo.load import load_demo

    sqlite_ctx.run(load_demo)
    return sqlite_ctx

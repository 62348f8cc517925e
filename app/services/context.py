"""The application context: one per open database, handed to windows and commands.

It owns the engine and the session factory, knows who is acting, and runs each change in one
transaction, turning database-level failures into the typed errors users are shown.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import STALE_EDIT, Conflict
from app.store.audit import install_audit_hooks
from app.store.engine import database_url, describe, open_database

T = TypeVar("T")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


@dataclass
class AppContext:
    engine: Engine
    url: str
    actor: str = field(default_factory=os_user)

    def __post_init__(self) -> None:
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        install_audit_hooks(self.session_factory)

    @classmethod
    def open(cls, path_or_url: str | Path | None, actor: str | None = None) -> AppContext:
        engine = open_database(path_or_url)
        return cls(engine=engine, url=database_url(path_or_url), actor=actor or os_user())

    @property
    def description(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls everything back on any error."""
        session = self.session_factory()
        session.info["actor"] = self.actor
        try:
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise Conflict(STALE_EDIT.format(what="This record")) from None
        except IntegrityError as exc:
            session.rollback()
            raise Conflict(f"The change clashes with what is stored: {_integrity_reason(exc)}. "
                           "Nothing was saved.") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, service: Callable[..., T], /, **kwargs) -> T:
        """Call one service in its own transaction."""
        with self.transaction() as session:
            return service(session, **kwargs)

    def close(self) -> None:
        self.engine.dispose()


def _integrity_reason(exc: IntegrityError) -> str:
    text = str(exc.orig).strip().splitlines()[0]
    if "UNIQUE" in text.upper() or "duplicate key" in text:
        return "a record with the same unique value already exists"
    if "FOREIGN KEY" in text.upper() or "foreign key" in text:
        return "it refers to a record that does not exist or is still in use"
    return text

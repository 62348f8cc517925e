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

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import STALE_EDIT, Conflict
from app.services import witness
from app.services.meetings.sealing import install_seal_hooks
from app.store.audit import install_audit_hooks
from app.store.engine import database_url, describe, open_database, url_without_password

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
        install_seal_hooks(self.session_factory)

    # What this computer's witness found on opening (app.services.witness), or None.
    witness_warning: str | None = field(default=None, init=False)

    @classmethod
    def open(cls, path_or_url: str | Path | None, actor: str | None = None) -> AppContext:
        engine = open_database(path_or_url)
        # The context keeps the URL without its password: it is shown, logged and used as a key.
        ctx = cls(engine=engine, url=url_without_password(database_url(path_or_url)),
                  actor=actor or os_user())
        ctx.witness_warning = ctx.run(witness.witness_open, database=ctx.witness_key)
        ctx._witnessed = True
        return ctx

    @property
    def witness_key(self) -> str:
        """The database as the witness names it: the file, or the server URL without its
        password."""
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite" and url.database:
            return f"sqlite:{Path(url.database).resolve()}"
        return url_without_password(self.url)

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
        if getattr(self, "_witnessed", False):
            self._witnessed = False
            try:
                self.run(witness.witness_close, database=self.witness_key)
            except SQLAlchemyError:
                pass  # the database went away; what was last remembered stands
        self.engine.dispose()


def _integrity_reason(exc: IntegrityError) -> str:
    text = str(exc.orig).strip().splitlines()[0]
    if "UNIQUE" in text.upper() or "duplicate key" in text:
        return "a record with the same unique value already exists"
    if "FOREIGN KEY" in text.upper() or "foreign key" in text:
        return "it refers to a record that does not exist or is still in use"
    return text

"""Database passwords: never stored or shown by Boardbook, kept in the system keychain when the
user asks, otherwise asked for when the server wants one.

Everything that stores or shows a database (the recent list, the window, messages, the witness)
uses the password-less form from ``app.store.engine.url_without_password``. A server is first
tried with the password the user typed in its URL, else the one in the keychain, else none
(trust, peer or ~/.pgpass logins need none); only when the server asks for a password, or
refuses the one given, is the user asked, through ``ask``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import make_url

from app.domain.errors import PasswordNeeded
from app.services.context import AppContext
from app.store import keychain
from app.store.engine import database_url, url_without_password

# ask(database as shown, why) -> the password, or None when the user cancels
PasswordAsker = Callable[[str, str], str | None]
TRIES = 3


def without_password(path_or_url: str | Path) -> str:
    """What may be stored or shown for a database the user named: a path as it is, a URL with
    no password."""
    return url_without_password(str(path_or_url))


def is_server(path_or_url: str | Path | None) -> bool:
    return path_or_url is not None and "://" in str(path_or_url) and \
        make_url(database_url(path_or_url)).get_backend_name() != "sqlite"


def is_server_address(text: str) -> bool:
    """Whether ``text`` reads as a server URL at all (without echoing it in an error)."""
    try:
        return is_server(text)
    except Exception:  # sqlalchemy's ArgumentError and ValueError for a malformed URL
        return False


def password_in(path_or_url: str | Path | None) -> str | None:
    if not is_server(path_or_url):
        return None
    return make_url(database_url(path_or_url)).password or None


def with_password(path_or_url: str | Path, password: str | None) -> str:
    """The URL to connect with (held in memory only, never stored or shown)."""
    if not password:
        return url_without_password(database_url(path_or_url))
    url = make_url(database_url(path_or_url)).set(password=password)
    return url.render_as_string(hide_password=False)


def keychain_key(path_or_url: str | Path) -> str:
    return url_without_password(database_url(path_or_url))


def keychain_password(path_or_url: str | Path) -> str | None:
    return keychain.stored_password(keychain_key(path_or_url)) if is_server(path_or_url) else None


def remember_password(path_or_url: str | Path, password: str) -> bool:
    """Keep the password in the system keychain; False when this computer has none."""
    return keychain.store_password(keychain_key(path_or_url), password)


def open_context(path_or_url: str | Path | None, *, actor: str | None = None,
                 ask: PasswordAsker | None = None) -> tuple[AppContext, str | None]:
    """Open the database, finding or asking for the password a server wants. Returns the
    context and the password that opened it (None if none was needed or given), so that the
    caller may keep it in the keychain when the user asked. PasswordNeeded when the server
    still wants one and the user cancelled (or cannot be asked)."""
    if not is_server(path_or_url):
        return AppContext.open(path_or_url, actor=actor), None
    password = password_in(path_or_url) or keychain_password(path_or_url)
    for _ in range(TRIES):
        try:
            return AppContext.open(with_password(path_or_url, password), actor=actor), password
        except PasswordNeeded as exc:
            if ask is None:
                raise
            password = ask(without_password(path_or_url), str(exc))
            if password is None:
                raise
    return AppContext.open(with_password(path_or_url, password), actor=actor), password

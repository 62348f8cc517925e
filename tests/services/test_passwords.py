"""Database passwords: stripped from every stored or shown form of a URL, kept in the system
keychain only when asked, asked for when the server wants one."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.domain.errors import DatabaseRefused, PasswordNeeded
from app.services import passwords
from app.services.context import AppContext
from app.store.engine import describe, open_database, url_without_password

SECRET = "UniqueSecret123"
FAKE = f"postgresql+psycopg://clerk:{SECRET}@db.example.nhs.uk:5433/boardbook"
BARE = "postgresql+psycopg://clerk@db.example.nhs.uk:5433/boardbook"


class MemoryKeyring(KeyringBackend):
    """A keychain in a dict, as the operating system's would keep it."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_the_one_helper_drops_the_password_and_keeps_the_rest():
    assert url_without_password(FAKE) == BARE
    assert url_without_password(BARE) == BARE
    assert url_without_password("/data/merton.sqlite") == "/data/merton.sqlite"
    assert url_without_password("sqlite:////data/merton.sqlite") == "sqlite:////data/merton.sqlite"
    assert describe(FAKE) == BARE
    assert describe("sqlite:////data/merton.sqlite") == "/data/merton.sqlite"
    # postgresql:// gains its driver, and a password with URL-quoted characters goes too
    assert passwords.keychain_key("postgresql://clerk:p%40ss%3Aword@db/bb") == \
        "postgresql+psycopg://clerk@db/bb"
    assert passwords.without_password("postgresql://clerk:p%40ss%3Aword@db/bb") == \
        "postgresql://clerk@db/bb"


def test_string_functions_on_a_file_and_a_server():
    assert not passwords.is_server("/data/merton.sqlite")
    assert not passwords.is_server("sqlite:////data/merton.sqlite")
    assert not passwords.is_server(None)
    assert passwords.is_server(FAKE)
    assert passwords.password_in(FAKE) == SECRET
    assert passwords.password_in(BARE) is None
    assert passwords.password_in("/data/merton.sqlite") is None
    assert passwords.with_password(BARE, SECRET) == FAKE
    assert passwords.with_password(FAKE, None) == BARE
    assert not passwords.is_server_address("postgresql+psycopg")


def test_the_sqlite_context_and_its_names(sqlite_path):
    ctx, password = passwords.open_context(sqlite_path, actor="clerk")
    try:
        assert password is None
        assert ctx.description == str(sqlite_path)
        assert ctx.witness_key == f"sqlite:{sqlite_path}"
    finally:
        ctx.close()


def test_a_refusal_never_echoes_the_password():
    # nothing listens on port 1: the driver's own message comes back, without the password
    with pytest.raises(DatabaseRefused) as refused:
        open_database(f"postgresql+psycopg://clerk:{SECRET}@127.0.0.1:1/boardbook"
                      "?connect_timeout=3")
    assert SECRET not in str(refused.value)
    assert "postgresql+psycopg://clerk@127.0.0.1:1/boardbook" in str(refused.value)


class FakeServer:
    """AppContext.open standing in for a server that wants SECRET."""

    def __init__(self):
        self.tried: list[str | None] = []

    def open(self, url, actor=None):
        given = passwords.password_in(url)
        self.tried.append(given)
        if given != SECRET:
            raise PasswordNeeded(f"{url_without_password(url)} asks for a password: "
                                 "password authentication failed.")
        return "opened"


@pytest.fixture
def server(monkeypatch):
    fake = FakeServer()
    monkeypatch.setattr(AppContext, "open", fake.open)
    return fake


def test_a_password_in_the_url_is_used_as_given(server, memory_keyring):
    assert passwords.open_context(FAKE) == ("opened", SECRET)
    assert server.tried == [SECRET]
    assert memory_keyring.items == {}  # used, never stored unasked


def test_the_keychain_is_looked_up_by_the_password_less_url(server, memory_keyring):
    assert passwords.remember_password(BARE, SECRET)
    assert memory_keyring.items == {("Boardbook", BARE): SECRET}
    assert passwords.open_context(BARE, ask=lambda *_: pytest.fail("asked")) == \
        ("opened", SECRET)
    assert server.tried == [SECRET]


def test_the_user_is_asked_when_the_server_wants_one(server, memory_keyring):
    asked = []

    def ask(database, reason):
        asked.append((database, reason))
        return "wrong" if len(asked) == 1 else SECRET

    assert passwords.open_context(BARE, ask=ask) == ("opened", SECRET)
    assert server.tried == [None, "wrong", SECRET]
    assert asked[0][0] == BARE and "asks for a password" in asked[0][1]
    assert memory_keyring.items == {}


def test_cancelling_or_no_one_to_ask_refuses(server, memory_keyring):
    with pytest.raises(PasswordNeeded):
        passwords.open_context(BARE, ask=lambda *_: None)
    with pytest.raises(PasswordNeeded):
        passwords.open_context(BARE)


def test_without_a_keychain_asking_still_works_and_nothing_is_kept(server, no_keyring):
    assert passwords.keychain_password(BARE) is None
    assert passwords.remember_password(BARE, SECRET) is False
    assert passwords.open_context(BARE, ask=lambda *_: SECRET) == ("opened", SECRET)

"""Database passwords in the operating system's keychain (Secret Service, Windows Credential
Locker, macOS Keychain) through ``keyring``, keyed by the database's URL without its password.

Boardbook's own settings never hold a password. Where no keychain can be reached (keyring's
"fail" backend, a locked or absent Secret Service) nothing is stored and the user is asked
each time; a keychain problem never stops anyone opening a database.
"""

from __future__ import annotations

SERVICE = "Boardbook"


def _keyring():
    import keyring  # loaded only when a server database is opened (start-up speed)

    return keyring


def stored_password(key: str) -> str | None:
    """The password kept for the database named ``key`` (a password-less URL), or None."""
    try:
        return _keyring().get_password(SERVICE, key)
    except Exception:  # no backend, locked, refused: as good as none stored
        return None


def store_password(key: str, password: str) -> bool:
    """Keep the password; False when there is no keychain to keep it in."""
    try:
        _keyring().set_password(SERVICE, key, password)
    except Exception:
        return False
    return True


def forget_password(key: str) -> None:
    try:
        _keyring().delete_password(SERVICE, key)
    except Exception:
        pass  # nothing stored, or no keychain

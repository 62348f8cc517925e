"""The one atomic file writer and its mode policy (docs/architecture.md, "Files and their modes")."""

import os
import stat

import pytest

from app.files import PRIVATE, PUBLIC, CannotWrite, write_atomically


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
@pytest.mark.parametrize(("audience", "mode"), [(PRIVATE, 0o600), (PUBLIC, 0o644)])
def test_the_mode_is_the_audience_s_whatever_the_umask(tmp_path, umask, audience, mode):
    path = write_atomically(tmp_path / "out.bin", b"data", audience=audience)
    assert _mode(path) == mode
    assert path.read_bytes() == b"data"
    # replacing a file written under the other policy takes this one's mode
    other = PUBLIC if audience is PRIVATE else PRIVATE
    write_atomically(path, b"again", audience=other)
    write_atomically(path, "again, as text", audience=audience)
    assert _mode(path) == mode
    assert path.read_text(encoding="utf-8") == "again, as text"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_private_output_is_owner_only_under_either_umask(sqlite_ctx, tmp_path, umask):
    from app.exchange.json_exchange import export_database

    path = tmp_path / "whole.json"
    export_database(sqlite_ctx.engine, path)
    assert _mode(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("{")


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_public_output_is_readable_by_all_under_either_umask(tmp_path, umask):
    from openpyxl import load_workbook

    from app.exchange.interests_xlsx import write_register_xlsx

    path = tmp_path / "interests.xlsx"
    write_register_xlsx(path, [], "Register of interests")
    assert _mode(path) == 0o644
    assert load_workbook(path).active.title == "Register of interests"


@pytest.mark.parametrize("failure", [RuntimeError("the disk filled"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, failure):
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"the old pack")

    def writer(out):
        out.write(b"half a new pa")
        raise failure

    with pytest.raises(type(failure)):
        write_atomically(path, writer, audience=PRIVATE)
    assert path.read_bytes() == b"the old pack"
    assert _leftovers(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_a_failed_first_write_leaves_nothing(tmp_path):
    def writer(out):
        out.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(CannotWrite, match="No space left on device"):
        write_atomically(tmp_path / "new.xlsx", writer, audience=PUBLIC)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path):
    target = tmp_path / "no such folder" / "register.xlsx"
    with pytest.raises(CannotWrite) as refused:
        write_atomically(target, b"x", audience=PUBLIC)
    assert str(target) in str(refused.value)
    assert "does not exist" in str(refused.value)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_may_not_be_written_is_named(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(CannotWrite, match="you may not write in the folder"):
            write_atomically(folder / "pack.pdf", b"x", audience=PRIVATE)
    finally:
        folder.chmod(0o700)


def test_the_audience_must_be_said():
    with pytest.raises(TypeError):
        write_atomically("x", b"", audience=0o644)

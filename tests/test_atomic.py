"""Atomic writes: all staged files appear together, or none does."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat.atomic import Staging, staged, write_atomic


def test_staged_files_appear_only_on_commit(tmp_path: Path) -> None:
    staging = Staging()
    staging.write_text(tmp_path / "a.json", "{}")
    staging.write_bytes(tmp_path / "b.png", b"\x89PNG")
    temp = staging.path(tmp_path / "b.png")
    assert temp.suffix == ".png" and temp.parent == tmp_path
    assert not (tmp_path / "a.json").exists()
    assert staging.commit() == [tmp_path / "a.json", tmp_path / "b.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.png"]


def test_a_failure_in_the_block_leaves_the_old_files(tmp_path: Path) -> None:
    old = tmp_path / "a.txt"
    old.write_text("old")
    with pytest.raises(RuntimeError), staged() as staging:
        staging.write_text(old, "new")
        staging.write_text(tmp_path / "b.txt", "new")
        raise RuntimeError("half-way")
    assert old.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_atomic_to_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "no" / "x.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rename into place fails (a full disk, a target turned into a
    # folder): the old file stays and no temporary is left beside it.
    from plansat import atomic

    target = tmp_path / "plan.json"
    target.write_text("old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]

"""The one writer of every chart file (:mod:`plansat.charts.output`):
atomic, logged, and what every page writer and the PNG go through."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from plansat import atomic, charts
from plansat.charts.output import write_file
from plansat.models import Project, Result
from tests.helpers import make, solved

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    path = write_file(tmp_path / "p.html", "<p>Zoë — 5 €</p>", "page")
    assert path == tmp_path / "p.html"
    assert path.read_bytes() == "<p>Zoë — 5 €</p>".encode()


def test_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    blob = bytes(range(256))
    assert write_file(str(tmp_path / "b.bin"), blob, "image").read_bytes() \
        == blob


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("old and much longer than the new text")
    write_file(path, "new", "page")
    assert path.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.html"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.html"
    path.write_text("old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_file(path, "new", "page")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.html"]


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_file(tmp_path / "no" / "p.html", "x", "page")
    assert list(tmp_path.iterdir()) == []


def test_the_mode_follows_the_umask_like_open(tmp_path: Path) -> None:
    plain = tmp_path / "plain.html"
    plain.write_text("x")
    written = write_file(tmp_path / "atomic.html", "x", "page")
    assert written.stat().st_mode == plain.stat().st_mode


def test_each_write_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="plansat.charts.output"):
        path = write_file(tmp_path / "s.html", "abc", "HTML status page")
    assert caplog.messages == [f"wrote the HTML status page {path} (3 bytes)"]


def tiny() -> tuple[Project, Result]:
    """A (2 days) then B (1 day): the optimal plan takes 3 days."""
    project = make([{"id": "A", "duration": 2},
                    {"id": "B", "duration": 1, "after": ["A"]}])
    result = solved(project)  # checked by the independent checker
    assert result.makespan == 3
    return project, result


def test_the_page_and_the_png_go_through_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both the HTML report and the Gantt PNG end in ``write_file``: when
    its last step fails, neither leaves a file behind."""
    pytest.importorskip("plotly")
    pytest.importorskip("matplotlib")
    project, result = tiny()
    html = charts.write_html(project, result, tmp_path / "r.html")
    png = charts.write_png(project, result, tmp_path / "r.png")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert png.read_bytes().startswith(PNG_MAGIC)

    def refuse(src: object, dst: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    for write, name in ((charts.write_html, "x.html"),
                        (charts.write_png, "x.png")):
        with pytest.raises(OSError, match="Permission denied"):
            write(project, result, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.png"]
    assert os.path.getsize(html) > 0

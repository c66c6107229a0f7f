"""``plansat store``: list, show, export, import, delete and baselines
end to end on a store in ``tmp_path``; ``--store`` and
``$PLANSAT_STORE``; exit status 2 with one error line for an unknown id,
a stale revision or a bad file; no heavy import for these commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result as Run

import plansat
from plansat.cli import cli
from plansat.models import Project
from plansat.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"


def store_cli(db: Path, *args: str, input: str | None = None) -> Run:
    """Run ``plansat store --store DB ARGS``."""
    return CliRunner().invoke(
        cli, ["store", "--store", str(db), *args], input=input
    )


def only_error(run: Run) -> str:
    """The one ``error:`` line of a failed run."""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the example as ``shop`` (revision 1)."""
    path = tmp_path / "store.db"
    run = store_cli(path, "import", str(EXAMPLE), "--id", "shop")
    assert run.exit_code == 0, run.output
    assert run.stdout == "shop revision 1: E-commerce Platform\n"
    return path


def test_round_trip(db: Path, tmp_path: Path) -> None:
    listed = store_cli(db, "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert [(p["id"], p["revision"]) for p in json.loads(listed.stdout)] == [
        ("shop", 1)
    ]
    table = store_cli(db, "list")
    assert "shop" in table.stdout and "E-commerce Platform" in table.stdout

    out = tmp_path / "shop.json"
    export = store_cli(db, "export", "shop", "-o", str(out))
    assert export.exit_code == 0, export.output
    assert f"wrote {out}" in export.stderr
    assert Project.from_file(out) == Project.from_file(EXAMPLE)

    data = json.loads(out.read_text())
    data["tasks"][0]["duration"] += 1
    out.write_text(json.dumps(data, indent=2))
    update = store_cli(db, "import", str(out), "--id", "shop",
                       "--revision", "1")
    assert update.exit_code == 0, update.output
    assert update.stdout.startswith("shop revision 2")

    show = store_cli(db, "show", "shop")
    assert show.exit_code == 0, show.output
    assert "revision 2 of 2" in show.stdout
    assert "8 tasks, 5 people" in show.stdout
    old = store_cli(db, "show", "shop", "--revision", "1", "--format",
                    "json")
    record = json.loads(old.stdout)
    assert (record["id"], record["revision"]) == ("shop", 1)
    assert Project.model_validate(record["project"]) == Project.from_file(
        EXAMPLE)
    stdout = store_cli(db, "export", "shop").stdout
    assert Project.from_json(stdout) == Project.from_file(out)

    delete = store_cli(db, "delete", "shop", "--yes")
    assert (delete.exit_code, delete.stdout) == (0, "deleted shop\n")
    empty = store_cli(db, "list", "--format", "json")
    assert json.loads(empty.stdout) == []
    assert "no projects" in store_cli(db, "list").stderr


def test_delete_asks_first(db: Path) -> None:
    declined = store_cli(db, "delete", "shop", input="n\n")
    assert declined.exit_code == 130
    assert "Delete shop (E-commerce Platform, revision 1)" in (
        declined.stderr)
    assert store_cli(db, "show", "shop").exit_code == 0
    confirmed = store_cli(db, "delete", "shop", input="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert store_cli(db, "show", "shop").exit_code == 2


def test_baselines(db: Path) -> None:
    project = Project.from_file(EXAMPLE)
    result = plansat.solve(project, time_limit=5, workers=1)
    assert plansat.violations(project, result) == []
    with Store.open(db) as store:
        store.set_baseline("shop", result, "kick-off")
    table = store_cli(db, "baselines", "shop")
    assert table.exit_code == 0, table.output
    assert "kick-off" in table.stdout and str(result.status) in table.stdout
    run = store_cli(db, "baselines", "shop", "--format", "json")
    [baseline] = json.loads(run.stdout)
    assert (baseline["number"], baseline["revision"]) == (0, 1)
    assert baseline["result"]["makespan"] == result.makespan


def test_store_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env" / "plansat.db"
    monkeypatch.setenv("PLANSAT_STORE", str(path))
    run = CliRunner().invoke(cli, ["store", "import", str(EXAMPLE),
                                   "--id", "shop"])
    assert run.exit_code == 0, run.output
    assert path.is_file()
    where = CliRunner().invoke(cli, ["store", "path"])
    assert where.stdout == f"{path}\n"
    other = tmp_path / "other.db"
    assert store_cli(other, "path").stdout == f"{other}\n"
    assert json.loads(store_cli(other, "list", "--format", "json").stdout) \
        == []


def test_default_store_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG_DATA_HOME is the Linux/Unix convention")
    monkeypatch.delenv("PLANSAT_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    run = CliRunner().invoke(cli, ["store", "import", str(EXAMPLE)])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "data" / "plansat" / "plansat.db").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "error: no project nope"),
        (["show", "shop", "--revision", "4"], "has no revision 4"),
        (["export", "nope"], "no project nope"),
        (["delete", "nope", "--yes"], "no project nope"),
        (["baselines", "nope"], "no project nope"),
        (["import", str(EXAMPLE), "--id", "shop"],
         "project shop already exists (revision 1)"),
        (["import", str(EXAMPLE), "--id", "shop", "--revision", "3"],
         "project shop is at revision 1, not 3"),
        (["import", str(EXAMPLE), "--id", "nope", "--revision", "1"],
         "no project nope"),
        (["import", "missing.json"], "missing.json"),
    ],
)
def test_errors_are_one_line_with_status_2(
    db: Path, args: list[str], message: str
) -> None:
    run = store_cli(db, *args)
    assert run.exit_code == 2, run.output
    assert message in only_error(run)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", str(EXAMPLE), "--revision", "1"], "--revision needs"),
        (["import", str(EXAMPLE), "--id", "a b"], "invalid project id"),
        (["show", "shop", "--revision", "0"], "--revision"),
    ],
)
def test_bad_options_exit_2(db: Path, args: list[str], message: str) -> None:
    run = store_cli(db, *args)
    assert run.exit_code == 2
    assert message in run.stderr


def test_bad_files_exit_2(tmp_path: Path, db: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"start": "2025-06-02", "tasks": [{"id": "A"}]}')
    run = store_cli(db, "import", str(bad))
    assert run.exit_code == 2
    assert "tasks[0].duration" in run.stderr
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    run = store_cli(text, "list")
    assert run.exit_code == 2
    assert "file is not a database" in only_error(run)


CHILD = """
import sys
import plansat.cli
heavy = ("ortools", "pandas", "plotly", "matplotlib")
db, codes = sys.argv[1], []
for args in (["--help"], ["list"], ["show", "shop"], ["export", "shop"]):
    sys.argv = ["plansat", "store", "--store", db, *args]
    try:
        plansat.cli.main()
    except SystemExit as exc:
        codes.append(exc.code)
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print("RESULT", codes, loaded, file=sys.stderr)
"""


def test_store_commands_stay_light(db: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db)], capture_output=True,
        text=True, cwd=db.parent, env=env, timeout=120,
    )
    assert "RESULT [0, 0, 0, 0] []" in done.stderr, done.stderr

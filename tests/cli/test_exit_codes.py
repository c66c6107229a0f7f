"""Every command's exit status follows docs/exit-codes.md: 0 clean,
1 violations found, 2 bad input or usage, 3 no schedule, 4 internal
error, 130 stopped by the user.

Each table below names every command it applies to; the coverage tests
at the end make sure no command is left out of the clean and the bad
usage tables, so a new command needs a row here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

import plansat.io
from plansat.check import violations
from plansat.cli import cli
from plansat.cli.options import (
    EXIT_ABORTED,
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_NO_SCHEDULE,
    EXIT_OK,
    EXIT_VIOLATIONS,
)
from plansat.models import Project
from plansat.models import Result as PlanResult

#: Two tasks in a row (2 + 3 working days from Monday 2025-06-02), one
#: person, one feature: every command has something to work on.
TINY = {
    "name": "Tiny", "start": "2025-06-02",
    "people": [{"id": "ann", "skills": {"dev": 3}, "rate": 100}],
    "features": [{"id": "F1", "value": 10, "tasks": ["A", "B"]}],
    "releases": [{"id": "r1", "date": "2025-06-30"}],
    "tasks": [
        {"id": "A", "duration": 2, "needs": [{"skill": "dev"}],
         "estimate": {"optimistic": 1, "likely": 2, "pessimistic": 4},
         "crash": {"duration": 1, "cost_per_day": 50}},
        {"id": "B", "duration": 3, "after": ["A"],
         "needs": [{"skill": "dev"}]},
    ],
}

#: A then B, 5 working days each, deadline the first Friday: 10 days
#: can't fit into 5, so no schedule exists.
INFEASIBLE = {
    "start": "2025-06-02", "deadline": "2025-06-06",
    "features": [{"id": "F1", "value": 1, "tasks": ["A"]}],
    "releases": [{"id": "r1", "date": "2025-06-30"}],
    "tasks": [
        {"id": "A", "duration": 5,
         "estimate": {"optimistic": 4, "likely": 5, "pessimistic": 6}},
        {"id": "B", "duration": 5, "after": ["A"]},
    ],
}


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """ok/infeasible/invalid projects, a checked result of ok, a tampered
    copy of it, an MSPDI export and a store holding ok."""
    root = tmp_path_factory.mktemp("exit")
    paths = {name: root / f"{name}.json"
             for name in ("ok", "infeasible", "invalid", "res", "tampered")}
    paths["ok"].write_text(json.dumps(TINY))
    paths["yaml"] = root / "ok.yaml"
    paths["yaml"].write_text(yaml.safe_dump(TINY))
    paths["infeasible"].write_text(json.dumps(INFEASIBLE))
    paths["invalid"].write_text('{"start": "2025-06-02", "tasks": 7}')
    solved = run("solve", paths["ok"], "--out", paths["res"])
    assert solved.exit_code == 0, solved.output
    project = Project.from_file(paths["ok"])
    assert violations(project, PlanResult.from_file(paths["res"])) == []
    data = json.loads(paths["res"].read_text())
    for task in data["tasks"]:  # B on day 0, before A finishes
        if task["id"] == "B":
            task["finish"] -= task["start"]
            task["start"] = 0
    paths["tampered"].write_text(json.dumps(data))
    paths["xml"] = root / "ok.xml"
    assert run("export", paths["ok"], "-o", paths["xml"]).exit_code == 0
    paths["db"] = root / "store.db"
    stored = run("store", "--store", paths["db"], "import", paths["ok"],
                 "--id", "t")
    assert stored.exit_code == 0, stored.output
    paths["root"] = root
    return paths


def _expand(args: list[str], files: dict[str, Path]) -> list[str]:
    return [a.format(**{k: str(v) for k, v in files.items()})
            for a in args]


STORE = ["store", "--store", "{db}"]
NOTIFY = ["notify", "--store", "{db}"]
PORTFOLIO = Path(__file__).resolve().parents[2] / "examples" / "portfolio"

#: One clean run per command (exit 0).
CLEAN: dict[str, list[str]] = {
    "new": ["new", "{root}/starter.yaml", "--force"],
    "validate": ["validate", "{ok}"],
    "schema": ["schema"],
    "cpm": ["cpm", "{ok}"],
    "solve": ["solve", "{ok}"],
    "check": ["check", "{ok}", "{res}"],
    "crash": ["crash", "{ok}"],
    "report": ["report", "{ok}", "--result", "{res}",
               "--html", "{root}/r.html"],
    "batch": ["batch", "{ok}", "--out", "{root}/batch"],
    "status": ["status", "{ok}", "--baseline", "{res}",
               "--status-date", "2025-06-03"],
    "replan": ["replan", "{ok}", "--baseline", "{res}",
               "--status-date", "2025-06-03"],
    "risk": ["risk", "{ok}", "--result", "{res}", "--iterations", "50"],
    "whatif": ["whatif", "{ok}", "--delay", "A:1"],
    "drivers": ["drivers", "{ok}", "B", "--result", "{res}"],
    "explain": ["explain", "{ok}", "B", "--result", "{res}"],
    "blockers": ["blockers", "{ok}", "--result", "{res}"],
    "releases": ["releases", "{ok}"],
    "import": ["import", "{xml}"],
    "export": ["export", "{ok}", "-o", "{root}/out.xml"],
    "store path": [*STORE, "path"],
    "store list": [*STORE, "list"],
    "store show": [*STORE, "show", "t"],
    "store export": [*STORE, "export", "t"],
    "store import": [*STORE, "import", "{ok}", "--id", "v"],
    "store baselines": [*STORE, "baselines", "t"],
    "store delete": [*STORE, "delete", "u", "--yes"],
    "store migrate": [*STORE, "migrate"],
    "store copy": ["store", "copy", "{db}", "{root}/copy.db"],
    "mcp": ["mcp", "--help"],  # serving blocks; its own tests cover it
    "notify channel add": [*NOTIFY, "channel", "add", "hook",
                           "webhook+http://127.0.0.1:9/h"],
    "notify channel list": [*NOTIFY, "channel", "list"],
    "notify channel remove": [*NOTIFY, "channel", "remove", "gone"],
    "notify preview": [*NOTIFY, "preview", "t", "--type", "milestone"],
    "notify queue": [*NOTIFY, "queue", "t", "--type", "milestone"],
    "notify send": [*NOTIFY, "send"],
    "notify list": [*NOTIFY, "list"],
    "notify config": [*NOTIFY, "config", "--per-store", "100"],
    "portfolio solve": ["portfolio", "solve",
                        str(PORTFOLIO / "portfolio.json"),
                        "--time-limit", "5"],
    "portfolio admit": ["portfolio", "admit",
                        str(PORTFOLIO / "portfolio.json"),
                        str(PORTFOLIO / "analytics.json"),
                        "--time-limit", "5"],
}

#: What runs before a clean row (the project it deletes).
SETUP = {"store delete": [*STORE, "import", "{ok}", "--id", "u"],
         "notify channel remove": [*NOTIFY, "channel", "add", "gone",
                                   "smtp://127.0.0.1:9"]}

#: The commands that read a project: FILE is the first argument after
#: the command's words (0 above); {P} stands for the project.
READS_PROJECT = {
    name: [("{P}" if a == "{ok}" else a) for a in args]
    for name, args in CLEAN.items() if "{ok}" in args
}

#: Commands that solve and can find no schedule (exit 3).
NO_SCHEDULE: dict[str, list[str]] = {
    "solve": ["solve", "{infeasible}"],
    "report": ["report", "{infeasible}", "--html", "{root}/n.html"],
    "replan": ["replan", "{infeasible}", "--status-date", "2025-06-03"],
    "risk": ["risk", "{infeasible}", "--iterations", "50"],
    "whatif": ["whatif", "{infeasible}", "--delay", "A:1"],
    "releases": ["releases", "{infeasible}"],
}


def _commands(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[str]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(path)


ALL = sorted(_commands(cli))


@pytest.mark.parametrize("name", sorted(READS_PROJECT))
def test_every_reader_takes_yaml(name: str, files: dict[str, Path]) -> None:
    if name in SETUP:
        assert run(*_expand(SETUP[name], files)).exit_code == EXIT_OK
    args = [a.replace("{P}", "{yaml}")
            for a in READS_PROJECT[name]]
    if name == "store import":
        args[args.index("v")] = "from-yaml"
    done = run(*_expand(args, files))
    assert done.exit_code == EXIT_OK, done.output


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_run_exits_0(name: str, files: dict[str, Path]) -> None:
    if name in SETUP:
        assert run(*_expand(SETUP[name], files)).exit_code == EXIT_OK
    done = run(*_expand(CLEAN[name], files))
    assert done.exit_code == EXIT_OK, done.output


def test_check_with_violations_exits_1(files: dict[str, Path]) -> None:
    for fmt in ("table", "json"):
        done = run("check", files["ok"], files["tampered"], "--format", fmt)
        assert done.exit_code == EXIT_VIOLATIONS, done.output
        assert "B" in done.stdout


@pytest.mark.parametrize("name", ALL)
def test_unknown_option_exits_2(name: str) -> None:
    done = run(*name.split(), "--no-such-option")
    assert done.exit_code == EXIT_BAD_INPUT, done.output
    assert "No such option" in done.output


@pytest.mark.parametrize("name", sorted(READS_PROJECT))
@pytest.mark.parametrize("project", ["invalid", "missing"])
def test_bad_project_exits_2(
    name: str, project: str, files: dict[str, Path]
) -> None:
    given = files["root"] / "missing.json" if project == "missing" else (
        files[project])
    args = [a.replace("{P}", str(given)) for a in READS_PROJECT[name]]
    done = run(*_expand(args, files))
    if name == "batch":
        # A batch reports each bad project in its summary and goes on.
        assert done.exit_code == EXIT_OK, done.output
        assert "1 error" in done.stdout
        return
    assert done.exit_code == EXIT_BAD_INPUT, done.output
    assert "Traceback" not in done.output
    named = str(given) if project == "missing" else "tasks"
    assert named in done.stderr


@pytest.mark.parametrize("name", ["check", "status", "replan", "risk",
                                  "drivers", "explain", "blockers",
                                  "report"])
def test_bad_result_exits_2(name: str, files: dict[str, Path]) -> None:
    args = [files["invalid"] if a == "{res}" else a for a in CLEAN[name]]
    done = run(*_expand([str(a) for a in args], files))
    assert done.exit_code == EXIT_BAD_INPUT, done.output
    assert "Traceback" not in done.output


@pytest.mark.parametrize("name", sorted(NO_SCHEDULE))
def test_no_schedule_exits_3(name: str, files: dict[str, Path]) -> None:
    done = run(*_expand(NO_SCHEDULE[name], files))
    assert done.exit_code == EXIT_NO_SCHEDULE, done.output


# A batch reads its projects in its workers (their errors go in its
# summary), so it is left out here.
@pytest.mark.parametrize("name", sorted(set(READS_PROJECT) - {"batch"}))
def test_internal_error_exits_4(
    name: str, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> Project:
        raise RuntimeError("boom")

    monkeypatch.setattr(plansat.io, "read", boom)
    args = [a.replace("{P}", "{ok}") for a in READS_PROJECT[name]]
    done = run(*_expand(args, files))
    assert done.exit_code == EXIT_INTERNAL, done.output
    assert "internal error: RuntimeError: boom" in done.stderr


def test_declined_question_exits_130(files: dict[str, Path]) -> None:
    done = run(*_expand([*STORE, "delete", "t"], files), input="n\n")
    assert done.exit_code == EXIT_ABORTED, done.output
    assert "Aborted!" in done.stderr


def test_every_command_has_a_clean_row() -> None:
    assert sorted(CLEAN) == ALL


def test_every_command_that_solves_has_a_no_schedule_row() -> None:
    solving = {"solve", "report", "replan", "risk", "whatif", "releases"}
    assert set(NO_SCHEDULE) == solving

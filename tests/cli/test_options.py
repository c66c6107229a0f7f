"""The solve options every solving command shares, generated from
:class:`plansat.options.SolveOptions`.

Each solving command (``solve``, ``crash``, ``report``, ``batch``) lists
the same options, refuses the same bad values with exit status 2 and a
message naming the option, and hands the library one
:class:`~plansat.options.SolveOptions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import plansat.analysis.tradeoff
import plansat.solver.solve
from plansat.cli import cli
from plansat.cli.options import option_name, options_from, solve_options
from plansat.models import Project
from plansat.models import Result as PlanResult
from plansat.models.tradeoff import TradeoffCurve
from plansat.options import SOLVE_FIELDS, SolveOptions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"

#: Each solving command, the arguments it needs besides the options, and
#: the solve options it leaves out (crash always traces time vs cost).
COMMANDS: dict[str, tuple[list[str], set[str]]] = {
    "solve": ([str(EXAMPLE)], set()),
    "crash": ([str(EXAMPLE)], {"objective", "slack"}),
    "report": ([str(EXAMPLE), "--html", "r.html"], set()),
    "batch": ([str(EXAMPLE), "--out", "out"], set()),
}

#: A bad value of each option.
BAD_VALUES: list[tuple[str, str]] = [
    ("time_limit", "0"),
    ("time_limit", "-3"),
    ("workers", "0"),
    ("slack", "-1"),
    ("strategy", "nope"),
    ("objective", "fast"),
    ("seed", "x"),
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _taken(command: str) -> list[str]:
    return [f for f in SOLVE_FIELDS if f not in COMMANDS[command][1]]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_lists_every_solve_option(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    for field in _taken(command):
        assert option_name(field) in result.stdout, field
    for field in COMMANDS[command][1]:
        assert option_name(field) not in result.stdout, field


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_bad_values_exit_2_naming_the_option(
    command: str, field: str, value: str
) -> None:
    args, excluded = COMMANDS[command]
    result = run(command, *args, option_name(field), value)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    # an option a command does not take is unknown to it: also named
    expected = (
        f"No such option '{option_name(field)}'"
        if field in excluded
        else f"Invalid value for '{option_name(field)}'"
    )
    assert expected in result.stderr


def test_bad_value_message_comes_from_solve_options() -> None:
    result = run("solve", EXAMPLE, "--time-limit", "0")
    assert "time_limit must be > 0 (got 0.0)" in result.stderr
    result = run("crash", EXAMPLE, "--workers", "0")
    assert "workers must be >= 1 (got 0)" in result.stderr


# -- the options reach the library as one SolveOptions ----------------------

#: A value of every solve option, as typed and as parsed.
GIVEN: dict[str, tuple[str, Any]] = {
    "objective": ("cost", "cost"),
    "time_limit": ("3", 3.0),
    "workers": ("2", 2),
    "seed": ("7", 7),
    "slack": ("1", 1),
    "strategy": ("plain", "plain"),
}


def given(command: str) -> tuple[list[str], SolveOptions]:
    """Every option ``command`` takes, and the options it should pass."""
    args: list[str] = []
    values: dict[str, Any] = {}
    for field in _taken(command):
        typed, parsed = GIVEN[field]
        args += [option_name(field), typed]
        values[field] = parsed
    return args, SolveOptions(**values)


def test_every_solve_option_is_covered() -> None:
    assert set(GIVEN) == set(SOLVE_FIELDS)
    assert {field for field, _ in BAD_VALUES} == set(SOLVE_FIELDS)


def _no_schedule(seen: list[Any]) -> Any:
    def solve(project: Project, options: Any = None, **kwargs: Any) -> Any:
        seen.append(options)
        return PlanResult.model_validate({"status": "INFEASIBLE"})

    return solve


@pytest.mark.parametrize("command", ["solve", "report"])
def test_solving_commands_pass_one_solve_options(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(plansat.solver.solve, "solve", _no_schedule(seen))
    args, expected = given(command)
    if command == "report":
        args += ["--html", str(tmp_path / "r.html")]
    result = run(command, EXAMPLE, *args)
    assert result.exit_code == 3, result.output
    assert seen == [expected]


def test_crash_passes_one_solve_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[Any] = []

    def tradeoff(project: Project, options: Any = None, **_: Any) -> Any:
        seen.append(options)
        return TradeoffCurve(
            normal_duration=1,
            shortest_duration=1,
            cpm_duration=1,
            points=[],
            levers=[],
        )

    monkeypatch.setattr(plansat.analysis.tradeoff, "tradeoff", tradeoff)
    args, expected = given("crash")
    result = run("crash", EXAMPLE, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert seen == [expected]
    assert expected.objective == "time"  # the default: not an option


# -- the decorator itself ---------------------------------------------------


def test_defaults_are_those_of_solve_options() -> None:
    @click.command()
    @solve_options
    def command(**kwargs: Any) -> None:
        assert options_from(kwargs) == SolveOptions()
        assert kwargs == {}

    result = CliRunner().invoke(command, [])
    assert result.exit_code == 0, result.output


def test_options_from_pops_only_the_solve_options() -> None:
    kwargs: dict[str, Any] = {"seed": 3, "out": None, "fmt": "json"}
    assert options_from(kwargs) == SolveOptions(seed=3)
    assert kwargs == {"out": None, "fmt": "json"}


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="nope"):
        solve_options(exclude=("nope",))
    with pytest.raises(ValueError, match="nope"):
        solve_options(help={"nope": "text"})

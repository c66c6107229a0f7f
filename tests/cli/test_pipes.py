"""``plansat ... | head``: a reader that stops early is not an error.

Real processes and real pipes: the command line runs in a child Python
(through :func:`plansat.cli.main`, as the console script does) with its
standard output a pipe whose reader goes away.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"
PLANSAT = [sys.executable, "-c", "from plansat.cli import main; main()"]

#: Commands whose output is longer than one line; ``--help`` and
#: ``--version`` print through click itself, the tables through rich.
COMMANDS = [
    pytest.param(["cpm", str(EXAMPLE)], id="cpm-table"),
    pytest.param(["cpm", str(EXAMPLE), "--format", "json"], id="cpm-json"),
    pytest.param(["cpm", str(EXAMPLE), "--format", "csv"], id="cpm-csv"),
    pytest.param(["schema"], id="schema"),
    pytest.param(["--help"], id="help"),
    pytest.param(["cpm", "--help"], id="command-help"),
    pytest.param(["--version"], id="version"),
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env


@pytest.mark.parametrize("args", COMMANDS)
def test_closed_stdout_is_quiet_and_exits_0(args: list[str]) -> None:
    # The reader is gone before the command writes anything: every write
    # fails with EPIPE, deterministically.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [*PLANSAT, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 0


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
def test_pipe_into_head() -> None:
    command = " ".join(map(shlex.quote, [*PLANSAT, "cpm", str(EXAMPLE)]))
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=60,
    )
    assert done.stderr == ""
    assert done.returncode == 0  # pipefail: plansat's own status
    assert done.stdout.startswith("Critical path method")
    assert done.stdout.count("\n") == 1


def test_errors_still_exit_2_when_stdout_is_closed(tmp_path: Path) -> None:
    # A broken pipe must not hide bad input.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [*PLANSAT, "validate", str(tmp_path / "missing.json")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert "missing.json" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_plansat_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plansat.cli", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("plansat, version ")


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_closed_stdout_never_loses_the_out_file(
    tmp_path: Path, fmt: str
) -> None:
    # issue 23: `plansat solve X --out R.json | head -3` exited 0
    # without writing R.json (the file came after the printing)
    out = tmp_path / "R.json"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [*PLANSAT, "solve", str(EXAMPLE), "--out", str(out),
             "--time-limit", "5", "--workers", "1", "--format", fmt],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env=_env(), timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert out.exists()
    assert '"makespan"' in out.read_text()

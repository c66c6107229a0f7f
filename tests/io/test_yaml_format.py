"""Project files in YAML: the same contract as JSON, errors with lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from plansat.io import read
from plansat.io.yaml_format import node_line, read_yaml
from plansat.models import Project, ProjectError
from tests.helpers.random_projects import projects

ROOT = Path(__file__).resolve().parents[2]
#: The example projects (not broken*.json, the docs' error examples,
#: nor result files, which have a "status").
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.json")
                  if not p.name.startswith("broken")
                  and "status" not in json.loads(p.read_text()))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_examples_read_the_same_in_yaml(
    tmp_path: Path, example: Path, suffix: str
) -> None:
    path = tmp_path / f"p{suffix}"
    path.write_text(yaml.safe_dump(json.loads(example.read_text())))
    assert read(path) == Project.from_file(example)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=projects())
def test_random_projects_round_trip(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(project.model_dump(mode="json")))
    assert read_yaml(path) == project


def test_bare_dates_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "# a comment\nstart: 2025-06-02  # Monday\n"
        "calendar: {holidays: [2025-06-03]}\n"
        "tasks:\n  - {id: A, duration: 1}\n"
    )
    project = read_yaml(path)
    assert project.start.isoformat() == "2025-06-02"
    assert [d.isoformat() for d in project.calendar.holidays] == [
        "2025-06-03"]


GOOD = "start: 2025-06-02\ntasks:\n  - id: A\n    duration: 2\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("start: 2025-06-02\ntasks: [\n  - a\n",
         r"^{p}:3: not valid YAML \(expected the node content, but found "
         r"'-', column 3\)$"),
        ("start: [unclosed\n", r"^{p}:2: not valid YAML \("),
        ("", r"^{p}: the file is empty$"),
        ("- just\n- a list\n",
         r"^{p}:1: <root>: a project is a JSON object, not list$"),
        (GOOD.replace("duration: 2", "duration: two"),
         r"^{p}:4: tasks\[0\]\.duration: Input should be a valid integer"),
        (GOOD.replace("duration: 2", "duration: 2\n    colour: red"),
         r"^{p}:5: tasks\[0\]\.colour: unknown field \(not in the project "
         r"contract\)$"),
        (GOOD.replace("  - id: A\n", "  - name: A\n"),
         r"^{p}:3: tasks\[0\]\.id: required field is missing$"),
        (GOOD.replace("2025-06-02", "02.06.2025"),
         r"^{p}:1: start: expected a date as YYYY-MM-DD \(e\.g\. "
         r"2025-06-02\), got '02\.06\.2025'$"),
        (GOOD + "  - id: B\n    duration: 1\n    after: [C]\n",
         r"^{p}:7: tasks\[1\]\.after\[0\]"),
    ],
    ids=["syntax", "unclosed", "empty", "list", "type", "unknown field",
         "missing field", "date", "rule"],
)
def test_errors_name_the_line(tmp_path: Path, text: str,
                              message: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    with pytest.raises(ProjectError) as caught:
        read(path)
    assert re.search(message.format(p=re.escape(str(path))),
                     caught.value.errors[0]), caught.value.errors


def test_node_line_stops_at_the_deepest_node_that_exists() -> None:
    tree = yaml.compose("a:\n  b:\n    - x\n    - y\n")
    assert node_line(tree, "a.b[1]") == 4
    assert node_line(tree, "a.b[9]") == 3  # where the list begins
    assert node_line(tree, "a.c") == 2
    assert node_line(tree, "<root>") == 1


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ProjectError, match="not a text file"):
        read(path)

"""The portfolio contract: bad inputs are refused with their JSON path
and the rule broken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plansat.models import ProjectError
from plansat.models.portfolio import Portfolio
from tests.helpers import START

ANN = {"id": "ann", "skills": {"dev": 3}}


def project(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "start": START, "people": [ANN],
            "tasks": [{"id": "T1", "duration": 2,
                       "needs": [{"skill": "dev"}]}], **fields}


BAD: list[tuple[dict[str, Any], str]] = [
    ({"projects": []}, r"projects: List should have at least 1 item"),
    ({"projects": [{"weight": 1}]},
     r"projects\[0\]: give exactly one of file and project"),
    ({"projects": [{"file": "a.json", "project": project("A")}]},
     r"projects\[0\]: give exactly one of file and project"),
    ({"projects": [{"project": project("A"), "weight": 0}]},
     r"projects\[0\]\.weight: Input should be greater than 0"),
    ({"projects": [{"project": project("A"), "colour": "red"}]},
     r"projects\[0\]\.colour: unknown field \(not in the portfolio "
     r"contract\)"),
    ({"projects": [{"project": project("A", tasks=[
        {"id": "T1", "duration": 1, "after": ["T9"]}])}]},
     r"projects\[0\]\.project\.tasks\[0\]\.after\[0\]"),
    ({"projects": [{"project": project("A")}, {"project": project("A")}]},
     r"projects\[1\]\.project\.name: project name 'A' is also "
     r"projects\[0\]'s"),
    ({"projects": [{"project": project("A")}, {"project": project(
        "B", calendar={"workdays": ["Mon", "Tue"]})}]},
     r"projects\[1\]\.project\.calendar: differs from "
     r"projects\[0\]\.project\.calendar"),
    ({"projects": [{"project": project("A")}, {"project": project(
        "B", resources=[{"id": "rig", "capacity": 2}])}, {
        "project": project("C", resources=[{"id": "rig", "capacity": 1}])}]},
     r"projects\[2\]\.project\.resources\[0\]: resource 'rig' differs "
     r"from projects\[1\]\.project\.resources\[0\] \(capacity: 2 vs 1\)"),
    ({"projects": [{"project": project("A")}],
      "people": [ANN, ANN]},
     r"people\[1\]\.id: duplicate id 'ann' \(also people\[0\]\)"),
    ({"projects": [{"project": project("A", features=[
        {"id": "F", "value": 1, "tasks": ["T1"]}],
        releases=[{"id": "r", "date": "2025-06-30"}])}]},
     r"projects\[0\]\.project\.features: release planning is per "
     r"project"),
]


@pytest.mark.parametrize(("data", "match"), BAD)
def test_bad_portfolios(data: dict[str, Any], match: str) -> None:
    with pytest.raises(ProjectError, match=match):
        Portfolio.from_data(data)


def test_file_errors_name_the_file_entry(tmp_path: Path) -> None:
    bad = project("A", tasks=[{"id": "T1", "duration": 1,
                               "after": ["T9"]}])
    (tmp_path / "a.json").write_text(json.dumps(bad))
    (tmp_path / "pf.json").write_text(json.dumps(
        {"projects": [{"file": "a.json"}, {"file": "missing.json"}]}))
    with pytest.raises(ProjectError) as info:
        Portfolio.from_file(tmp_path / "pf.json")
    first, second = info.value.errors
    assert first.startswith("projects[0].file → tasks[0].after[0]: ")
    assert second.startswith("projects[1].file → missing.json: ")


def test_files_load_relative_to_the_portfolio(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(project("A")))
    (tmp_path / "pf.json").write_text(json.dumps(
        {"name": "P", "projects": [{"file": "a.json", "priority": 2},
                                   {"project": project("B")}]}))
    pf = Portfolio.from_file(tmp_path / "pf.json")
    assert pf.names == ["A", "B"]
    assert pf.order() == [0, 1]
    assert pf.where(0) == "projects[0].file (a.json) → "


def test_schema_names_the_contract() -> None:
    schema = Portfolio.model_json_schema()
    assert set(schema["properties"]) == {"name", "projects", "people",
                                         "resources"}

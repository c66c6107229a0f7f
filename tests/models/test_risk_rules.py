"""The inputs of the Monte Carlo: estimates and risk events, each broken
rule reported with its JSON path; and the RiskReport contract."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from plansat.models import Project, ProjectError
from plansat.models.risk import RiskReport

OK_RISK = {"id": "R1", "probability": 0.3,
           "delay": {"optimistic": 1, "likely": 2, "pessimistic": 4},
           "tasks": ["A"]}


def project(**changes: Any) -> dict[str, Any]:
    """Two tasks with estimates and one valid risk; ``changes`` replace
    top-level keys, ``A``/``risk`` update task A / the risk."""
    data: dict[str, Any] = {
        "start": "2025-06-02",
        "tasks": [
            {"id": "A", "duration": 3, "wbs": "1.1",
             "estimate": {"optimistic": 2, "likely": 3, "pessimistic": 5}},
            {"id": "B", "duration": 2, "after": ["A"]},
        ],
        "risks": [copy.deepcopy(OK_RISK)],
    }
    data["tasks"][0].update(changes.pop("A", {}))
    data["risks"][0].update(changes.pop("risk", {}))
    data.update(changes)
    return data


def test_a_valid_project_with_estimates_and_risks() -> None:
    p = Project.from_data(project())
    assert p.risks[0].tasks == ["A"] and p.task("A").wbs == "1.1"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"A": {"estimate": {"optimistic": 4, "likely": 3,
                             "pessimistic": 5}}},
         r"tasks\[0\]\.estimate: needs optimistic <= likely <= "
         r"pessimistic, got 4, 3, 5"),
        ({"A": {"estimate": {"optimistic": 2, "likely": 6,
                             "pessimistic": 5}}},
         r"tasks\[0\]\.estimate: needs optimistic <= likely"),
        ({"A": {"estimate": {"optimistic": -1, "likely": 3,
                             "pessimistic": 5}}},
         r"tasks\[0\]\.estimate\.optimistic: Input should be greater"),
        ({"risk": {"tasks": ["A", "NOPE"]}},
         r"risks\[0\]\.tasks\[1\]: unknown task 'NOPE'"),
        ({"risk": {"probability": 1.5}},
         r"risks\[0\]\.probability: Input should be less than or equal "
         "to 1"),
        ({"risk": {"probability": -0.1}},
         r"risks\[0\]\.probability: Input should be greater than or "
         "equal to 0"),
        ({"risk": {"delay": {"optimistic": 5, "likely": 2,
                             "pessimistic": 8}}},
         r"risks\[0\]\.delay: needs optimistic <= likely"),
        ({"risk": {"tasks": []}},
         r"risks\[0\]\.tasks: List should have at least 1 item"),
        ({"risks": [OK_RISK, OK_RISK]},
         r"risks\[1\]\.id: duplicate risk id 'R1' \(also risks\[0\]\)"),
        ({"A": {"wbs": "1..2"}},
         r"tasks\[0\]\.wbs: String should match pattern"),
    ],
)
def test_bad_inputs_name_their_json_path(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ProjectError, match=message):
        Project.from_data(project(**changes))


REPORT: dict[str, Any] = {
    "iterations": 25, "seed": 0, "distribution": "uniform_int",
    "plan_makespan": 4, "plan_finish_date": "2025-06-05",
    "finish": {"mean": 4.8, "std": 1.166, "min": 2, "max": 6, "p10": 3,
               "p50": 5, "p80": 6, "p90": 6, "p95": 6},
    "finish_dates": {"p10": "2025-06-04", "p50": "2025-06-06",
                     "p80": "2025-06-09", "p90": "2025-06-09",
                     "p95": "2025-06-09"},
    "p80_se": 0.0,
    "cpm_only": {
        "finish": {"mean": 4.8, "std": 1.166, "min": 2, "max": 6,
                   "p10": 3, "p50": 5, "p80": 6, "p90": 6, "p95": 6},
        "finish_dates": {"p10": "2025-06-04", "p50": "2025-06-06",
                         "p80": "2025-06-09", "p90": "2025-06-09",
                         "p95": "2025-06-09"},
    },
    "tasks": [{"id": "A", "criticality": 0.6, "cruciality": 0.7,
               "ssi": 0.5, "cpm_criticality": 0.6, "duration_mean": 4,
               "duration_std": 1.4, "finish_mean": 4}],
    "people": [{"id": "ann", "criticality": 1.0}],
}


def test_report_round_trips_through_json() -> None:
    report = RiskReport.model_validate(REPORT)
    again = RiskReport.model_validate_json(report.model_dump_json())
    assert again == report
    assert report.task("A").ssi == 0.5 and report.person("ann")
    with pytest.raises(KeyError):
        report.task("Z")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"distribution": "normal"}, "distribution"),
        ({"surprise": 1}, "Extra inputs are not permitted"),
        ({"finish": {**REPORT["finish"], "p80": "late"}}, "finish.p80"),
    ],
)
def test_report_contract_refuses(change: dict[str, Any],
                                 message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RiskReport.model_validate({**REPORT, **change})

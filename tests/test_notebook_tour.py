"""The example notebook docs/notebooks/tour.ipynb runs top to bottom in a
real Jupyter kernel (nbclient) and shows the plan inline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
TOUR = ROOT / "docs" / "notebooks" / "tour.ipynb"


def test_the_tour_runs_and_shows_the_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The kernel is a new process: make it import this checkout.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    notebook = nbformat.read(TOUR, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(TOUR.parent)}},
    ).execute()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    html = [  # per code cell, the HTML it shows
        "".join(o.get("data", {}).get("text/html", "") for o in c.outputs)
        for c in code
    ]
    errors = [o for c in code for o in c.outputs
              if o.get("output_type") == "error"]
    assert errors == []
    project, result, _, status, risk = html
    checked = code[2].outputs
    assert "critical path, no people yet" in project
    # The result's inline Gantt: one bar per task of the example.
    tasks = json.loads((ROOT / "examples" / "ecommerce.json").read_text())
    assert "<svg" in result and "OPTIMAL" in result
    assert result.count("<rect") == len(tasks["tasks"])
    assert checked[0]["data"]["text/plain"] == "[]"  # no violations
    assert "Status of E-commerce Platform on 2025-08-01" in status
    assert "Risk: 2000 samples" in risk and "P80" in risk

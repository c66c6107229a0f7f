"""Stored portfolios: named sets of stored projects, loaded with each
project's current revision and planned like a portfolio file (on each
back end)."""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project, plan_portfolio
from plansat.models import ProjectError
from plansat.store import NotFound, Store
from plansat.store.portfolios import PortfolioMember

ANN = {"id": "ann", "skills": {"dev": 3}}


def project(name: str, days: int, **fields: Any) -> Project:
    return Project.model_validate({
        "name": name, "start": "2025-06-02", "people": [ANN],
        "tasks": [{"id": "T1", "duration": days,
                   "needs": [{"skill": "dev"}]}], **fields})


def test_save_load_and_plan(store: Store) -> None:
    """The two-project case of tests/analysis/test_portfolio.py: the
    weighted optimum is 12 (B first)."""
    store.create_project(project("A", 4), "a")
    store.create_project(project("B", 2), "b")
    rec = store.save_portfolio("q3", [
        PortfolioMember(project_id="a", weight=1, priority=1),
        PortfolioMember(project_id="b", weight=3)], name="Q3")
    assert [m.project_id for m in rec.projects] == ["a", "b"]
    assert [r.id for r in store.list_portfolios()] == ["q3"]
    pf = store.load_portfolio("q3")
    assert pf.name == "Q3" and pf.names == ["A", "B"]
    plan = plan_portfolio(pf, time_limit=5, workers=1)
    assert plan.objective_value == 12
    # a new revision of a project is what the portfolio plans next
    store.update_project("b", project("B", 3), 1)
    assert store.load_portfolio("q3").projects[1].loaded.tasks[
        0].duration == 3
    store.save_portfolio("q3", [PortfolioMember(project_id="a")])
    assert len(store.get_portfolio("q3").projects) == 1
    store.delete_portfolio("q3")
    assert store.list_portfolios() == []


def test_unknown_projects_and_portfolios(store: Store) -> None:
    with pytest.raises(NotFound, match="no project nope"):
        store.save_portfolio("q", [PortfolioMember(project_id="nope")])
    with pytest.raises(NotFound, match="no portfolio q"):
        store.get_portfolio("q")
    with pytest.raises(NotFound, match="no portfolio q"):
        store.delete_portfolio("q")
    with pytest.raises(ValueError, match="invalid project id"):
        store.save_portfolio("no way", [])


def test_a_clash_between_stored_projects_names_the_paths(store: Store) -> None:
    store.create_project(project("A", 4), "a")
    store.create_project(project(
        "B", 2, people=[{**ANN, "rate": 9}]), "b")
    store.save_portfolio("q", [PortfolioMember(project_id="a"),
                               PortfolioMember(project_id="b")])
    with pytest.raises(ProjectError, match=r"projects\[1\]\.project\."
                       r"people\[0\]: person 'ann' differs"):
        store.load_portfolio("q")

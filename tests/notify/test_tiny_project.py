"""Status updates and alerts of a tiny project (issue 26): the blockers'
"a week away" what-if used to run past the model's horizon and fail the
whole ``send_notifications`` call."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat.mcp.notify import notify
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import NotificationType
from plansat.store import Store
from tests.notify.conftest import solved, team_project


@pytest.mark.parametrize("kind", ["status_update", "alert"])
def test_a_tiny_project_reports_its_single_points_of_failure(
    tmp_path: Path, kind: NotificationType
) -> None:
    """A (3 days, alice) then B (2 days, bob) from Mon 2025-06-02: B is
    Thu 06-05 to Fri 06-06 and the crude horizon ends Wed 06-11.  Bob a
    week (5 working days) away from 06-05: 06-05, 06-06, 06-10, 06-11,
    06-12 (Mon 06-09 is a holiday), past the horizon; B then runs 06-13
    to 06-16: the finish moves 5 working days, and alice's week away
    from A's start moves it 5 as well."""
    project = team_project()
    with Store.open(tmp_path / "p.db") as store:
        store.create_project(project, "shop")
        store.save_plan("shop", solved(project))  # the plan, checked
        out = notify(AppState(store), Reporter(), "shop", kind,
                     ["bob"], "", 10, dry_run=True)
    [m] = out.messages
    for who, task, skill in (("alice", "A", "backend >= 3"),
                             ("bob", "B", "frontend >= 4")):
        assert (f"{who} alone can do {task} ({skill}): a week away "
                "delays the finish by 5 working day(s)") in m.body
    if kind == "alert":
        assert m.subject.startswith("[Small] Alert: [medium] alice alone")

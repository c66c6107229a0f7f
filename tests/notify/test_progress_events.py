"""What a progress update reveals (issue 26): a task newly behind the
baseline, a deadline newly missed and a milestone whose P80 newly
passed its deadline are messaged to the people concerned, in the
snapshot's transaction, once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat.check import violations
from plansat.mcp.inputs import ProgressInput
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.tracking import track
from plansat.models import Project
from plansat.models.progress import Progress
from plansat.notify.events import State, event_messages
from plansat.store import OutboxMessage, Store
from tests.notify.conftest import team_project


def deadline_project() -> Project:
    """The small project with milestone M due Tue 2025-06-10 and B's
    estimate 2/2/5 days."""
    data = team_project().model_dump(mode="json", exclude_defaults=True)
    data["tasks"][1]["estimate"] = {"optimistic": 2, "likely": 2,
                                    "pessimistic": 5}
    data["tasks"][2]["deadline"] = "2025-06-10"
    return Project.model_validate(data)


def late_a(day: date, remaining: int = 2) -> ProgressInput:
    """A started Mon 06-02 and still needs ``remaining`` working days on
    ``day``."""
    return ProgressInput(status_date=day, tasks={"A": Progress(
        actual_start=date(2025, 6, 2), percent_complete=10,
        remaining=remaining)})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    st = Store.open(tmp_path / "p.db")
    st.create_project(deadline_project(), "shop")
    st.add_channel("hook", "webhook+http://127.0.0.1:9/hook")
    return st


def checked_plan(store: Store) -> None:
    plan = store.latest_plan("shop")
    assert plan is not None
    project = store.get_project("shop", plan.revision).project
    assert violations(project, plan.result) == []


def news(store: Store) -> list[OutboxMessage]:
    """The messages of progress (not those of re-plans, which say how
    each person's tasks moved: test_replan_messages)."""
    return [m for m in store.outbox("shop") if m.kind != "plan_change"]


def test_progress_messages_what_it_newly_reveals(store: Store) -> None:
    """Baseline: A 06-02..06-04 (alice), B 06-05..06-06 (bob), M on
    06-06, due 06-10: met in 97 % of the Monte Carlo runs (B 2/2/5).
    On Wed 06-04 A still needs 2 days (06-04, 06-05): B runs 06-06 and
    06-10 (Mon 06-09 is a holiday), so A, B and M are 1 working day
    late; M still meets 06-10 but only in 59 % of the runs: its P80
    passed the deadline.  Alice is on A; bob on B, which M waits for."""
    state = AppState(store)
    out = track(state, Reporter(), "shop", False, False,
                late_a(date(2025, 6, 4)), 10)
    checked_plan(store)
    assert out.recorded and out.slip_days == 1
    [snap] = store.list_snapshots("shop")
    sent = {m.recipient: m for m in news(store)}
    assert set(sent) == {"alice", "bob"}
    assert all(m.created == snap.created and m.status == "pending"
               and m.channel == "hook" for m in sent.values())
    alice, bob = sent["alice"].body, sent["bob"].body
    assert ("- A is 1 working day(s) behind the baseline (forecast finish "
            "2025-06-05, baseline 2025-06-04)") in alice
    assert "B" not in alice.split("for you:")[1].split("(computed")[0]
    assert "- B is 1 working day(s) behind the baseline" in bob
    assert "- M is 1 working day(s) behind the baseline" in bob
    assert ("- milestone M: its P80 is after the deadline 2025-06-10 (59% "
            "chance to meet it)") in bob
    assert (sent["alice"].kind, sent["bob"].kind) == ("alert", "alert")
    assert sent["bob"].subject == (
        "[Small] B is 1 working day(s) behind the baseline (forecast "
        "finish 2025-06-10, baseline 2025-06-06) (+2 more)")

    # a day later A needs 1 more day: the same forecast, nothing new
    track(state, Reporter(), "shop", False, False,
          late_a(date(2025, 6, 5), 1), 10)
    checked_plan(store)
    assert len(store.list_snapshots("shop")) == 2
    assert news(store)[2:] == []

    # then A needs 4 more days: M can't meet 06-10, no schedule at all
    out = track(state, Reporter(), "shop", False, False,
                late_a(date(2025, 6, 5), 4), 10)
    assert out.status_label == "off_track"
    later = news(store)[2:]
    assert sorted(m.recipient for m in later) == ["alice", "bob"]
    assert all("- the remaining work has no schedule: " in m.body
               for m in later)


def test_the_same_event_has_the_same_key(store: Store) -> None:
    record = store.get_project("shop")
    import plansat

    base = plansat.solve(record.project, time_limit=5, workers=1)
    assert violations(record.project, base) == []
    moved = deadline_project().model_copy(update={"deadline": date(
        2025, 6, 3)})
    channels = store.list_channels("shop")
    twice = [event_messages("shop", 2, State(record.project, base),
                            State(moved, base), base, channels)
             for _ in range(2)]
    assert [m.key for m in twice[0]] == [m.key for m in twice[1]]
    assert {m.recipient for m in twice[0]} == {"alice", "bob"}
    # another revision is another event
    other = event_messages("shop", 3, State(record.project, base),
                           State(moved, base), base, channels)
    assert not {m.key for m in other} & {m.key for m in twice[0]}
    store.queue_messages("shop", twice[0])
    store.queue_messages("shop", twice[1])
    assert news(store)[2:] == []

"""The project store: projects and their revisions, baselines,
snapshots, plans, the outbox, plain JSON in and out (the file itself:
test_store_file.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plansat.models import Project, ProjectError, Result
from plansat.store import (
    Conflict,
    NotFound,
    ProjectRecord,
    Store,
)
from plansat.store.ids import slug
from tests.helpers.postgres import rows_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROGRESS = EXAMPLES / "ecommerce-progress.json"


def longer(project: Project, task_id: str = "T001", days: int = 1) -> Project:
    """``project`` with one task ``days`` longer (a real edit)."""
    data = project.model_dump(mode="json")
    for task in data["tasks"]:
        if task["id"] == task_id:
            task["duration"] += days
    return Project.model_validate(data)


def sql(store: Store, query: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows of ``query`` read from the store's database by a separate
    connection."""
    return rows_of(store, query, *args)


# -- projects and revisions -------------------------------------------------


def test_create_and_get_round_trip(store: Store, ecommerce: Project) -> None:
    record = store.create_project(ecommerce)
    assert re.fullmatch(r"e-commerce-platform-[0-9a-f]{6}", record.id)
    assert (record.revision, record.name) == (1, "E-commerce Platform")
    assert record.created == record.updated
    assert record.created.tzinfo is not None
    again = store.get_project(record.id)
    assert again == record
    assert again.project == ecommerce


def test_generated_ids_differ(store: Store, ecommerce: Project) -> None:
    ids = {store.create_project(ecommerce).id for _ in range(5)}
    assert len(ids) == 5


def test_given_id_is_unique(store: Store, ecommerce: Project) -> None:
    store.create_project(ecommerce, "shop")
    with pytest.raises(Conflict, match="shop already exists") as err:
        store.create_project(ecommerce, "shop")
    assert (err.value.expected, err.value.actual) == (None, 1)
    assert [p.id for p in store.list_projects()] == ["shop"]


@pytest.mark.parametrize(
    "bad", ["", "has space", "-leading", "a/b", "x" * 101, "é"]
)
def test_invalid_ids_are_refused(
    store: Store, ecommerce: Project, bad: str
) -> None:
    with pytest.raises(ValueError, match="invalid project id"):
        store.create_project(ecommerce, bad)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("E-commerce Platform", "e-commerce-platform"),
        ("  Ünïcode — Plan 2 ", "unicode-plan-2"),
        ("***", "project"),
        ("a" * 60, "a" * 40),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_update_keeps_every_revision(
    store: Store, ecommerce: Project
) -> None:
    first = store.create_project(ecommerce, "shop", description="web shop")
    edited = longer(ecommerce)
    second = store.update_project("shop", edited, expected_revision=1)
    assert second.revision == 2
    assert second.created == first.created
    assert second.updated > first.updated
    assert second.description == "web shop"
    assert store.get_project("shop").project == edited
    old = store.get_project("shop", revision=1)
    assert (old.revision, old.project) == (1, ecommerce)
    assert old.updated == first.updated
    history = store.list_revisions("shop")
    assert [h.revision for h in history] == [1, 2]
    third = store.update_project("shop", edited, 2, description="")
    assert (third.revision, third.description) == (3, "")


def test_stale_update_is_refused_and_writes_nothing(
    store: Store, ecommerce: Project
) -> None:
    store.create_project(ecommerce, "shop")
    store.update_project("shop", longer(ecommerce, days=1), 1)
    with pytest.raises(Conflict, match="at revision 2, not 1") as err:
        store.update_project("shop", longer(ecommerce, days=5), 1)
    assert (err.value.project_id, err.value.expected) == ("shop", 1)
    assert err.value.actual == 2
    assert store.get_project("shop").project == longer(ecommerce, days=1)
    assert sql(store, "SELECT count(*) FROM revisions") == [(2,)]


def test_list_projects_by_id(store: Store, ecommerce: Project) -> None:
    assert store.list_projects() == []
    store.create_project(ecommerce, "b")
    store.create_project(ecommerce, "a")
    store.update_project("b", ecommerce, 1)
    listed = store.list_projects()
    assert [(p.id, p.revision) for p in listed] == [("a", 1), ("b", 2)]


def test_unknown_revisions(store: Store, ecommerce: Project) -> None:
    store.create_project(ecommerce, "shop")
    for revision in (0, 2):
        with pytest.raises(NotFound, match="no revision"):
            store.get_project("shop", revision)


UNKNOWN: list[Callable[[Store, Project, Result], object]] = [
    lambda s, p, r: s.get_project("nope"),
    lambda s, p, r: s.list_revisions("nope"),
    lambda s, p, r: s.update_project("nope", p, 1),
    lambda s, p, r: s.delete_project("nope"),
    lambda s, p, r: s.export_project("nope"),
    lambda s, p, r: s.set_baseline("nope", r),
    lambda s, p, r: s.get_baseline("nope"),
    lambda s, p, r: s.list_baselines("nope"),
    lambda s, p, r: s.add_snapshot("nope", Project.from_file(PROGRESS)),
    lambda s, p, r: s.list_snapshots("nope"),
    lambda s, p, r: s.save_plan("nope", r, "solve"),
    lambda s, p, r: s.latest_plan("nope"),
    lambda s, p, r: s.add_message("nope", "status", "ann", "s", "b"),
    lambda s, p, r: s.list_messages("nope"),
]


@pytest.mark.parametrize("call", UNKNOWN)
def test_unknown_project_is_not_found(
    store: Store,
    ecommerce: Project,
    solved_example: Result,
    call: Callable[[Store, Project, Result], object],
) -> None:
    with pytest.raises(NotFound, match="no project nope") as err:
        call(store, ecommerce, solved_example)
    assert err.value.project_id == "nope"


def test_delete_takes_everything_along(
    store: Store, ecommerce: Project, solved_example: Result
) -> None:
    store.create_project(ecommerce, "shop")
    store.create_project(ecommerce, "keep")
    store.update_project("shop", ecommerce, 1)
    store.set_baseline("shop", solved_example)
    store.add_snapshot("shop", Project.from_file(PROGRESS))
    store.save_plan("shop", solved_example, "solve")
    store.add_message("shop", "status", "ann", "subject", "body")
    with pytest.raises(Conflict):
        store.delete_project("shop", expected_revision=1)
    store.delete_project("shop", expected_revision=2)
    with pytest.raises(NotFound):
        store.get_project("shop")
    for table in ("revisions", "baselines", "snapshots", "plans", "outbox"):
        rows = sql(store, f"SELECT count(*) FROM {table} "
                          "WHERE project_id = 'shop'")
        assert rows == [(0,)], table
    assert [p.id for p in store.list_projects()] == ["keep"]


# -- baselines, snapshots, plans, outbox ------------------------------------


def test_baselines_are_numbered_from_zero(
    store: Store, ecommerce: Project, solved_example: Result
) -> None:
    store.create_project(ecommerce, "shop")
    with pytest.raises(NotFound, match="has no baseline"):
        store.get_baseline("shop")
    assert store.list_baselines("shop") == []
    b0 = store.set_baseline("shop", solved_example, "kick-off")
    store.update_project("shop", longer(ecommerce), 1)
    b1 = store.set_baseline("shop", solved_example, revision=1)
    b2 = store.set_baseline("shop", solved_example)
    assert [b.number for b in (b0, b1, b2)] == [0, 1, 2]
    assert [b.revision for b in (b0, b1, b2)] == [1, 1, 2]
    assert b0.note == "kick-off"
    assert b0.result == solved_example
    assert store.get_baseline("shop") == b2
    assert store.get_baseline("shop", 0) == b0
    assert store.list_baselines("shop") == [b0, b1, b2]
    with pytest.raises(NotFound, match="no baseline 7"):
        store.get_baseline("shop", 7)
    with pytest.raises(NotFound, match="no revision 3"):
        store.set_baseline("shop", solved_example, revision=3)


def test_snapshots_by_status_date(store: Store, ecommerce: Project) -> None:
    store.create_project(ecommerce, "shop")
    late = Project.from_file(PROGRESS)  # status date 2025-08-01
    early = Project.model_validate(
        {**ecommerce.model_dump(mode="json"), "status_date": "2025-07-01"}
    )
    first = store.add_snapshot("shop", late)
    store.update_project("shop", ecommerce, 1)
    second = store.add_snapshot("shop", early)
    assert (first.revision, second.revision) == (1, 2)
    assert str(first.status_date) == "2025-08-01"
    snapshots = store.list_snapshots("shop")
    assert [s.id for s in snapshots] == [second.id, first.id]
    assert snapshots[1].project == late
    # Snapshots don't touch the revision history.
    assert store.get_project("shop").revision == 2


def test_snapshot_needs_a_status_date(
    store: Store, ecommerce: Project
) -> None:
    store.create_project(ecommerce, "shop")
    with pytest.raises(ValueError, match="status_date"):
        store.add_snapshot("shop", ecommerce)


def test_unvalidated_projects_are_not_stored(
    store: Store, ecommerce: Project
) -> None:
    # model_copy skips validation: a status date before recorded progress
    broken = Project.from_file(PROGRESS).model_copy(
        update={"status_date": ecommerce.start}
    )
    store.create_project(ecommerce, "shop")
    with pytest.raises(ProjectError, match="after the status date"):
        store.add_snapshot("shop", broken)
    with pytest.raises(ProjectError, match="after the status date"):
        store.update_project("shop", broken, 1)
    with pytest.raises(ProjectError, match="after the status date"):
        store.create_project(broken)
    assert [p.revision for p in store.list_projects()] == [1]
    assert sql(store, "SELECT count(*) FROM snapshots") == [(0,)]


def test_plans(
    store: Store, ecommerce: Project, solved_example: Result
) -> None:
    store.create_project(ecommerce, "shop")
    assert store.latest_plan("shop") is None
    options = {"objective": "time", "time_limit": 5.0, "workers": 1}
    solve = store.save_plan("shop", solved_example, "solve", options)
    replan = store.save_plan("shop", solved_example, "replan")
    assert (solve.kind, solve.options, solve.revision) == (
        "solve", options, 1)
    assert solve.result == solved_example
    assert store.latest_plan("shop") == replan
    assert store.latest_plan("shop", kind="solve") == solve
    assert store.latest_plan("shop", kind="what_if") is None
    with pytest.raises(TypeError):
        store.save_plan("shop", solved_example, "solve", {"x": object()})


def test_outbox_never_claims_delivery(
    store: Store, ecommerce: Project
) -> None:
    store.create_project(ecommerce, "shop")
    first = store.add_message("shop", "status_update", "ann@example.org",
                              "Shop: on track", "All good.")
    store.add_message("shop", "status_update", "bob", "Shop", "Hello")
    assert (first.delivered, first.channel) == (False, "outbox")
    messages = store.list_messages("shop")
    assert [m.recipient for m in messages] == ["ann@example.org", "bob"]
    assert messages[0] == first


# -- plain JSON in and out --------------------------------------------------


def test_export_is_plain_project_json(
    store: Store, ecommerce: Project
) -> None:
    store.create_project(ecommerce, "shop")
    store.update_project("shop", longer(ecommerce), 1)
    text = store.export_project("shop", revision=1)
    assert text.endswith("}\n")
    assert Project.from_json(text) == ecommerce
    data = json.loads(text)
    assert "id" not in data and "revision" not in data
    assert data["name"] == "E-commerce Platform"
    assert store.export_project("shop") == store.export_project("shop", 2)


def test_import_from_file_text_and_as_a_revision(
    store: Store, ecommerce: Project, tmp_path: Path
) -> None:
    path = tmp_path / "shop.json"
    path.write_text(ecommerce.model_dump_json())
    from_file = store.import_project(path, "shop")
    from_text = store.import_project(longer(ecommerce).model_dump_json())
    assert from_file.project == ecommerce
    assert from_text.project == longer(ecommerce)
    path.write_text(store.export_project(from_text.id))
    update = store.import_project(str(path), "shop", expected_revision=1)
    assert (update.revision, update.project) == (2, longer(ecommerce))
    with pytest.raises(Conflict):
        store.import_project(path, "shop", expected_revision=1)
    with pytest.raises(ValueError, match="needs the project id"):
        store.import_project(path, expected_revision=1)


def test_import_of_an_invalid_project_names_the_rule(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"start": "2025-06-02", "tasks": [{"id": "A"}]}')
    with pytest.raises(ProjectError, match=r"tasks\[0\]\.duration"):
        store.import_project(path)
    with pytest.raises(ProjectError, match=r"missing\.json"):
        store.import_project(tmp_path / "missing.json")
    assert store.list_projects() == []


def test_records_serialise(store: Store, ecommerce: Project) -> None:
    record = store.create_project(ecommerce, "shop")
    assert ProjectRecord.model_validate_json(record.model_dump_json()) == (
        record
    )

"""Optimistic concurrency: two stores on one file, and writers racing
from threads and processes.  Every write either lands on the latest
revision or is refused with a Conflict; none is lost."""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import pytest

from plansat.models import Project
from plansat.store import Conflict, ProjectStore, open_store

WRITERS = 6
ATTEMPTS = 8


def renamed(project: Project, name: str) -> Project:
    """``project`` under another name (validated)."""
    return Project.model_validate(
        {**project.model_dump(mode="json"), "name": name}
    )


@dataclass(frozen=True)
class Outcome:
    """One attempt: the revision it read, and the one it wrote (or
    ``None`` after a Conflict)."""

    name: str
    read: int
    wrote: int | None


def attempt(store: ProjectStore, project_id: str, name: str) -> Outcome:
    """Read the project, change it, write it back on what was read."""
    record = store.get_project(project_id)
    try:
        new = store.update_project(
            project_id, renamed(record.project, name), record.revision
        )
    except Conflict as exc:
        assert exc.expected == record.revision
        assert exc.actual > record.revision
        return Outcome(name, record.revision, None)
    return Outcome(name, record.revision, new.revision)


def check_history(store: ProjectStore, outcomes: list[Outcome]) -> None:
    """No lost update: each success wrote the revision after the one it
    read, the successes' revisions are exactly 2..current, and each
    revision holds what its writer wrote."""
    wins = [o for o in outcomes if o.wrote is not None]
    assert wins, "no write succeeded"
    for o in wins:
        assert o.wrote == o.read + 1
    current = store.get_project("shop").revision
    assert sorted(o.wrote for o in wins) == list(range(2, current + 1))
    for o in wins:
        assert o.wrote is not None
        assert store.get_project("shop", o.wrote).name == o.name
    assert len(store.list_revisions("shop")) == current


def test_second_store_sees_the_first_and_conflicts(
    address: str, ecommerce: Project
) -> None:
    with open_store(address) as first, open_store(address) as second:
        created = first.create_project(ecommerce, "shop")
        seen = second.get_project("shop")
        assert seen == created
        first.update_project("shop", renamed(ecommerce, "One"), 1)
        with pytest.raises(Conflict) as err:
            second.update_project("shop", renamed(ecommerce, "Two"), 1)
        assert (err.value.expected, err.value.actual) == (1, 2)
        assert second.get_project("shop").name == "One"
        second.update_project("shop", renamed(ecommerce, "Two"), 2)
        assert first.get_project("shop").name == "Two"


@pytest.mark.parametrize("shared", [True, False], ids=["shared", "own"])
def test_racing_threads_lose_no_update(
    address: str, ecommerce: Project, shared: bool
) -> None:
    """Threads read-modify-write one project at once, through one shared
    store or a store (a connection, a pool) each."""
    main = open_store(address)
    main.create_project(ecommerce, "shop")
    stores = [main if shared else open_store(address)
              for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def work(k: int) -> None:
        start.wait()
        for i in range(ATTEMPTS):
            outcome = attempt(stores[k], "shop", f"writer {k} try {i}")
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=work, args=(k,))
               for k in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert len(outcomes) == WRITERS * ATTEMPTS
    check_history(main, outcomes)
    for st in {id(s): s for s in stores}.values():
        st.close()


def _process_writer(address: str, k: int) -> list[Outcome]:
    """Attempts of one writer process (a store of its own)."""
    with open_store(address) as store:
        return [attempt(store, "shop", f"process {k} try {i}")
                for i in range(ATTEMPTS)]


def test_racing_processes_lose_no_update(
    address: str, ecommerce: Project
) -> None:
    with open_store(address) as store:
        store.create_project(ecommerce, "shop")
        with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(_process_writer, address, k)
                       for k in range(2)]
            outcomes = [o for f in futures for o in f.result(timeout=120)]
        assert len(outcomes) == 2 * ATTEMPTS
        check_history(store, outcomes)

"""The compiled schedule generator (plansat.heuristics.sgs): the same
schedules as the genetic algorithm's Python decoder, order by order."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings

from plansat import Project
from plansat.heuristics import genetic, sgs
from plansat.schedule.cpm import critical_path, topological_order
from tests.helpers import make
from tests.helpers.random_rcpsp import rcpsp

pytestmark = pytest.mark.skipif(not sgs.COMPILED,
                                reason="numba (the fast extra) missing")


def searches(p: Project) -> tuple[genetic._Search, genetic._Search,
                                  list[int]]:
    ids = topological_order(p)
    forward = genetic._problem(p, ids)
    late = [critical_path(p).task(i).ls for i in ids]
    return (genetic._Search(forward, random.Random(0), compiled=False),
            genetic._Search(forward, random.Random(0), compiled=True),
            late)


@settings(max_examples=40, deadline=None)
@given(rcpsp(links=("FS", "SS", "FF", "SF")))
def test_compiled_and_python_decoders_agree(p: Project) -> None:
    python, fast, late = searches(p)
    kernel = python.forward.kernel()
    for _ in range(10):
        order = python.random_order(late)
        starts = python.forward.schedule(order)
        assert kernel.schedule(np.asarray(order)).tolist() == starts
        assert fast.justify(order) == python.justify(order)


def test_a_hand_solved_order() -> None:
    # One-unit rig: A (3 days), then B (2 days) in order A, B; C (1 day)
    # after A needs no rig: A [0,3), B [3,5), C [3,4).
    p = make([
        {"id": "A", "duration": 3, "uses": {"rig": 1}},
        {"id": "B", "duration": 2, "uses": {"rig": 1}},
        {"id": "C", "duration": 1, "after": [{"task": "A"}]},
    ], resources=[{"id": "rig", "capacity": 1}])
    ids = topological_order(p)
    kernel = genetic._problem(p, ids).kernel()
    order = np.asarray([ids.index(t) for t in ("A", "B", "C")])
    starts = kernel.schedule(order)
    assert {t: int(starts[ids.index(t)]) for t in ids} == {
        "A": 0, "B": 3, "C": 3}

"""The redundant family alone: each strengthening the strategy asks for.

Each model is the variables registry of a tiny project plus
``redundant.add`` (and ``windows.add`` where the makespan must cover the
tasks); the strategy switches one strengthening on at a time.  Every
bound is derived by hand.  That the strengthenings remove no schedule
is tested with the whole model in ``test_families.py``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.solver.constraints import redundant, windows
from plansat.solver.search import STRATEGIES
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import kinds, minimize, posted

HORIZON = 20


def fan() -> Variables:
    """A (1 day) -> B, C, D (2 days, the one-unit rig each) -> E (1 day).

    B, C and D take 6 rig-days between A's end and E's start: E starts
    at least 1 + 6 = 7 days after A (a delay), 6 days after day 0 (a
    head), and the project ends at least 1 + 6 = 7 days after A starts
    (a tail; E uses no rig).
    """
    rig = {"uses": {"rig": 1}, "duration": 2, "after": ["A"]}
    p = make(
        [
            {"id": "A", "duration": 1},
            {"id": "B", **rig}, {"id": "C", **rig}, {"id": "D", **rig},
            {"id": "E", "duration": 1, "after": ["B", "C", "D"]},
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )
    return Variables.create(p, HORIZON)


def test_plain_adds_nothing() -> None:
    assert posted(redundant.add, fan(), NONE) == []


def test_delays_on_the_fan() -> None:
    # One head (E), one tail (A), one delay (A -> E): three linear
    # constraints.  With them alone E starts on day 7 at the earliest:
    # start_E >= start_A + 7 >= 7 (the head's 6 is weaker).
    v = fan()
    assert kinds(posted(redundant.add, v, STRATEGIES["+delays"].model)) == [
        "linear"
    ] * 3
    assert minimize(v.model, v.start["E"]).objective_value == 7


def test_tails_bound_the_makespan_along_a_chain() -> None:
    # A(2) -> B(3): A's tail is 2 + 3 = 5 > its own 2 days, so
    # makespan >= start_A + 5 (B's tail is only itself: nothing).  With
    # that constraint alone the least makespan is 5.
    p = make([{"id": "A", "duration": 2},
              {"id": "B", "duration": 3, "after": ["A"]}])
    v = Variables.create(p, HORIZON)
    assert kinds(posted(redundant.add, v, STRATEGIES["+tails"].model)) == [
        "linear"
    ]
    assert minimize(v.model, v.makespan).objective_value == 5


def test_disjunctive_on_tasks_too_big_to_share() -> None:
    # Rig of 3 units; T0 and T1 take 2 each (2 x 2 > 3), T2 takes 1: one
    # no-overlap over T0 and T1.  With it and the makespan alone:
    # 2 + 2 = 4.
    p = make(
        [{"id": f"T{k}", "duration": 2, "uses": {"rig": u}}
         for k, u in enumerate((2, 2, 1))],
        resources=[{"id": "rig", "capacity": 3}],
    )
    v = Variables.create(p, HORIZON)
    [c] = posted(redundant.add, v, STRATEGIES["+disjunctive"].model)
    assert c.has_no_overlap()
    assert list(c.no_overlap.intervals) == [
        v.interval["T0"].index, v.interval["T1"].index
    ]
    windows.add(v, NONE)
    assert minimize(v.model, v.makespan).objective_value == 4


def test_workforce_pools_a_skill() -> None:
    # Only q has qa (x has dev): the qa pool holds 100%, and T0 (3) and
    # T1 (4) need 100% of it each -> one cumulative of capacity 100, and
    # the tasks run in a row: makespan 3 + 4 = 7 (no people constraint
    # in the model, only the pool).  All people together hold 200%,
    # enough for both: no second cumulative.
    p = make(
        [{"id": "T0", "duration": 3, "needs": [{"skill": "qa"}]},
         {"id": "T1", "duration": 4, "needs": [{"skill": "qa"}]}],
        people=[{"id": "q", "skills": {"qa": 2}},
                {"id": "x", "skills": {"dev": 1}}],
    )
    v = Variables.create(p, HORIZON)
    [c] = posted(redundant.add, v, STRATEGIES["+workforce"].model)
    assert c.has_cumulative()
    assert c.cumulative.capacity.offset == 100
    windows.add(v, NONE)
    assert minimize(v.model, v.makespan).objective_value == 7


def test_delays_are_skipped_on_large_projects() -> None:
    # A fan as above with DELAYS_MAX_TASKS - 1 one-day tasks on the rig
    # between A and E: the energy bounds exist (E waits for them all),
    # but with more than DELAYS_MAX_TASKS tasks they are not posted.
    middle = redundant.DELAYS_MAX_TASKS - 1
    p = make(
        [
            {"id": "A", "duration": 1},
            *({"id": f"T{k}", "duration": 1, "uses": {"rig": 1},
               "after": ["A"]} for k in range(middle)),
            {"id": "E", "duration": 1,
             "after": [f"T{k}" for k in range(middle)]},
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )
    assert len(p.tasks) == redundant.DELAYS_MAX_TASKS + 1
    assert redundant.energy_bounds(p).delays == [("A", "E", 1 + middle)]
    v = Variables.create(p, len(p.tasks))
    assert posted(redundant.add, v, STRATEGIES["+delays"].model) == []


def _reference_delays(p) -> list[tuple[str, str, int]]:
    """The delays by their definition, set by set, with plain loops
    (the docstring of :func:`redundant.energy_bounds`)."""
    succ: dict[str, list[str]] = {t.id: [] for t in p.tasks}
    for t in p.tasks:
        for dep in t.after:
            if dep.type == "FS" and dep.lag >= 0 and not dep.max_overlap:
                succ[dep.task].append(t.id)

    def reach(a: str) -> set[str]:
        out, todo = set(), list(succ[a])
        while todo:
            b = todo.pop()
            if b not in out:
                out.add(b)
                todo += succ[b]
        return out

    def longest(a: str, b: str) -> int:
        """Longest chain of durations strictly between a and b."""
        return max((0 if c == b else p.task(c).min_duration + longest(c, b)
                    for c in succ[a] if c == b or b in reach(c)),
                   default=-1)

    out = []
    for a in p.tasks:
        for b_id in reach(a.id):
            between = [c for c in reach(a.id) if b_id in reach(c)]
            if len(between) < 2:
                continue
            gap = 0
            for r in p.resources:
                work = sum(p.task(c).min_duration * p.task(c).uses.get(r.id, 0)
                           for c in between)
                gap = max(gap, -(-work // r.capacity))
                for m in (1, 2, 3):
                    days = sum(p.task(c).min_duration for c in between
                               if p.task(c).uses.get(r.id, 0) * (m + 1)
                               > r.capacity)
                    gap = max(gap, -(-days // m))
            if gap > longest(a.id, b_id):
                out.append((a.id, b_id, a.min_duration + gap))
    return sorted(out)


@given(st.data())
@settings(max_examples=40, deadline=None)
def test_delays_match_their_definition(data: st.DataObject) -> None:
    # Random DAGs of 3-9 tasks (links only to earlier tasks), one or two
    # resources: the vectorised delays equal the set-by-set definition.
    n = data.draw(st.integers(3, 9))
    caps = data.draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    tasks = []
    for k in range(n):
        after = data.draw(st.lists(st.integers(0, k - 1), unique=True,
                                   max_size=min(k, 3))) if k else []
        uses = {f"r{i}": data.draw(st.integers(0, c))
                for i, c in enumerate(caps)}
        tasks.append({"id": f"T{k}", "duration": data.draw(
            st.integers(1, 4)), "after": [f"T{a}" for a in after],
            "uses": {r: q for r, q in uses.items() if q}})
    p = make(tasks, resources=[{"id": f"r{i}", "capacity": c}
                               for i, c in enumerate(caps)])
    assert sorted(redundant.energy_bounds(p).delays) == _reference_delays(p)

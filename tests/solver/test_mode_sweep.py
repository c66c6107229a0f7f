"""A sweep of small random multi-mode projects whose optimum an
exhaustive search proves (``tests/helpers/exhaustive.py``): plansat's
makespan is never below it, equals it whenever plansat says OPTIMAL,
and every plan passes the checker.

OR-Tools 9.15 proved wrong optima on such projects when each mode's
optional interval shared the task's end variable (projects 444,
750 and 797 of the sweep, with the engine's workaround on or off):
the modes' intervals are now ``start + duration`` (variables.py).
The sweep runs with the workaround's parameters as the engine sets them
and with the two inferences it turned off back on, so it keeps both
the formulation and the workaround honest.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from plansat import SolveStatus
from plansat.solver.search import DEFAULT, PLAIN, Strategy
from tests.helpers import solved
from tests.helpers.exhaustive import project_of, shortest, small_multi_mode

#: CP-SAT's own values of what engine._workarounds turns off.
INFERENCES_ON = {"inprocessing_probing_dtime": 1.0,
                 "use_disjunctive_constraint_in_cumulative": True}

#: Projects swept, in chunks (one test per chunk and strategy).
SWEEP, CHUNK = 800, 100


def _strategies() -> list[Strategy]:
    """``plain``, ``default`` and ``plain`` with the inferences on (it
    proved the most wrong optima before the fix; ``default`` with them
    on proved the same ones)."""
    return [PLAIN, DEFAULT, replace(PLAIN, name="plain with probing",
                                    params=INFERENCES_ON)]


def _wrong(strategy: Strategy, seeds: range) -> list[str]:
    """What went wrong on the projects of ``seeds`` (solved with CP-SAT
    seed ``k % 4``, so the sweep varies it too)."""
    out = []
    for k in seeds:
        data = small_multi_mode(k)
        best = shortest(data)
        result = solved(project_of(data), seed=k % 4, strategy=strategy,
                        status=None)
        assert result.status.has_solution, (k, result.status)
        value = result.objective_value
        if value < best or (result.status == SolveStatus.OPTIMAL
                            and value != best):
            out.append(f"project {k}: {result.status.value} {value}, "
                       f"exhaustive optimum {best}")
    return out


@pytest.mark.parametrize("strategy", _strategies(), ids=lambda s: s.name)
@pytest.mark.parametrize("first", range(0, SWEEP, CHUNK))
def test_sweep_matches_exhaustive_optimum(strategy: Strategy,
                                          first: int) -> None:
    assert _wrong(strategy, range(first, first + CHUNK)) == []


def test_exhaustive_search_on_a_hand_solved_project() -> None:
    # Project 750 of the sweep, by hand: T0 in 1 day (mode 1) then T1 in
    # 1 day (mode 0), both on the one unit of r1 (days 0-1); T2 after
    # both in 1 day without resources (mode 1): makespan 3.  T1's other
    # mode takes 3 days, so nothing ends sooner.
    data = small_multi_mode(750)
    assert [len(t["modes"]) for t in data["tasks"]] == [2, 2, 2]
    assert shortest(data) == 3

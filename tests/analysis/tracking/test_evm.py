"""Earned value and earned schedule as pure functions (no solver).

The fixture is the issue's: BAC 1000, PD 10, cumulative PV 50, 120, 220,
350, 500, 640, 760, 860, 940, 1000; at AT = 6, EV = 430, AC = 520.
"""

from __future__ import annotations

import math

import pytest

from plansat.analysis.tracking import evm
from plansat.models import Project, Result
from tests.helpers import make, solved

PV = [50, 120, 220, 350, 500, 640, 760, 860, 940, 1000]
BAC, PD, AT, EV, AC = 1000, 10, 6, 430, 520


def test_issue_fixture_every_figure() -> None:
    e = evm.evm(PV, EV, AC, AT, digits=None)
    assert e.bac == 1000 and e.pd == 10
    assert e.pv == 640  # PV_6: the 6th cumulative value
    assert e.sv == -210  # 430 - 640
    assert e.cv == -90  # 430 - 520
    assert e.spi == pytest.approx(0.671875)  # 430 / 640
    assert e.cpi == pytest.approx(0.826923, abs=1e-6)  # 430 / 520
    assert e.eac.cpi == pytest.approx(1209.3023, abs=1e-4)  # 1000 / CPI
    assert e.eac.atypical == 1090  # 520 + 570
    # 520 + 570 / (0.826923 * 0.671875) = 520 + 1025.9383
    assert e.eac.cpi_spi == pytest.approx(1545.9383, abs=1e-4)
    assert e.tcpi_bac == pytest.approx(1.1875)  # 570 / 480
    # with EAC = BAC/CPI: (BAC - EV) / (BAC·AC/EV - AC) = EV/AC = CPI
    assert e.tcpi_eac == pytest.approx(e.cpi)
    assert e.eac_basis == "cpi"
    assert e.etc == pytest.approx(1209.3023 - 520, abs=1e-4)
    assert e.vac == pytest.approx(1000 - 1209.3023, abs=1e-4)
    # C = 4 (PV_4 = 350 <= 430 < PV_5 = 500): ES = 4 + 80/150
    assert e.es == pytest.approx(4.5333, abs=1e-4)
    assert e.sv_t == pytest.approx(-1.4667, abs=1e-4)  # 4.5333 - 6
    assert e.spi_t == pytest.approx(0.75556, abs=1e-5)  # 4.5333 / 6
    assert e.ieac_t == pytest.approx(13.2353, abs=1e-4)  # 10 / 0.75556
    assert e.tspi == pytest.approx(1.36667, abs=1e-5)  # 5.4667 / 4


def test_pure_functions_one_by_one() -> None:
    assert evm.planned_value(PV, AT) == 640
    assert evm.planned_value(PV, 0) == 0  # PV_0
    assert evm.planned_value(PV, 25) == 1000  # past PD: BAC
    assert evm.schedule_variance(EV, 640) == -210
    assert evm.cost_variance(EV, AC) == -90
    assert evm.spi(EV, 640) == 0.671875
    assert evm.eac_atypical(BAC, EV, AC) == 1090
    assert evm.earned_schedule(PV, 430) == pytest.approx(4 + 80 / 150)
    assert evm.sv_t(4.5, 6) == -1.5
    assert evm.spi_t(4.5, 6) == 0.75
    assert evm.ieac_t(10, 0.75) == pytest.approx(13.3333, abs=1e-4)
    assert evm.tspi(10, 4.5, 6) == 1.375  # 5.5 / 4


def test_tcpi_to_finish_on_budget() -> None:
    # BAC 200, EV 125, AC 150: 75 of work left with 50 of budget left
    assert evm.tcpi(200, 125, 150) == 1.5


def test_late_finish_with_everything_earned() -> None:
    # All work done (EV = BAC) on day 12 of a 10-day plan: PV = BAC, so
    # SPI says 1.0, but ES = PD = 10 and SPI(t) = 10/12.
    e = evm.evm(PV, 1000, 1100, 12, digits=None)
    assert e.spi == 1.0
    assert e.es == 10
    assert e.spi_t == pytest.approx(10 / 12)
    assert e.spi_t < 1
    assert e.sv_t == -2
    assert e.ieac_t == pytest.approx(12)  # 10 / (10/12)
    assert e.tcpi_bac == 0  # nothing left to do, over budget: 0 / -100
    assert e.tspi == 0  # (10 - 10) / (10 - 12)


def test_nothing_earned_at_the_start() -> None:
    # AT = 0, EV = AC = 0: every ratio with a zero denominator is None
    e = evm.evm(PV, 0, 0, 0, digits=None)
    assert (e.pv, e.sv, e.cv, e.es, e.sv_t) == (0, 0, 0, 0, 0)
    assert e.spi is None  # 0 / PV_0 = 0/0
    assert e.cpi is None  # 0 / AC = 0/0
    assert e.eac.cpi is None and e.eac.cpi_spi is None
    assert e.eac.atypical == 1000  # 0 + (1000 - 0)
    assert e.etc is None and e.vac is None and e.tcpi_eac is None
    assert e.eac_basis is None
    assert e.tcpi_bac == 1.0  # 1000 / 1000
    assert e.spi_t is None and e.ieac_t is None  # ES / 0
    assert e.tspi == 1.0  # (10 - 0) / (10 - 0)


def test_nothing_earned_after_spending() -> None:
    # EV = 0 at AT = 3 with AC = 100: CPI = SPI = 0, EACs by ratio None
    e = evm.evm(PV, 0, 100, 3, digits=None)
    assert e.spi == 0 and e.cpi == 0
    assert e.eac.cpi is None  # BAC / 0
    assert e.eac.cpi_spi is None  # (BAC - EV) / (0 · 0)
    assert e.eac.atypical == 1100
    assert e.es == 0 and e.spi_t == 0
    assert e.ieac_t is None  # PD / SPI(t) = 10 / 0


def test_everything_at_budget_and_planned_duration() -> None:
    # EV = BAC = AC at AT = PD: TCPI(BAC) = 0/0, TSPI = 0/0
    e = evm.evm(PV, 1000, 1000, 10, digits=None)
    assert e.tcpi_bac is None and e.tspi is None
    assert e.es == 10 and e.spi_t == 1 and e.ieac_t == 10
    assert e.tcpi_eac is None  # EAC(CPI) = 1000 = AC


def test_flat_pv_stretch() -> None:
    # Days 2-4 plan nothing: cumulative 10, 20, 20, 20, 20, 30
    pv = [10, 20, 20, 20, 20, 30]
    # EV = 20 sits on the flat stretch: C is its *last* day (5), the
    # next step is 20 -> 30, so ES = 5 + 0/10 = 5
    assert evm.earned_schedule(pv, 20) == 5
    assert evm.earned_schedule(pv, 15) == 1.5  # 1 + 5/10
    assert evm.earned_schedule(pv, 25) == 5.5  # 5 + 5/10
    # a leading stretch of zero cost: EV = 0 earns its end (day 2)
    assert evm.earned_schedule([0, 0, 50, 100], 0) == 2
    for ev in (0, 10, 20, 30, 35):
        value = evm.earned_schedule(pv, ev)
        assert math.isfinite(value) and 0 <= value <= 6


def test_empty_curve_and_zero_budget() -> None:
    e = evm.evm([], 0, 0, 0, digits=None)
    assert e.bac == 0 and e.pd == 0 and e.es == 0
    assert e.spi is None and e.cpi is None and e.tspi is None
    e = evm.evm([0, 0, 0], 0, 0, 2, digits=None)  # a project of no cost
    assert e.es == 3  # EV >= BAC = 0: ES = PD
    assert e.spi is None and e.tcpi_bac is None


def test_replan_eac_drives_etc_vac_and_tcpi() -> None:
    e = evm.evm(PV, EV, AC, AT, eac_replan=1100)
    assert e.eac_basis == "replan" and e.eac.replan == 1100
    assert e.etc == 580  # 1100 - 520
    assert e.vac == -100  # 1000 - 1100
    assert e.tcpi_eac == pytest.approx(570 / 580, abs=1e-6)


def test_rounding_to_six_decimals() -> None:
    e = evm.evm(PV, EV, AC, AT)
    assert e.es == 4.533333 and e.cpi == 0.826923


# -- time-phasing a baseline ---------------------------------------------


def _chain() -> Project:
    # A (3 days, alice 100/day) -> B (2 days, bob 50/day, rig 10/day),
    # overhead 20 per day; one person per task.
    return make(
        [
            {"id": "A", "duration": 3, "needs": [{"skill": "x"}]},
            {"id": "B", "duration": 2, "after": ["A"],
             "needs": [{"skill": "y"}], "uses": {"rig": 1}},
        ],
        people=[
            {"id": "alice", "skills": {"x": 1}, "rate": 100},
            {"id": "bob", "skills": {"y": 1}, "rate": 50},
        ],
        resources=[{"id": "rig", "capacity": 1, "rate": 10}],
        overhead_per_day=20,
    )


def test_pv_curve_of_a_solved_chain() -> None:
    project = _chain()
    base: Result = solved(project)
    # days 0-2: 100 + 20; days 3-4: 50 + 10 + 20
    assert evm.pv_curve(base, project) == [120, 240, 360, 440, 520]
    assert base.cost.total == 520
    phasing = evm.phase_baseline(base, project)
    assert phasing.budget == {"A": 300, "B": 120}
    assert phasing.overhead == 100
    assert phasing.task_pv("A", 2) == 200
    assert phasing.task_pv("B", 4) == 60  # day 3 only
    assert phasing.task_pv("B", 0) == 0


def test_crash_and_one_off_costs_are_phased() -> None:
    # A is crashed from 4 to 2 days (2 × 30 = 60 spread over its 2 days),
    # B has two modes: its chosen mode's fixed cost lands on its first
    # day.
    project = make(
        [
            {"id": "A", "duration": 4, "crash": {"duration": 2,
                                                 "cost_per_day": 30}},
            {"id": "B", "after": ["A"], "modes": [
                {"duration": 1, "cost": 70}, {"duration": 3, "cost": 0}]},
        ],
    )
    base = solved(project)  # time: A crashed to 2, B in mode 0
    assert base.makespan == 3
    assert evm.pv_curve(base, project) == [30, 60, 130]
    assert evm.pv_curve(base, project)[-1] == base.cost.total

"""Earned value and earned schedule: pure functions, numbers in, numbers
out.

The definitions are DESIGN.md's ("Execution"), the standard ones (PMI's
EVM, Lipke's earned schedule):

- PV = baseline cost scheduled before AT, EV = Σ budget × fraction done,
  AC = actual cost;
- SV = EV − PV, CV = EV − AC, SPI = EV/PV, CPI = EV/AC;
- EAC = BAC/CPI, AC + (BAC − EV), AC + (BAC − EV)/(CPI·SPI), and the
  cost of the optimal re-plan; ETC = EAC − AC; VAC = BAC − EAC;
- TCPI = (BAC − EV)/(BAC − AC) and (BAC − EV)/(EAC − AC);
- ES = C + (EV − PV_C)/(PV_{C+1} − PV_C), C the last day whose
  cumulative PV ≤ EV; SV(t) = ES − AT, SPI(t) = ES/AT, IEAC(t) =
  PD/SPI(t), TSPI = (PD − ES)/(PD − AT).

A planned-value curve ``pv`` is cumulative by working day: ``pv[k]`` is
the cost planned on days ``0..k``, so ``PV_t`` (the cost planned before
day ``t``) is ``pv[t - 1]`` and ``PV_0 = 0``; its length is the planned
duration PD and its last value is BAC.

Nothing here divides by zero: a ratio whose denominator is zero (PV = 0
at AT = 0, AC = 0 before any spending, CPI·SPI = 0 when nothing is
earned, BAC = AC, EAC = AC, AT = 0, SPI(t) = 0, AT = PD) is ``None``
(JSON ``null``).  The earned schedule itself is always defined: EV = 0
gives the end of the leading stretch of days that plan no cost (0 when
day 0 has a cost), EV ≥ BAC gives PD, and a flat stretch of PV never
becomes a denominator because C is the *last* day at or below EV.  A
negative TCPI or TSPI means the budget or the planned duration is
already used up; it is reported as computed.

:func:`pv_curve` (from :mod:`plansat.analysis.tracking.phasing`, re-exported
here) time-phases a baseline :class:`~plansat.models.Result` into such a
curve.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from plansat.analysis.tracking.phasing import Phasing, phase_baseline, pv_curve
from plansat.models.status import Eac, Evm

__all__ = [
    "Phasing",
    "cost_variance",
    "cpi",
    "eac_atypical",
    "eac_cpi",
    "eac_cpi_spi",
    "earned_schedule",
    "evm",
    "ieac_t",
    "phase_baseline",
    "planned_value",
    "pv_curve",
    "schedule_variance",
    "spi",
    "spi_t",
    "sv_t",
    "tcpi",
    "tspi",
]

#: Denominators closer to zero than this count as zero.
EPS = 1e-9


def _ratio(num: float, den: float | None) -> float | None:
    """``num / den``, or ``None`` when ``den`` is missing or zero."""
    if den is None or abs(den) < EPS:
        return None
    return num / den


# -- earned value ----------------------------------------------------------


def planned_value(pv: Sequence[float], at: int) -> float:
    """PV_AT: the cost planned on the days before ``at``.

    Examples
    --------
    >>> planned_value([50, 120, 220], 2), planned_value([50, 120], 0)
    (120, 0.0)
    >>> planned_value([50, 120], 9)  # past the planned duration: BAC
    120
    """
    if at <= 0 or not pv:
        return 0.0
    return pv[min(at, len(pv)) - 1]


def schedule_variance(ev: float, pv: float) -> float:
    """SV = EV − PV (negative: behind schedule)."""
    return ev - pv


def cost_variance(ev: float, ac: float) -> float:
    """CV = EV − AC (negative: over budget)."""
    return ev - ac


def spi(ev: float, pv: float) -> float | None:
    """SPI = EV / PV; ``None`` when PV = 0."""
    return _ratio(ev, pv)


def cpi(ev: float, ac: float) -> float | None:
    """CPI = EV / AC; ``None`` when AC = 0."""
    return _ratio(ev, ac)


def eac_cpi(bac: float, cpi_value: float | None) -> float | None:
    """EAC = BAC / CPI; ``None`` when CPI is 0 or undefined."""
    return _ratio(bac, cpi_value)


def eac_atypical(bac: float, ev: float, ac: float) -> float:
    """EAC = AC + (BAC − EV): the rest of the work costs what the baseline
    says."""
    return ac + (bac - ev)


def eac_cpi_spi(
    bac: float, ev: float, ac: float, cpi_value: float | None,
    spi_value: float | None,
) -> float | None:
    """EAC = AC + (BAC − EV) / (CPI · SPI); ``None`` when CPI · SPI is 0
    or undefined.

    Examples
    --------
    >>> round(eac_cpi_spi(1000, 430, 520, 430 / 520, 430 / 640), 4)
    1545.9383
    """
    if cpi_value is None or spi_value is None:
        return None
    rest = _ratio(bac - ev, cpi_value * spi_value)
    return None if rest is None else ac + rest


def tcpi(
    bac: float, ev: float, ac: float, eac: float | None = None
) -> float | None:
    """TCPI: the cost efficiency the remaining work needs to meet a target.

    ``(BAC − EV) / (BAC − AC)`` to finish on budget (``eac`` not given),
    ``(BAC − EV) / (EAC − AC)`` to finish at ``eac``; ``None`` when the
    denominator is 0 (or ``eac`` is undefined).

    Examples
    --------
    >>> tcpi(200, 125, 150)
    1.5
    """
    target = bac if eac is None else eac
    return _ratio(bac - ev, target - ac)


# -- earned schedule -------------------------------------------------------


def earned_schedule(pv: Sequence[float], ev: float) -> float:
    """ES = C + (EV − PV_C) / (PV_{C+1} − PV_C).

    C is the last day (0..PD) whose cumulative PV is at most EV (PV_0 =
    0).  EV ≥ BAC gives ES = PD.  Since PV_{C+1} > EV ≥ PV_C, the
    denominator is never zero, flat stretches of PV included.

    Parameters
    ----------
    pv
        Cumulative planned value by working day (``pv[k]``: days
        ``0..k``).
    ev
        Earned value (negative values count as 0).

    Returns
    -------
    float
        The earned schedule in working days, 0..PD.

    Examples
    --------
    >>> pv = [50, 120, 220, 350, 500, 640, 760, 860, 940, 1000]
    >>> round(earned_schedule(pv, 430), 4)
    4.5333
    >>> earned_schedule(pv, 1000), earned_schedule(pv, 0)
    (10.0, 0.0)
    """
    cum = [0.0, *pv]
    ev = max(ev, 0.0)
    if len(cum) == 1 or ev >= cum[-1] - EPS:
        return float(len(pv))
    c = bisect.bisect_right(cum, ev) - 1
    return c + (ev - cum[c]) / (cum[c + 1] - cum[c])


def sv_t(es: float, at: float) -> float:
    """SV(t) = ES − AT in working days (negative: behind)."""
    return es - at


def spi_t(es: float, at: float) -> float | None:
    """SPI(t) = ES / AT; ``None`` at AT = 0."""
    return _ratio(es, at)


def ieac_t(pd: float, spi_t_value: float | None) -> float | None:
    """IEAC(t) = PD / SPI(t): the forecast duration in working days;
    ``None`` when SPI(t) is 0 or undefined."""
    return _ratio(pd, spi_t_value)


def tspi(pd: float, es: float, at: float) -> float | None:
    """TSPI = (PD − ES) / (PD − AT): the schedule efficiency the rest needs
    to finish on the planned duration; ``None`` at AT = PD."""
    return _ratio(pd - es, pd - at)


# -- the whole block -------------------------------------------------------


def evm(
    pv: Sequence[float],
    ev: float,
    ac: float,
    at: int | float,
    *,
    eac_replan: float | None = None,
    digits: int | None = 6,
) -> Evm:
    """Every earned-value and earned-schedule figure at time ``at``.

    Parameters
    ----------
    pv
        Cumulative planned value by working day; its length is PD and
        its last value BAC (an empty curve: BAC = PD = 0).
    ev, ac
        Earned value and actual cost.
    at
        Actual time AT in working days (PV is read before day ``at``).
    eac_replan
        Cost of the optimal re-plan; ETC, VAC and TCPI(EAC) use it when
        given, else EAC = BAC/CPI (``eac_basis`` says which).
    digits
        Decimals the figures are rounded to (``None``: no rounding).

    Returns
    -------
    Evm
        The block of the status report.

    Examples
    --------
    >>> pv = [50, 120, 220, 350, 500, 640, 760, 860, 940, 1000]
    >>> e = evm(pv, ev=430, ac=520, at=6)
    >>> e.pv, e.sv, e.spi, e.es, e.tspi
    (640.0, -210.0, 0.671875, 4.533333, 1.366667)
    """
    bac = float(pv[-1]) if pv else 0.0
    pd = len(pv)
    pv_at = float(planned_value(pv, int(at)))
    cpi_value, spi_value = cpi(ev, ac), spi(ev, pv_at)
    eacs = Eac(
        cpi=eac_cpi(bac, cpi_value),
        atypical=eac_atypical(bac, ev, ac),
        cpi_spi=eac_cpi_spi(bac, ev, ac, cpi_value, spi_value),
        replan=eac_replan,
    )
    basis, eac = (
        ("replan", eac_replan) if eac_replan is not None
        else ("cpi", eacs.cpi)
    )
    es = earned_schedule(pv, ev)
    spi_t_value = spi_t(es, at)
    values = {
        "bac": bac, "pv": pv_at, "ev": ev, "ac": ac,
        "sv": schedule_variance(ev, pv_at), "cv": cost_variance(ev, ac),
        "spi": spi_value, "cpi": cpi_value,
        "etc": None if eac is None else eac - ac,
        "vac": None if eac is None else bac - eac,
        "tcpi_bac": tcpi(bac, ev, ac),
        "tcpi_eac": None if eac is None else tcpi(bac, ev, ac, eac),
        "es": es, "sv_t": sv_t(es, at), "spi_t": spi_t_value,
        "ieac_t": ieac_t(pd, spi_t_value), "tspi": tspi(pd, es, at),
    }
    if digits is not None:
        values = {k: _round(v, digits) for k, v in values.items()}
        eacs = Eac(**{
            k: _round(v, digits) for k, v in eacs.model_dump().items()
        })
    return Evm.model_validate({
        **values, "eac": eacs, "pd": pd, "at": at,
        "eac_basis": basis if eac is not None else None,
    })


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits) + 0.0

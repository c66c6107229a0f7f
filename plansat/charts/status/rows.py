"""The rows of the earned-value table, shared by the terminal
(:mod:`plansat.cli.status_render`) and the HTML status page
(:mod:`plansat.charts.status.page`): labels, keys, units and
definitions, and how each figure is written.  Standard library and the
contracts only (no plotly, rich or pandas).
"""

from __future__ import annotations

from plansat import format as fmt
from plansat.models.status import StatusReport

__all__ = ["EVM_ROWS", "evm_value", "show"]

#: The EVM table: (label, key in the ``evm`` block, kind, meaning).
EVM_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("BAC", "bac", "money", "budget at completion (the baseline's cost)"),
    ("PV", "pv", "money", "baseline cost planned before the status date"),
    ("EV", "ev", "money", "baseline cost of the work done"),
    ("AC", "ac", "money", "actual cost so far"),
    ("SV", "sv", "money", "EV − PV (negative: behind)"),
    ("CV", "cv", "money", "EV − AC (negative: over budget)"),
    ("SPI", "spi", "ratio", "EV / PV"),
    ("CPI", "cpi", "ratio", "EV / AC"),
    ("EAC (re-plan)", "eac.replan", "money", "cost of the optimal re-plan"),
    ("EAC (CPI)", "eac.cpi", "money", "BAC / CPI"),
    ("EAC (atypical)", "eac.atypical", "money", "AC + (BAC − EV)"),
    ("EAC (CPI·SPI)", "eac.cpi_spi", "money",
     "AC + (BAC − EV) / (CPI · SPI)"),
    ("ETC", "etc", "money", "EAC − AC (EAC: the re-plan's, else BAC/CPI)"),
    ("VAC", "vac", "money", "BAC − EAC"),
    ("TCPI (BAC)", "tcpi_bac", "ratio", "(BAC − EV) / (BAC − AC)"),
    ("TCPI (EAC)", "tcpi_eac", "ratio", "(BAC − EV) / (EAC − AC)"),
    ("ES", "es", "days", "earned schedule (working days)"),
    ("SV(t)", "sv_t", "days", "ES − AT (working days)"),
    ("SPI(t)", "spi_t", "ratio", "ES / AT"),
    ("IEAC(t)", "ieac_t", "days", "PD / SPI(t) (working days)"),
    ("TSPI", "tspi", "ratio", "(PD − ES) / (PD − AT)"),
)


def evm_value(report: StatusReport, key: str) -> float | None:
    """A figure of the report's ``evm`` block by dotted key
    (``"eac.cpi"``)."""
    value: object = report.evm
    for part in key.split("."):
        value = getattr(value, part)
    return value if isinstance(value, int | float) else None


def show(value: float | None, kind: str) -> str:
    """A figure as text: money, a ratio (3 decimals) or days (2).

    Examples
    --------
    >>> show(1209.302326, "money"), show(0.6718, "ratio"), show(None, "days")
    ('1,209.30', '0.672', '–')
    """
    if value is None:
        return fmt.DASH
    if kind == "money":
        return fmt.money(value)
    return f"{value:.3f}" if kind == "ratio" else f"{value:.2f}"

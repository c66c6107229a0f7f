"""Portfolio planning: several projects sharing the same people,
planned together (:func:`plan_portfolio`), and whether a new one fits
(:func:`admit`)."""

from plansat.analysis.portfolio.admit import admit
from plansat.analysis.portfolio.plan import plan_portfolio

__all__ = ["admit", "plan_portfolio"]

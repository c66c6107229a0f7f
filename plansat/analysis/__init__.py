"""Analysis built on the solver, one subpackage per question: tracking/,
risk/, impact/; releases and the time-cost trade-off as modules."""

"""The schedule report: the HTML page (summary, Gantt, loads, critical
path, time-cost curve), its figures and the numbers behind them, and
the Gantt PNG."""

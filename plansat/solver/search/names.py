"""The names of the strategies, without loading them (the CLI's
``--strategy`` choices); :mod:`plansat.solver.search.strategies` checks
that its registry has exactly these, in this order."""

NAMES: tuple[str, ...] = (
    "plain", "default", "v1", "+hint", "+makespan_interval",
    "+disjunctive", "+tails", "+workforce", "+genetic", "+delays",
    "+small_lb_search", "+lns", "-restarts", "+pooled_bound",
    "+push_start", "+probing_off", "-plain_first", "+sub_lns",
    "+restarts_sub_lns",
)

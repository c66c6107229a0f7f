"""Schedule risk: the Monte Carlo of completion dates, its sampled
durations, statistics and the re-planning policy."""

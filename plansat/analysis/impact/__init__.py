"""Impact of a change: what-if changes and their exact answers,
scenarios, blockers and bottlenecks."""

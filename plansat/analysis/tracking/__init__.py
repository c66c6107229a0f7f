"""Tracking a project under way: the status report, earned value,
the history frozen at the status date, snapshots and the re-plan."""

"""Compile a project into CP-SAT, solve it, and the analyses around it."""

"""Prompts with the common server's names and arguments, each steering
the assistant through plansat's tools in order, and telling it to
quote the computed figures rather than estimate its own.
"""

from __future__ import annotations

from collections.abc import Callable

from mcp.server.mcpserver import MCPServer

__all__ = ["PROMPTS", "register_prompts"]

#: Said at the end of every prompt.
RULE = (
    "Quote only figures the tools return (dates, working days, costs, "
    "probabilities); they are computed by CP-SAT and checked, so never "
    "replace them with estimates. If a tool answers with an error, fix "
    "what it names and retry."
)


def project_kickoff(project_name: str, project_scope: str = "",
                    stakeholders: str = "") -> str:
    """Start a project: create, schedule, assign, check."""
    return (
        f"Kick off the project '{project_name}' with plansat.\n"
        f"Scope: {project_scope or 'ask the user'}. "
        f"Stakeholders: {stakeholders or 'ask the user'}.\n"
        "1. Gather tasks (duration or effort, dependencies, skills), "
        "people (skills with levels 1-5, rates, vacations) and dates; "
        "call create_project with the full `project` JSON (or with the "
        "name alone, then add tasks with assign_tasks and people with "
        "update_project).\n"
        "2. generate_timeline (optimization_focus 'time'): report the "
        "finish, the critical path and the tasks with float.\n"
        "3. assign_tasks (assignment_strategy 'balanced'): report who "
        "does what and anyone over-utilised.\n"
        "4. set_baseline to freeze the plan, then identify_blockers.\n"
        f"{RULE}"
    )


def milestone_planning(project_id: str,
                       planning_horizon: str = "full_project") -> str:
    """Phases and milestones from the computed schedule."""
    return (
        f"Plan the milestones of project {project_id} (horizon: "
        f"{planning_horizon}).\n"
        "1. get_project to see the tasks; add zero-duration milestone "
        "tasks with update_project where phases end (links in 'after').\n"
        "2. generate_timeline: each milestone's date comes from the "
        "schedule; list them with their float.\n"
        "3. For a milestone that must be earlier, crash_options with its "
        "date as deadline gives the cheapest way there.\n"
        f"{RULE}"
    )


def resource_optimization(project_id: str,
                          constraint_type: str = "time_and_budget") -> str:
    """Balance the team's load and compare time and cost plans."""
    return (
        f"Optimise the team of project {project_id} (constraint: "
        f"{constraint_type}).\n"
        "1. assign_tasks with assignment_strategy 'balanced': loads per "
        "person, over- and under-utilised people.\n"
        "2. generate_timeline with optimization_focus 'time' and 'cost' "
        "and compare finish and cost.\n"
        "3. identify_blockers with scope 'resource_conflicts': single "
        "points of failure and what one more person with a skill buys.\n"
        "4. what_if to test a hire ('add_people') or an absence "
        "('unavailable person:from:to').\n"
        f"{RULE}"
    )


def risk_assessment(project_id: str,
                    assessment_scope: str = "comprehensive") -> str:
    """Monte Carlo outlook and ranked blockers."""
    return (
        f"Assess the risks of project {project_id} (scope: "
        f"{assessment_scope}).\n"
        "1. If tasks lack three-point estimates ('estimate': optimistic, "
        "likely, pessimistic) or known risks are missing ('risks'), add "
        "them with update_project.\n"
        "2. generate_timeline with optimization_focus 'risk': P50/P80 "
        "finish, the project buffer and the chance to meet the deadline.\n"
        "3. identify_blockers (severity_threshold 'low') and what_if on "
        "the worst ones ('delay T:days').\n"
        f"{RULE}"
    )


def progress_review(project_id: str,
                    review_period: str = "current_sprint") -> str:
    """Record progress, report status, find what blocks."""
    return (
        f"Review the progress of project {project_id} ({review_period}).\n"
        "1. Ask for the status date and, per task, actual_start, "
        "actual_finish or percent_complete/remaining.\n"
        "2. track_progress with that `progress`: % complete, slip, SPI(t), "
        "forecast finish, P80.\n"
        "3. identify_blockers with scope 'critical_path'; replan if the "
        "forecast slips.\n"
        "4. send_notifications (status_update) to share the result.\n"
        f"{RULE}"
    )


def delivery_planning(project_id: str,
                      delivery_strategy: str = "incremental") -> str:
    """Releases, trade-offs and the delivery date."""
    return (
        f"Plan the delivery of project {project_id} (strategy: "
        f"{delivery_strategy}).\n"
        "1. Make sure the project has 'features' (value, tasks) and "
        "'releases' (dates); add them with update_project.\n"
        "2. plan_releases: which feature ships in which release.\n"
        "3. crash_options: what an earlier delivery costs.\n"
        "4. send_notifications (milestone) with the release dates.\n"
        f"{RULE}"
    )


#: Prompt name -> function (its docstring is the description).
PROMPTS: dict[str, Callable[..., str]] = {
    "project-kickoff": project_kickoff,
    "milestone-planning": milestone_planning,
    "resource-optimization": resource_optimization,
    "risk-assessment": risk_assessment,
    "progress-review": progress_review,
    "delivery-planning": delivery_planning,
}


def register_prompts(server: MCPServer) -> None:
    """Add the six prompts to ``server``."""
    for name, fn in PROMPTS.items():
        server.prompt(name=name, description=fn.__doc__)(fn)

"""plansat: exact project planning with OR-Tools CP-SAT.

The public API::

    import plansat
    project = plansat.Project.from_file("examples/ecommerce.json")
    report = plansat.critical_path(project)
    result = plansat.solve(project, objective="time")
"""

from plansat.check import violations
from plansat.models import Project, ProjectError, Result, SolveStatus
from plansat.schedule.cpm import CpmReport, critical_path
from plansat.solver.engine import Progress
from plansat.solver.solve import solve

__version__ = "0.1.0"

__all__ = [
    "CpmReport",
    "Progress",
    "Project",
    "ProjectError",
    "Result",
    "SolveStatus",
    "__version__",
    "critical_path",
    "solve",
    "violations",
]

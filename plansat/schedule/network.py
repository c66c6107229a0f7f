"""The link network of a project as flat integer arrays, and the one
topological order every part of plansat uses."""

from __future__ import annotations

from plansat.models import Project

#: Link types as small integers.
FS, SS, FF, SF = 0, 1, 2, 3
CODE = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}


class Network:
    """The links as flat integer arrays, indexed by link number.

    Few Python objects are created (no tuple per link), which keeps the
    garbage collector quiet on large projects.  Links into task ``j`` are
    numbers ``first_in[j] .. first_in[j + 1] - 1``; links out of task
    ``i`` are ``out[first_out[i] : first_out[i + 1]]``.
    """

    def __init__(self, project: Project) -> None:
        index = project.task_index
        n = len(project.tasks)
        self.src: list[int] = []
        self.dst: list[int] = []
        self.kind: list[int] = []
        self.lag: list[int] = []
        self.first_in = [0] * (n + 1)
        for j, t in enumerate(project.tasks):
            for dep in t.after:
                self.src.append(index[dep.task])
                self.dst.append(j)
                self.kind.append(CODE[dep.type])
                self.lag.append(dep.lag)
            self.first_in[j + 1] = len(self.src)
        first_out = [0] * (n + 1)
        for i in self.src:
            first_out[i + 1] += 1
        for k in range(n):
            first_out[k + 1] += first_out[k]
        fill = first_out[:-1]
        out = [0] * len(self.src)
        for e, i in enumerate(self.src):
            out[fill[i]] = e
            fill[i] += 1
        self.first_out = first_out
        self.out = out

    def topological_order(self) -> list[int]:
        """Kahn's algorithm, FIFO (ties by project order); shorter than
        the task count when there is a cycle."""
        first_in, dst = self.first_in, self.dst
        remaining = [
            first_in[k + 1] - first_in[k] for k in range(len(first_in) - 1)
        ]
        order = [k for k, deg in enumerate(remaining) if deg == 0]
        head = 0
        first_out, out = self.first_out, self.out
        while head < len(order):
            i = order[head]
            head += 1
            for e in out[first_out[i] : first_out[i + 1]]:
                j = dst[e]
                remaining[j] -= 1
                if remaining[j] == 0:
                    order.append(j)
        return order


def topological_order(project: Project) -> list[str]:
    """Task ids with every task after its predecessors (Kahn's algorithm,
    ties in project order); validated projects have no cycle."""
    ids = [t.id for t in project.tasks]
    return [ids[k] for k in Network(project).topological_order()]

"""Tests of each constraint family of plansat.solver.constraints alone.

This folder is a package so that its modules, named after the families
(``test_precedence``, ``test_capacity``, ...), don't collide under
pytest's default import mode with same-named tests of the referee's
families (plansat.check) elsewhere in the tree.
"""

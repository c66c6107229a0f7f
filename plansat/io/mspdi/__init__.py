"""MS Project XML (MSPDI): read a schedule in, write a plan back.

MSPDI is the XML format Microsoft Project saves and that ProjectLibre,
GanttProject and most planning tools read and write.
:func:`read_mspdi` turns a file into a :class:`~plansat.models.Project`
(with its baseline and the warnings of what was approximated);
:func:`write_mspdi` writes a project, optionally with its solved plan and
a baseline, in the schema's element order.
"""

from plansat.io.mspdi.read import MspdiImport, parse_mspdi, read_mspdi
from plansat.io.mspdi.schema import NAMESPACE
from plansat.io.mspdi.write import MspdiExport, to_mspdi, write_mspdi

__all__ = [
    "NAMESPACE",
    "MspdiExport",
    "MspdiImport",
    "parse_mspdi",
    "read_mspdi",
    "to_mspdi",
    "write_mspdi",
]

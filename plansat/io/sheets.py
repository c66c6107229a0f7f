"""Rows of cells from a spreadsheet file: CSV (delimiter sniffed) or
.xlsx (through pandas and openpyxl, the ``io`` extra)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from plansat.models import ProjectError

__all__ = ["sheet_rows"]


def sheet_rows(path: Path) -> list[list[str]]:
    """The cells of a CSV (any of , ; tab, UTF-8) or .xlsx file, row by
    row, as text (whole numbers without ``.0``)."""
    if path.suffix.lower() == ".xlsx":
        return _excel_rows(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise ProjectError([f"{path}: not UTF-8 text (save the list as "
                            "CSV UTF-8)"]) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _excel_rows(path: Path) -> list[list[str]]:
    try:
        import openpyxl  # noqa: F401 - pandas needs it for .xlsx
        import pandas as pd
    except ImportError:
        raise ProjectError([f"{path}: reading .xlsx needs openpyxl "
                            "(pip install 'plansat[io]')"]) from None
    try:
        frame = pd.read_excel(path, header=None, dtype=str,
                              engine="openpyxl").fillna("")
    except FileNotFoundError:
        raise ProjectError([f"{path}: no such file"]) from None
    except Exception as exc:  # openpyxl raises many kinds
        raise ProjectError([f"{path}: not a readable .xlsx file "
                            f"({exc})"]) from None
    return [[_cell(v) for v in row] for row in frame.itertuples(index=False)]


def _cell(value: Any) -> str:
    text = str(value)
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text

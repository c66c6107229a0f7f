"""The shared formatters of :mod:`plansat.format`."""

from __future__ import annotations

import doctest
import math
from datetime import date

import pytest

from plansat import format as fmt
from plansat.format import DASH


def test_the_dash_is_an_en_dash() -> None:
    assert DASH == "\u2013"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, DASH),
        (0, "0"),
        (55.0, "55"),
        (-3, "-3"),
        (1234567, "1,234,567"),
        (0.4567, "0.457"),
        (-0.25, "-0.25"),
        (0.0001234, "0.000123"),
        (12.345, "12.35"),
        (1234.5, "1,234.50"),
    ],
)
def test_number(value: float | None, text: str) -> None:
    assert fmt.number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, DASH),
        (0, "0"),
        (-0.0, "0"),
        (123456, "123,456"),
        (116710.0, "116,710"),
        (1234.5, "1,234.50"),
        (1234.567, "1,234.57"),
        (1400.001, "1,400"),
        (0.5, "0.50"),
        (-2500.25, "-2,500.25"),
        (math.inf, "inf"),
    ],
)
def test_money(value: float | None, text: str) -> None:
    assert fmt.money(value) == text


@pytest.mark.parametrize(
    ("fraction", "digits", "text"),
    [
        (None, 1, DASH),
        (0, 1, "0.0%"),
        (0.1234, 1, "12.3%"),
        (1, 1, "100.0%"),
        (1.5, 1, "150.0%"),
        (2 / 57, 1, "3.5%"),
        (0.5, 0, "50%"),
        (0.12345, 2, "12.35%"),
    ],
)
def test_percent(fraction: float | None, digits: int, text: str) -> None:
    assert fmt.percent(fraction, digits=digits) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (None, DASH),
        (date(2025, 6, 2), "2025-06-02"),
        (date(1999, 12, 31), "1999-12-31"),
    ],
)
def test_iso(day: date | None, text: str) -> None:
    assert fmt.iso(day) == text


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (None, DASH),
        (0, "0 working days"),
        (1, "1 working day"),
        (2, "2 working days"),
        (55, "55 working days"),
    ],
)
def test_days(count: int | None, text: str) -> None:
    assert fmt.days(count) == text


@pytest.mark.parametrize(
    ("objective", "label"),
    [
        ("time", "time (makespan, working days)"),
        ("balance", "balance (highest load)"),
        ("cost", "cost (total)"),
    ],
)
def test_objective_labels(objective: str, label: str) -> None:
    assert fmt.OBJECTIVE_LABELS[objective] == label


def test_every_objective_has_a_label() -> None:
    from typing import get_args

    from plansat.models.result import Objective

    assert set(fmt.OBJECTIVE_LABELS) == set(get_args(Objective))


def test_the_docstring_examples() -> None:
    failed, tried = doctest.testmod(fmt, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0


def test_only_the_standard_library_and_models_are_imported() -> None:
    import ast
    from pathlib import Path

    assert fmt.__file__ is not None
    tree = ast.parse(Path(fmt.__file__).read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert modules <= {"__future__", "datetime", "math", "typing"}

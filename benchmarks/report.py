"""Summaries of benchmark CSVs: markdown tables and a gap chart."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd


def load(paths: Iterable[Path]) -> pd.DataFrame:
    """All rows of the given CSVs, with gap columns added.

    ``gap_ub``: (objective - best-known UB) / best-known UB, in percent;
    ``gap_own``: (objective - own bound) / objective, in percent.
    """
    frame = pd.concat([pd.read_csv(p) for p in paths], ignore_index=True)
    frame = frame.drop_duplicates(
        subset=["set", "instance", "strategy"], keep="last"
    )
    solved = frame["objective"].notna()
    frame["gap_ub"] = (
        (frame["objective"] - frame["best_ub"]) / frame["best_ub"] * 100
    ).where(solved & frame["best_ub"].notna())
    frame["gap_own"] = (
        (frame["objective"] - frame["bound"]) / frame["objective"] * 100
    ).where(solved & frame["bound"].notna())
    frame["at_ub"] = solved & (frame["objective"] <= frame["best_ub"])
    return frame


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (set, strategy)."""
    groups = frame.groupby(["set", "strategy"], sort=False)
    return pd.DataFrame({
        "instances": groups.size(),
        "solved": groups["objective"].count(),
        "optimal": groups["status"].apply(lambda s: int((s == "OPTIMAL")
                                                        .sum())),
        "<= best UB": groups["at_ub"].sum().astype(int),
        "mean gap to UB %": groups["gap_ub"].mean().round(2),
        "mean gap to own bound %": groups["gap_own"].mean().round(2),
        "mean runtime s": groups["runtime"].mean().round(2),
        "median runtime s": groups["runtime"].median().round(2),
        "total runtime s": groups["runtime"].sum().round(1),
        "checker violations": groups["violations"].sum().astype(int),
    }).reset_index()


def markdown(frame: pd.DataFrame) -> str:
    """Markdown tables, one per set."""
    table = summary(frame)
    parts = []
    for set_name, rows in table.groupby("set", sort=False):
        parts.append(f"### {set_name}\n")
        parts.append(rows.drop(columns="set").to_markdown(index=False)
                     if _has_tabulate() else _plain(rows.drop(columns="set")))
        parts.append("")
    return "\n".join(parts)


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


def _plain(rows: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, rows.columns)) + " |"
    rule = "|" + "---|" * len(rows.columns)
    body = [
        "| " + " | ".join("" if pd.isna(v) else str(v) for v in r) + " |"
        for r in rows.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


def write_chart(frame: pd.DataFrame, path: Path) -> None:
    """Per-instance gap to the best-known UB, one trace per strategy."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for strategy, rows in frame.groupby("strategy", sort=False):
        rows = rows.sort_values("instance")
        fig.add_trace(go.Scatter(
            x=rows["set"] + "/" + rows["instance"], y=rows["gap_ub"],
            mode="markers", name=str(strategy),
        ))
    fig.update_layout(title="Gap to best-known upper bound (%)",
                      yaxis_title="gap %", xaxis_title="instance")
    fig.write_html(path, include_plotlyjs=True)

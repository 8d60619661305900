"""The baseline for bench/export_bench.py: the workbook's tables written by pandas.DataFrame.to_excel.

Reads a workshop file and writes Love-Hate, Ideas and Fit (exact fits and their labels) with
nothing but json and pandas, so it can also run on its own as a whole command:
`python bench/pandas_tables.py WORKSHOP.json OUT.xlsx`.
"""

from __future__ import annotations

import io
import json
import sys

import pandas as pd

RANGES = {
    "incremental": "Incremental",
    "landmark": "Landmark",
    "breakthrough": "Breakthrough",
    "disruptive": "Disruptive",
}
TOUCH = {
    "pre": "Pre-touch",
    "first": "First touch",
    "core": "Core touch",
    "last": "Last touch",
    "in": "In-touch",
}


def _fit(idea: dict, persona: dict, keys: list[str]) -> float:
    moved = [k for k in keys if idea["effects"].get(k, 0)]
    if not moved:
        return 0.0
    stances = persona["stances"]
    total = sum(idea["effects"][k] * stances.get(k, {}).get("score", 0) for k in moved)
    return total / (4 * len(moved))


def _label(value: float) -> str:
    if value >= 0.5:
        return "delights"
    if value > 0:
        return "helps"
    if value == 0:
        return "neutral"
    return "annoys" if value > -0.5 else "alienates"


def tables(doc: dict) -> bytes:
    keys = [a["key"] for a in doc["attributes"]]
    names = [a["name"] for a in doc["attributes"]]
    personas, ideas = doc["personas"], doc["ideas"]
    love_hate = pd.DataFrame(
        [[p["stances"].get(k, {}).get("score", 0) for k in keys] for p in personas],
        index=[p["name"] for p in personas],
        columns=names,
    )
    idea_rows = pd.DataFrame(
        [
            [i["title"], i["description"], RANGES[i["range"]], TOUCH[i["touch"]], i["author"]]
            + [i["effects"].get(k, 0) for k in keys]
            for i in ideas
        ],
        columns=["Title", "Description", "Range", "Touch", "Author", *names],
    )
    fits = pd.DataFrame(
        [[_fit(i, p, keys) for p in personas] for i in ideas],
        index=[i["title"] for i in ideas],
        columns=[p["name"] for p in personas],
    )
    labels = fits.map(_label)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        love_hate.to_excel(writer, sheet_name="Love-Hate")
        idea_rows.to_excel(writer, sheet_name="Ideas", index=False)
        pd.concat([fits, labels.add_suffix(": label")], axis=1).to_excel(writer, sheet_name="Fit")
    return out.getvalue()


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = tables(json.load(f))
    with open(sys.argv[2], "wb") as f:
        f.write(data)

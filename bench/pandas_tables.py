"""The baseline for bench/export_bench.py: the workbook's tables written by pandas.DataFrame.to_excel.

Reads a workshop file and writes the workbook's tables with nothing but json and pandas: each
persona's stance table (attribute, stance, score, note), Love-Hate, Ideas, Fit (exact fits, the
team's promise median, and the labels) and the Decision (each chosen idea's labels, promise, next
step and owner). What the baseline leaves out: the Overview's findings, the posters' texts, charts
and formatting, and the hidden copy of the workshop. It can also run on its own as a whole command:
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


STANCES = {-2: "Hate strongly", -1: "Hate", 0: "Neutral", 1: "Love", 2: "Love strongly"}


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


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
    judged: dict[str, list[int]] = {}
    for r in doc.get("promise_ratings", []):
        judged.setdefault(r["idea"], []).append(r["score"])
    promise = pd.Series([_median(judged.get(i["key"], [])) for i in ideas], index=fits.index, name="Promise")
    stance_tables = {
        p["name"]: pd.DataFrame(
            [
                [name, STANCES[p["stances"].get(k, {}).get("score", 0)], p["stances"].get(k, {}).get("score", 0),
                 p["stances"].get(k, {}).get("note", "")]
                for k, name in zip(keys, names, strict=True)
            ],
            columns=["Attribute", "Stance", "Score", "Why"],
        )
        for p in personas
    }  # fmt: skip
    by_key = {i["key"]: n for n, i in enumerate(ideas)}
    chosen = doc.get("decision", {}).get("chosen", [])
    decision = pd.DataFrame(
        [
            [ideas[by_key[c["idea"]]]["title"], *labels.iloc[by_key[c["idea"]]], promise.iloc[by_key[c["idea"]]],
             c["next_step"], c["owner"]]
            for c in chosen
        ],
        columns=["Idea", *[p["name"] for p in personas], "Promise", "Next step", "Owner"],
    )  # fmt: skip
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, table in stance_tables.items():
            table.to_excel(writer, sheet_name=name[:31], index=False)
        love_hate.to_excel(writer, sheet_name="Love-Hate")
        idea_rows.to_excel(writer, sheet_name="Ideas", index=False)
        pd.concat([fits, promise, labels.add_suffix(": label")], axis=1).to_excel(writer, sheet_name="Fit")
        decision.to_excel(writer, sheet_name="Decision", index=False)
    return out.getvalue()


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        data = tables(json.load(f))
    with open(sys.argv[2], "wb") as f:
        f.write(data)

"""Charts on the page, cheap enough for a room of thirty.

A change can redraw the same chart on thirty pages. `st.altair_chart` validates the whole
Vega-Lite spec against its JSON schema on every draw, and `st.vega_lite_chart` turns the chart's
data into Arrow on every draw. Here a chart is turned into a spec, with its data already in
Arrow, once per key (the specs are tested against the schema in the unit tests, not on every
draw) and handed to `st.vega_lite_chart`, which then only copies it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from workshop.ui import context

try:  # Streamlit switches Altair's global data transformer while it converts a chart.
    from streamlit.elements.vega_charts import _altair_globals_lock as _ALTAIR_LOCK
except ImportError:  # pragma: no cover - a later Streamlit without it
    _ALTAIR_LOCK = threading.Lock()

# Added by Altair's default theme; Streamlit sizes charts itself.
_THEME_VIEW = {"continuousWidth": 300, "continuousHeight": 300}


def spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    with _ALTAIR_LOCK:
        result = chart.to_dict(validate=False)
    view = result.get("config", {}).get("view", {})
    for name, value in _THEME_VIEW.items():
        if view.get(name) == value:
            del view[name]
    return result


def show(build: Callable[[], alt.TopLevelMixin], key: Hashable | None = None, **options: Any) -> None:
    """Draw the chart `build()` makes. With a `key` (which must name everything the chart is
    drawn from, e.g. `board_key` or `content_key`) the prepared spec is reused."""
    prepared = _prepare(spec(build())) if key is None else _cached(key, build)
    st.vega_lite_chart(dict(prepared), **options)


def _prepare(chart_spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its data already in Arrow, as `st.vega_lite_chart` sends it."""
    data = chart_spec.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list) and data["values"] and len(data) == 1:
        # Inline values become a named dataset, which Streamlit sends as it is when it is Arrow.
        chart_spec.setdefault("datasets", {})["inline"] = data["values"]
        chart_spec["data"] = {"name": "inline"}
    datasets = chart_spec.get("datasets")
    if isinstance(datasets, dict):
        chart_spec["datasets"] = {
            name: data if isinstance(data, bytes) or not isinstance(data, list) else _arrow(data)
            for name, data in datasets.items()
        }
    return chart_spec


def _arrow(rows: list[Any]) -> bytes | list[Any]:
    if not rows:
        return rows  # nothing to convert; Vega-Lite draws an empty dataset as it is
    return convert_anything_to_arrow_bytes(rows)


def _cached(key: Hashable, build: Callable[[], alt.TopLevelMixin]) -> dict[str, Any]:
    # One spec per key in this process (the services' cache); pages redrawn at the same moment
    # wait for one of them to build it.
    return context.services().chart_specs.get_or_build(key, lambda: _prepare(spec(build())))


def content_key(name: str, *drawn_from: object) -> tuple[str, str]:
    """A cache key from what a chart is drawn from (e.g. one persona and the attributes): the
    chart is built again only when those change, not on every save to the workshop."""
    digest = hashlib.blake2b(repr(drawn_from).encode(), digest_size=16).hexdigest()
    return (name, digest)


def board_key(board: Any, name: str, *parts: Hashable) -> tuple[Hashable, ...]:
    """A cache key for a chart drawn from what this caller may see of the workshop now."""
    w = board.workshop
    seen_as = (board.caller.is_facilitator, board.votes_visible, w.settings.anonymous)
    return (name, w.id, w.revision, seen_as, *parts)


# On the projector the chart shares the page with the QR code: about 600 px are left for the cells
# beside the idea titles. In 18 px type a persona's name needs about 150 px to stand upright.
PROJECTED_CELLS_PX = 600
PROJECTED_SLANT_BELOW = 150


def projected_column(columns: int) -> int:
    """Width in px of one map column on the projector, so all of them fit beside the titles."""
    return max(72, min(170, PROJECTED_CELLS_PX // max(1, columns)))

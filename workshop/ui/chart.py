"""Charts on the page, cheap enough for a room of thirty.

Every open page redraws when anyone saves, so a chart is drawn thirty times for one change.
`st.altair_chart` validates the whole Vega-Lite spec against its JSON schema on every draw,
which was about half of a page's server time. Here the chart is turned into a spec once per
workshop revision and view (the specs are tested against the schema in the unit tests, not on
every draw) and handed to `st.vega_lite_chart`.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import streamlit as st

try:  # Streamlit switches Altair's global data transformer while it converts a chart.
    from streamlit.elements.vega_charts import _altair_globals_lock as _ALTAIR_LOCK
except ImportError:  # pragma: no cover - a later Streamlit without it
    _ALTAIR_LOCK = threading.Lock()

_KEEP = 256
_specs: OrderedDict[Hashable, str] = OrderedDict()
_specs_lock = threading.Lock()
_building: dict[Hashable, threading.Lock] = {}
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
    drawn from, e.g. the workshop revision and the view's settings) the spec is reused."""
    text = json.dumps(spec(build())) if key is None else _cached(key, build)
    st.vega_lite_chart(json.loads(text), **options)


def _cached(key: Hashable, build: Callable[[], alt.TopLevelMixin]) -> str:
    # Pages redrawn at the same moment wait for one of them to build the chart.
    with _specs_lock:
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _specs_lock:
            text = _specs.get(key)
            if text is not None:
                _specs.move_to_end(key)
                return text
        text = json.dumps(spec(build()))
        with _specs_lock:
            _specs[key] = text
            _building.pop(key, None)
            while len(_specs) > _KEEP:
                _specs.popitem(last=False)
        return text


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

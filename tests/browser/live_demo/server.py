"""Live-refresh demo app: ``streamlit run tests/browser/live_demo/server.py``.

Open ``/?t=tok-a`` in several windows and press "Bump" in one of them (or POST
``/demo/bump?t=tok-a``, add ``&notify=1`` to skip the poll delay); every other window shows the
new revision without a reload. ``/demo/stats`` shows the watchers and streams.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

_HERE = Path(__file__).resolve().parent
for _path in (str(_HERE), str(_HERE.parents[2])):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from live_demo_store import HUB, STORE, bump_and_notify  # noqa: E402

from workshop.live.stream import live_routes  # noqa: E402


async def bump(request: Request) -> PlainTextResponse:
    try:
        workshop_id = STORE.resolve(request.query_params.get("t", ""))
    except KeyError:
        return PlainTextResponse("Not found", status_code=404)
    if request.query_params.get("notify"):
        return PlainTextResponse(str(bump_and_notify(workshop_id)))
    # Like a write made by another replica: the watcher's next poll finds it.
    return PlainTextResponse(str(STORE.bump(workshop_id)))


async def stats(_request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "watched": sorted(HUB.watched()),
            "subscribers": HUB.subscriber_count(),
            "revision_reads": STORE.revision_reads,
        }
    )


app = st.App(
    "page.py",
    routes=[
        *live_routes(STORE.resolve, STORE.revision, hub=HUB),
        Route("/demo/bump", bump, methods=["POST"]),
        Route("/demo/stats", stats),
    ],
)

"""Loaded (via PYTHONPATH) into app servers that benchmarks and browser tests start, never into the app.

- Writes one JSON line per script run (full page or regions) to $BENCH_TRACE: when it started and
  ended on the server's monotonic clock, the script thread's CPU time, the session and how many
  regions it ran (0 for a whole page); and one line per committed save with its revision.
- Serves GET http://127.0.0.1:$BENCH_SAVE_PORT/describe?t=<token>&persona=<key>&text=<text> and
  /rate?t=<token>&idea=<key>&persona=<key>&score=<n> and /phase?t=<token>&phase=<step>: a save made
  inside the app server's process, as a page's own save is, so it is pushed with the parts it touched.
  The answer is "saved <revision>"; a refusal (a domain error) is a 409 naming it, anything else a 500.
  GET /queries answers how many SQL statements and connection checkouts (each one a ping on
  PostgreSQL) the process has made, as JSON.
- With $BENCH_TRACE, also one line per revision the live stream hands to a workshop's streams.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

_ROOT = os.environ.get("BENCH_ROOT", "")
if _ROOT and _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

_lock = threading.Lock()
_out = open(os.environ["BENCH_TRACE"], "a", buffering=1) if os.environ.get("BENCH_TRACE") else None  # noqa: SIM115


def _log(**event: object) -> None:
    if _out is not None:
        with _lock:
            _out.write(json.dumps(event) + "\n")


def _trace_runs() -> None:
    from streamlit.runtime.scriptrunner import script_runner

    run_script = script_runner.ScriptRunner._run_script

    def traced(self, rerun_data):  # type: ignore[no-untyped-def]
        started, cpu = time.monotonic(), time.thread_time()
        try:
            return run_script(self, rerun_data)
        finally:
            _log(
                kind="run",
                start=started,
                end=time.monotonic(),
                cpu=time.thread_time() - cpu,
                session=str(getattr(self, "_session_id", "")),
                regions=len(rerun_data.fragment_id_queue or ()),
            )

    script_runner.ScriptRunner._run_script = traced


_saved = threading.local()  # the revision of the save this thread made last


def _on_saves(listener) -> None:  # type: ignore[no-untyped-def]
    """Call `listener` after every save through the app's store, before the live stream hears it."""
    from workshop.services import Services

    wired = Services._wired

    def with_listener(self, store):  # type: ignore[no-untyped-def]
        store.on_change(listener)
        return wired(self, store)

    Services._wired = with_listener


def _trace_saves() -> None:
    def committed(workshop_id: str, change) -> None:  # type: ignore[no-untyped-def]
        _saved.revision = change.revision
        _log(
            kind="commit",
            at=time.monotonic(),
            workshop=workshop_id,
            revision=change.revision,
            parts=sorted(change.parts),
        )

    _on_saves(committed)


def _trace_pushes() -> None:
    """One line per revision the live stream pushes to a workshop's pages, when it is handed to them."""
    from workshop.live import revision_hub

    publish = revision_hub.RevisionHub._publish

    def traced(self, workshop_id, item):  # type: ignore[no-untyped-def]
        if isinstance(item, revision_hub.Pushed):
            _log(kind="push", at=time.monotonic(), workshop=workshop_id, revision=item.revision)
        return publish(self, workshop_id, item)

    revision_hub.RevisionHub._publish = traced


_queries = {"statements": 0, "checkouts": 0}


def _count_queries() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import Pool

    def statement(*_: object) -> None:
        with _lock:
            _queries["statements"] += 1

    def checkout(*_: object) -> None:
        with _lock:
            _queries["checkouts"] += 1

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Pool, "checkout", checkout)


class _Saves(BaseHTTPRequestHandler):
    _store = None

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from personas.model import Persona
        from workshop.cases import facilitation, idea_cases, persona_cases
        from workshop.cases.board import board
        from workshop.domain.errors import DomainError
        from workshop.services import for_this_process

        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/queries":
            with _lock:
                body = json.dumps(_queries).encode()
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)
            return
        if _Saves._store is None:
            _Saves._store = for_this_process().store  # the app's own store
        store = _Saves._store
        _saved.revision = None
        try:
            if url.path == "/describe":
                persona: Persona = next(p for p in board(store, q["t"]).personas if p.key == q["persona"])
                values = persona.fields()
                values["description"] = q["text"]
                persona_cases.update_persona(store, q["t"], persona, values)
            elif url.path == "/phase":
                facilitation.set_phase(store, q["t"], q["phase"])
            elif url.path == "/rate":
                idea_cases.rate(store, q["t"], q["idea"], q["persona"], int(q["score"]), as_persona=False)
            else:
                self.send_error(404)
                return
        except DomainError as error:
            self.send_error(409, type(error).__name__)
            return
        except Exception as error:  # noqa: BLE001 - the bench prints what went wrong
            self.send_error(500, repr(error))
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(f"saved {_saved.revision}".encode())

    def log_message(self, *_: object) -> None:
        pass


if os.environ.get("BENCH_TRACE"):
    _trace_runs()
    _trace_saves()
    _trace_pushes()
if os.environ.get("BENCH_SAVE_PORT"):
    if not os.environ.get("BENCH_TRACE"):  # the answers name the revision all the same
        _on_saves(lambda _w, change: setattr(_saved, "revision", change.revision))
    _count_queries()
    _server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["BENCH_SAVE_PORT"])), _Saves)
    threading.Thread(target=_server.serve_forever, daemon=True, name="bench-saves").start()

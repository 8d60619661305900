"""Loaded (via PYTHONPATH) into app servers that benchmarks and browser tests start, never into the app.

- Writes one JSON line per script run (full page or regions) to $BENCH_TRACE: when it started and
  ended on the server's monotonic clock, the script thread's CPU time, the session and how many
  regions it ran (0 for a whole page); and one line per committed save with its revision.
- Serves GET http://127.0.0.1:$BENCH_SAVE_PORT/describe?t=<token>&persona=<key>&text=<text> and
  /rate?t=<token>&idea=<key>&persona=<key>&score=<n> and /phase?t=<token>&phase=<step>: a save made
  inside the app server's process, as a page's own save is, so it is pushed with the parts it touched.
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


def _trace_saves() -> None:
    from workshop import store

    store.on_change(
        lambda workshop_id, change: _log(
            kind="commit", at=time.monotonic(), revision=change.revision, parts=sorted(change.parts)
        )
    )


class _Saves(BaseHTTPRequestHandler):
    _store = None

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from personas.model import Persona
        from workshop import facilitation, idea_cases, persona_cases
        from workshop.board import board
        from workshop.store import build_store

        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if _Saves._store is None:
            _Saves._store = build_store(os.environ["DATABASE_URL"])
        store = _Saves._store
        try:
            if url.path == "/describe":
                persona: Persona = next(p for p in board(store, q["t"]).personas if p.key == q["persona"])
                values = {f: getattr(persona, f) for f in persona_cases.PERSONA_TEXT_FIELDS}
                values["description"] = q["text"]
                persona_cases.update_persona(store, q["t"], persona, values)
            elif url.path == "/phase":
                facilitation.set_phase(store, q["t"], q["phase"])
            elif url.path == "/rate":
                idea_cases.rate(store, q["t"], q["idea"], q["persona"], int(q["score"]), as_persona=False)
            else:
                self.send_error(404)
                return
        except Exception as error:  # noqa: BLE001 - the bench prints what went wrong
            self.send_error(500, repr(error))
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"saved")

    def log_message(self, *_: object) -> None:
        pass


if os.environ.get("BENCH_TRACE"):
    _trace_runs()
    _trace_saves()
if os.environ.get("BENCH_SAVE_PORT"):
    _server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["BENCH_SAVE_PORT"])), _Saves)
    threading.Thread(target=_server.serve_forever, daemon=True, name="bench-saves").start()

"""Pushed live refresh, browser side: rerun this browser's script when the workshop changes.

``live_refresh(token, revision)`` renders an invisible components-v2 element whose inline
JavaScript keeps one ``EventSource`` open to the live route served by
:func:`workshop.live.stream.live_routes`. When the stream reports a revision newer than the
one this page was rendered with, it calls ``setTriggerValue`` with the parts the changes touched;
this browser's script then reruns, whole or (with ``redraw``) only in the regions that show those
parts. Widgets keep what the user has typed but not yet submitted. Changes heard while the page
is still drawing are gathered and give one more run, not one per change.

Without the stream (blocked by a proxy, JavaScript off) the page still works; it just needs a
reload to show other people's changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection

import streamlit as st
from streamlit.errors import StreamlitAPIException

__all__ = ["live_refresh"]

# One connection per mounted element, kept in module state: the frontend calls the default
# export again (without calling the previous cleanup) whenever ``data`` changes, i.e. after every
# rerun, and only calls the last returned cleanup when the element goes away.
_JS = r"""
const connections = new Map();

function isNewer(revision, base) {
  if (base === null || base === undefined) return false;
  if (typeof revision === "number" && typeof base === "number") return revision > base;
  return JSON.stringify(revision) !== JSON.stringify(base);
}

// Streamlit marks its app element while this page's script runs.
function scriptRunning() {
  const app = document.querySelector("[data-testid='stApp']");
  const state = app && app.getAttribute("data-test-script-state");
  return state === "running" || state === "rerunRequested";
}

// The push of a page's own save can arrive before the page even knows its run has started (the
// stream and the page's own connection race), so a change heard of just after a click or an
// Enter is treated as this page's own until its run has come and gone.
const OWN_CHANGE_MS = 1500;
let lastAction = -Infinity;
for (const type of ["pointerdown", "keydown"]) {
  document.addEventListener(type, (event) => {
    if (type === "pointerdown" || event.key === "Enter" || event.key === " ") {
      lastAction = performance.now();
    }
  }, { capture: true, passive: true });
}

function justActed() {
  return performance.now() - lastAction < OWN_CHANGE_MS;
}

function same(a, b) {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

class LiveConnection {
  constructor(url) {
    this.url = url;
    this.source = null;
    this.timer = null;
    this.failures = 0;
    this.interrupted = false;   // an error happened since the last revision we received
    this.base = null;           // revision the page on screen was rendered with
    this.latest = undefined;    // newest revision the stream reported
    this.lastTriggered = undefined;
    this.trigger = null;
    this.waiting = null;
    this.settling = false;
    this.sawRun = false;
    this.changes = new Map();   // revision (as JSON) -> parts it touched (null: unknown), not drawn yet
    this.catchUp = false;       // rerun once even without a newer revision (after a dropped stream)
    this.closed = false;
    this.paused = false;
    this.generation = 0;
    // Saving paused (the database is away): what the stream says, what the page shows, and
    // whether the page was drawn from memory because the workshop could not be read.
    this.saving = undefined;
    this.savingShown = false;
    this.savingTriggered = undefined;
    this.stale = false;
    this.onVisibility = () => this.visibilityChanged();
    document.addEventListener("visibilitychange", this.onVisibility);
    if (document.visibilityState === "hidden") this.pause();
    else this.connect();
  }

  connect() {
    if (this.closed || this.paused) return;
    if (this.source) this.source.close();
    const source = new EventSource(this.url);
    this.source = source;
    this.saving = undefined;  // a stream says when saving is paused before anything else
    source.addEventListener("revision", (event) => {
      let pushed;
      try { pushed = JSON.parse(event.data); } catch (_) { return; }
      if (pushed === null || typeof pushed !== "object") pushed = { revision: pushed, parts: null };
      this.failures = 0;
      if (this.saving === undefined) this.heardSaving(false);  // not a word about it: saving works
      this.onRevision(pushed.revision, pushed.parts);
      if (this.savingChanged()) this.fire(this.latest);
    });
    source.addEventListener("saving", (event) => {
      let said;
      try { said = JSON.parse(event.data); } catch (_) { return; }
      this.failures = 0;
      this.onSaving(Boolean(said && said.paused));
    });
    source.addEventListener("error", () => {
      if (this.closed || this.paused || source !== this.source) return;
      this.interrupted = true;
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (an answer that was not a stream: 404, 502 ...). Try again
        // ourselves, slower and slower; a stream that drops is reopened by the browser.
        source.close();
        const delay = Math.min(30000, 1000 * 2 ** Math.min(this.failures, 5));
        this.failures += 1;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.connect(), delay);
      }
    });
  }

  onRevision(revision, parts) {
    const reconnected = this.interrupted;
    this.interrupted = false;
    this.latest = revision;
    if (this.base !== null && this.base !== undefined && isNewer(revision, this.base)) {
      this.changes.set(JSON.stringify(revision), Array.isArray(parts) ? parts : null);
    }
    if (reconnected) {
      // Changes may have come and gone while the stream was down: rerun once.
      this.catchUp = true;
      this.fire(revision);
    } else if (this.base === null || this.base === undefined) {
      this.base = revision;   // the page gave no revision: the first one seen is the baseline
    } else if (isNewer(revision, this.base) && !same(revision, this.lastTriggered)) {
      this.fire(revision);
    }
  }

  heardSaving(paused) {
    if (paused !== this.saving) this.savingTriggered = undefined;
    this.saving = paused;
  }

  onSaving(paused) {
    this.heardSaving(paused);
    if (this.savingChanged()) this.fire(this.latest !== undefined ? this.latest : this.base);
  }

  // The banner on the page says something else than the stream: draw it again, once per change
  // of the stream's word (the page's own server may learn of an outage a moment later).
  savingChanged() {
    return this.saving !== undefined && this.saving !== this.savingShown
      && this.saving !== this.savingTriggered;
  }

  rendered(revision, shown) {
    this.savingShown = Boolean(shown && shown.paused);
    this.stale = Boolean(shown && shown.stale);
    if (revision === null || revision === undefined) {
      if (this.savingChanged()) this.fire(this.latest !== undefined ? this.latest : null);
      return;
    }
    this.base = revision;
    for (const [key, _] of this.changes) {
      if (!isNewer(JSON.parse(key), revision)) this.changes.delete(key);
    }
    // A change that arrived while this page was being rendered, or before the stream opened.
    if (this.latest !== undefined && isNewer(this.latest, revision)
        && !same(this.latest, this.lastTriggered)) {
      this.fire(this.latest);
    } else if (this.savingChanged()) {
      this.fire(this.latest !== undefined ? this.latest : revision);
    }
  }

  fire(revision, waited = false) {
    if (scriptRunning() || (!waited && justActed())) {
      // This page is being drawn right now, often because of this very change (its own save).
      // A rerun asked for now would interrupt that run and send widget values from before it,
      // such as the step the page showed before the facilitator moved the room on. Wait until
      // the run has finished: its drawing brings the revision it read, and if that one is
      // already the newest, there is nothing left to do.
      clearTimeout(this.waiting);
      this.settling = false;
      this.sawRun = scriptRunning();
      this.waiting = setTimeout(() => this.afterRun(), 60);
      return;
    }
    // What changed since the page was drawn: the regions showing it are drawn again. Unknown
    // parts (a change made elsewhere, a stream that dropped) redraw the whole page.
    let parts = this.catchUp ? null : [];
    for (const [key, changed] of this.changes) {
      if (!isNewer(JSON.parse(key), this.base)) continue;
      if (changed === null || parts === null) parts = null;
      else parts.push(...changed);
    }
    if (parts !== null && this.changes.size === 0 && isNewer(revision, this.base)) parts = null;
    const saving = this.saving;
    if (saving !== undefined && saving !== this.savingShown) {
      this.savingTriggered = saving;
      // A page drawn from memory while the workshop could not be read is drawn again whole.
      if (!saving && this.stale) parts = null;
      else if (parts !== null) parts.push("saving");
    }
    this.catchUp = false;
    this.lastTriggered = revision;
    if (revision !== null && revision !== undefined) this.base = revision;
    this.changes.clear();
    if (this.trigger) {
      this.trigger("revision", {
        revision, parts: parts && [...new Set(parts)], saving: saving === undefined ? null : saving,
      });
    }
  }

  afterRun() {
    if (this.closed) return;
    if (scriptRunning()) {
      this.sawRun = true;
      this.settling = false;
      this.waiting = setTimeout(() => this.afterRun(), 60);
      return;
    }
    if (!this.sawRun && justActed()) {
      this.waiting = setTimeout(() => this.afterRun(), 60);  // the run has not started yet
      return;
    }
    // The page's elements get their new data just after the run is marked finished: give them
    // a moment, then compare with the revision the finished run drew.
    if (!this.settling) {
      this.settling = true;
      this.waiting = setTimeout(() => this.afterRun(), 250);
      return;
    }
    this.settling = false;
    this.sawRun = false;
    if (this.catchUp || (this.latest !== undefined && isNewer(this.latest, this.base)
        && !same(this.latest, this.lastTriggered))) {
      this.fire(this.latest, true);
    } else if (this.savingChanged()) {
      this.fire(this.latest !== undefined ? this.latest : this.base, true);
    }
  }

  // A hidden tab gives its stream back: over HTTP/1.1 a browser keeps at most six connections
  // to one server for all its tabs, and a seventh tab of the app would not even load. Coming
  // back, the first revision is compared with the one on screen as usual.
  visibilityChanged() {
    if (this.closed) return;
    if (document.visibilityState === "hidden") {
      this.pause();
    } else if (this.paused) {
      this.paused = false;
      this.failures = 0;
      this.connect();
    }
  }

  pause() {
    this.paused = true;
    this.interrupted = false;
    clearTimeout(this.timer);
    if (this.source) this.source.close();
    this.source = null;
  }

  close() {
    this.closed = true;
    clearTimeout(this.waiting);
    this.pause();
    document.removeEventListener("visibilitychange", this.onVisibility);
  }
}

function hide(parentElement) {
  const host = parentElement && (parentElement.host || parentElement);
  const container = host && host.closest && host.closest('[data-testid="stElementContainer"]');
  if (container) container.style.display = "none";
}

export default function (component) {
  const { data, key, parentElement, setTriggerValue } = component;
  hide(parentElement);
  const token = (data && data.token) || "";
  const route = (data && data.route) || "live";
  // Relative to the page's directory, like Streamlit's own assets, so it follows a base URL
  // path or a proxy prefix.
  const directory = window.location.pathname.replace(/[^/]*$/, "");
  const url = directory + route + "?t=" + encodeURIComponent(token);

  let connection = connections.get(key);
  if (connection && connection.url !== url) {
    connection.close();
    connection = undefined;
  }
  if (!connection) {
    connection = new LiveConnection(url);
    connections.set(key, connection);
  }
  connection.trigger = setTriggerValue;
  connection.rendered(data ? data.revision : null, data ? data.shown : null);

  const generation = ++connection.generation;
  const mine = connection;
  return () => {
    // Only the cleanup of the latest call closes the stream.
    if (mine.generation === generation && connections.get(key) === mine) {
      mine.close();
      connections.delete(key);
    }
  };
}
"""

_component = st.components.v2.component(
    "workshop_live_refresh",
    html="",
    js=_JS,
    isolate_styles=False,
)

#: The fragment key of the live connection's own region (see `live_refresh(redraw=...)`).
LIVE_REGION = "live_refresh"
_UPTO = "_live_drawn_upto"  # the revision a targeted rerun draws everything up to
_HEARD_PAUSED = "_live_saving_paused"  # what the stream last said about saving


def saving_paused_heard() -> bool:
    """The live stream said saving is paused (the database is away), and has not said otherwise since."""
    return bool(st.session_state.get(_HEARD_PAUSED, False))


def live_refresh(
    token: str,
    revision: int | str | None = None,
    key: str = "live",
    *,
    route: str = "live",
    redraw: Callable[[list[str] | None], Collection[str] | None] | None = None,
    shown: Callable[[], dict[str, bool]] | None = None,
) -> None:
    """Redraw this browser's page, or the regions of it that changed, when the workshop changes.

    ``revision`` is the revision this run rendered (read it before drawing the page); a change
    made between this render and the moment the stream connects then still causes a rerun.
    Without it the first revision the stream reports counts as the one on screen.

    Without ``redraw`` every change reruns the whole script. With it, ``redraw(parts)`` gets the
    parts the changes touched (None when unknown) and names the fragments (by key) to rerun, or
    returns None to rerun the whole page; the connection then lives in a small fragment of its
    own (``LIVE_REGION``), so a change that no region shows costs only that fragment's run.

    ``shown()`` says what the page shows about saving now: ``{"paused": ..., "stale": ...}``
    (``stale``: drawn from memory because the workshop could not be read). When the stream says
    saving paused or resumed and the page shows otherwise, the regions showing the ``saving``
    part are drawn again (a stale page, whole); :func:`saving_paused_heard` tells them what the
    stream said.

    ``route`` is the live route relative to the page's directory (``live`` for the default
    ``live_routes(...)`` path). Call this once per page, outside ``st.form`` and outside other
    fragments. It takes no space.
    """
    if redraw is None:
        _component(
            key=key,
            data={"token": token, "revision": revision, "route": route, "shown": shown and shown()},
            width="content",
            height="content",
        )
        return

    def connection() -> None:
        # A targeted rerun has drawn the changes up to the revision it was asked for; a whole
        # run (this one's `revision`) has drawn everything up to what it read.
        drawn = st.session_state.pop(_UPTO, revision)
        _component(
            key=key,
            data={"token": token, "revision": drawn, "route": route, "shown": shown and shown()},
            on_revision_change=functools.partial(_pushed, key, redraw),
            width="content",
            height="content",
        )

    st.fragment(connection, key=LIVE_REGION)()


def _pushed(key: str, redraw: Callable[[list[str] | None], Collection[str] | None]) -> None:
    """The page heard of changes: rerun the regions that show them, or the whole page."""
    value = (st.session_state.get(key) or {}).get("revision") or {}
    if not isinstance(value, dict):
        value = {}
    if value.get("saving") is not None:
        st.session_state[_HEARD_PAUSED] = bool(value["saving"])
    touched = value.get("parts")
    regions = redraw(list(touched) if isinstance(touched, list) else None)
    if regions is None:
        st.rerun()
    st.session_state[_UPTO] = value.get("revision")
    if regions:
        try:
            st.rerun([*regions, LIVE_REGION])
        except StreamlitAPIException:  # a region that is no longer on the page: draw it all
            st.session_state.pop(_UPTO, None)
            st.rerun()
    # Otherwise nothing on this page shows the change: only the connection's own region reruns.

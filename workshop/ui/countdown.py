"""The shared countdown, ticking in the browser: no server run per second, the same time on every screen.

The page is rendered with the stored end time, whether the countdown is paused (and how much was
left then) and the server's clock at that moment. The inline JavaScript takes the difference
between the server's clock and the browser's once per render, so a laptop whose clock is off by
minutes still shows what every other screen shows, and then ticks on its own until time is up.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from workshop.domain import phases
from workshop.domain.model import Timer

__all__ = ["countdown", "countdown_data"]

_HTML = (
    '<div class="countdown" role="timer" aria-live="off" aria-atomic="true">'
    '<span class="icon" role="img" aria-label="Time left">⏱</span> '
    '<span class="clock"></span><span class="state"></span></div>'
    '<span class="announce" role="status" aria-live="assertive"></span>'
)

_CSS = """
:host { display: block; container-type: inline-size; }
.countdown {
  margin: 0;
  font-family: var(--st-heading-font, inherit);
  font-weight: 700;
  font-size: 1.75rem;
  line-height: 1.2;
  color: var(--st-heading-color, var(--st-text-color, inherit));
  font-variant-numeric: tabular-nums;
}
.countdown .clock { white-space: nowrap; }
.countdown .state { font-size: 0.55em; font-weight: 600; color: var(--st-gray-color, inherit); }
.countdown.up { color: var(--st-red-color, #d00); }
/* On the projector: as large as the column allows, "Time's up" included. */
.countdown.big { font-size: 3rem; font-size: min(5rem, 30cqi); }
.countdown.big.up { font-size: 2.5rem; font-size: min(5rem, 19cqi); }
.countdown.big .state { display: block; font-size: 0.4em; }
.announce {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
"""

# One state per mounted element, kept in module state: the frontend calls the default export again
# (without the previous cleanup) whenever ``data`` changes, i.e. after every run of the page, and
# only calls the last returned cleanup when the element goes away.
_JS = r"""
const clocks = new Map();

function two(n) { return String(n).padStart(2, "0"); }

function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  return two(Math.floor(whole / 60)) + ":" + two(whole % 60);
}

function draw(state) {
  const { data, root } = state;
  const element = root.querySelector(".countdown");
  if (!element) return;
  element.classList.toggle("big", !!data.big);
  let left;
  if (data.paused) {
    left = data.remaining;
  } else {
    left = (data.endsAt - (Date.now() + state.offset)) / 1000;
  }
  const up = left <= 0;
  element.classList.toggle("up", up);
  element.querySelector(".icon").textContent = up ? "⏰" : "⏱";
  element.querySelector(".icon").setAttribute("aria-label", up ? "Countdown" : "Time left");
  element.querySelector(".clock").textContent = up ? "Time's up" : clock(left);
  element.querySelector(".state").textContent = (!up && data.paused) ? " (paused)" : "";
  const end = data.paused ? "paused" : data.endsAt;
  if (up && state.announced !== end) {
    state.announced = end;
    const announce = root.querySelector(".announce");
    if (announce) announce.textContent = "Time's up.";
  }
  clearTimeout(state.timer);
  if (!up && !data.paused) {
    // Wake up just after the shown second changes, rather than drifting with setInterval.
    const fraction = (left * 1000) % 1000;
    state.timer = setTimeout(() => draw(state), (fraction || 1000) + 20);
  }
}

export default function (component) {
  const { data, key, parentElement } = component;
  let state = clocks.get(key);
  if (!state) {
    state = { timer: null, announced: undefined, serverNow: undefined, offset: 0, generation: 0 };
    clocks.set(key, state);
  }
  if (data && data.serverNow !== state.serverNow) {
    // Server's clock minus this browser's, taken when the render arrives.
    state.serverNow = data.serverNow;
    state.offset = data.serverNow - Date.now();
  }
  state.data = data || {};
  state.root = parentElement;
  draw(state);

  const generation = ++state.generation;
  return () => {
    if (state.generation === generation && clocks.get(key) === state) {
      clearTimeout(state.timer);
      clocks.delete(key);
    }
  };
}
"""

_component = st.components.v2.component("workshop_countdown", html=_HTML, css=_CSS, js=_JS)


def _epoch_ms(instant: datetime) -> int:
    return round(instant.timestamp() * 1000)


def countdown_data(timer: Timer, now: datetime, *, big: bool = False) -> dict | None:
    """What the browser needs to show ``timer`` as seen at ``now``; None when no countdown is set."""
    left = phases.remaining(timer, now)
    if left is None:
        return None
    running = phases.is_running(timer)
    return {
        "endsAt": _epoch_ms(timer.ends_at) if running and timer.ends_at else None,
        "paused": not running,
        "remaining": left,
        "serverNow": _epoch_ms(now),
        "big": big,
    }


def countdown(timer: Timer, *, big: bool = False, key: str = "countdown") -> None:
    """Show the remaining time of ``timer``, ticking in the browser; nothing when no countdown is set."""
    data = countdown_data(timer, datetime.now(UTC), big=big)
    if data is not None:
        _component(key=key, data=data, width="stretch", height="content")

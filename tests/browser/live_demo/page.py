"""The page of the live-refresh demo: the workshop's revision, a few unsent inputs, a bump button."""

from __future__ import annotations

import threading
import time

import streamlit as st
from live_demo_store import STORE, bump_and_notify

from workshop.ui.live_refresh import live_refresh

token = st.query_params.get("t", "")
try:
    workshop_id = STORE.resolve(token)
except KeyError:
    st.error("This link does not lead to a workshop.")
    st.stop()


def slow_bump() -> None:
    bump_and_notify(workshop_id)
    st.session_state["slow"] = True


def burst_while_drawing() -> None:
    """Five changes from elsewhere arrive, 0.2 s apart, while this page draws slowly."""

    def changes() -> None:
        for _ in range(5):
            time.sleep(0.2)
            bump_and_notify(workshop_id)

    threading.Thread(target=changes, daemon=True).start()
    st.session_state["slow"] = True


st.button("Bump", on_click=bump_and_notify, args=(workshop_id,))
st.button("Draw slowly while five changes come in", on_click=burst_while_drawing)
st.button("Bump, then draw slowly", on_click=slow_bump)
revision = STORE.revision(workshop_id)
st.session_state["runs"] = st.session_state.get("runs", 0) + 1
if st.session_state.pop("slow", False):
    time.sleep(1.5)  # the page is still being drawn when its own change is pushed back to it
st.markdown(f"Revision **{revision}** · run {st.session_state['runs']}")
live_refresh(token, revision)

st.text_input("Note", key="note")
st.text_area("Longer note", key="long_note")
with st.form("form"):
    st.text_input("Form field", key="form_field")
    st.form_submit_button("Save")

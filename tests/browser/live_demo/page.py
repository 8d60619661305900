"""The page of the live-refresh demo: the workshop's revision, a few unsent inputs, a bump button."""

from __future__ import annotations

import streamlit as st
from live_demo_store import STORE, bump_and_notify

from workshop.ui.live_refresh import live_refresh

token = st.query_params.get("t", "")
try:
    workshop_id = STORE.resolve(token)
except KeyError:
    st.error("This link does not lead to a workshop.")
    st.stop()

st.button("Bump", on_click=bump_and_notify, args=(workshop_id,))
revision = STORE.revision(workshop_id)
st.session_state["runs"] = st.session_state.get("runs", 0) + 1
st.markdown(f"Revision **{revision}** · run {st.session_state['runs']}")
live_refresh(token, revision)

st.text_input("Note", key="note")
st.text_area("Longer note", key="long_note")
with st.form("form"):
    st.text_input("Form field", key="form_field")
    st.form_submit_button("Save")

"""On the start page: a new workshop from a workshop file or a workbook someone brought along."""

from __future__ import annotations

import streamlit as st

from workshop.ui import downloads

KEY = "landing_import"


def show() -> None:
    st.subheader("Open a workshop file")
    st.write("Continue a workshop from its workshop file or workbook, or reuse one as a template.")
    upload = downloads.uploaded(KEY, "Workshop file or workbook")
    if upload is None:
        return
    if upload.after is None:
        downloads.show_problems(upload)
        return
    st.markdown(downloads.summary(upload.after))
    name = st.text_input("Your name (as facilitator)", key=f"{KEY}_name", placeholder="Facilitator")
    downloads.open_buttons(upload, KEY, name)

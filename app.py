"""Entry point: page setup, then the router decides what this link may see."""

import streamlit as st

from workshop.ui import router

st.set_page_config(page_title="Love/hate persona workshop", page_icon="🧭", layout="wide")
router.run()

"""Entry point: page setup, this process's services handed in, then the router decides what this link may see."""

import streamlit as st

from workshop.services import for_this_process
from workshop.ui import router

st.set_page_config(page_title="Love/hate persona workshop", page_icon="🧭", layout="wide")
router.run(for_this_process())

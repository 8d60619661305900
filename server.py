"""Serves app.py with one extra route: the live stream that tells open pages a workshop changed.

`streamlit run server.py` finds `app` below and runs it; app.py stays a plain Streamlit script.
The route runs on this process's services (workshop/services.py), the same ones app.py's pages
use: saves made in this process, saves other replicas announce through PostgreSQL's NOTIFY, and
outages of the database all reach open pages.
"""

from __future__ import annotations

import streamlit as st

from workshop.services import for_this_process

services = for_this_process()
routes = services.live_routes()
app = st.App("app.py", routes=routes)

"""The use cases: one function for each thing a link may do or see (join, add a persona, judge an
idea, vote, mark a round, choose the ideas taken forward ...). Each write checks who may do it,
validates, then acts in one unit of work (`writing`); `board` reads what a link may see.

They may import `workshop.domain`, `workshop.ports` and `personas`: storage only through the
ports, and no pages, charts, exports, Streamlit or SQL.
"""

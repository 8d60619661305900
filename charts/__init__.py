"""Charts: Altair specs of personas, the idea × persona map, the portfolio and the votes.

Presentation shared by the pages (workshop/ui) and the exports (exports/): built from the domain
(personas, workshop), rendered by neither here. May import altair, pandas and the domain; never
streamlit, sqlalchemy or storage.
"""

"""The Streamlit pages: the only package (with app.py) that imports streamlit.

On top of everything: may import the use cases, the domain, charts and exports; storage only
through the process's services (`workshop/services.py`).
"""

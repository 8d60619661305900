"""The live stream: the server side that tells open pages a workshop changed, without Streamlit.

`revision_hub` follows the workshops this process serves; `stream` is the Starlette route every
open page keeps. They may import the standard library, Starlette and anyio, and each other; they
learn about workshops only through the callables they are handed (see `workshop/services.py`),
so they import nothing of the domain, storage, the pages or streamlit.
"""

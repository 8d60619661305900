"""Exports: the workshop file (JSON) and the Excel workbook, both ways; the PDF report; the limited
reader process every upload goes through; the take-home use cases the pages call; the command line.

May import the workshop's domain and use cases, `personas` and `charts`; never streamlit, SQL,
storage or the pages.
"""

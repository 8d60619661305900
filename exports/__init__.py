"""Exports: the workshop as a JSON workshop file and as an Excel workbook, and back; no Streamlit."""

"""Size limits for uploaded workshop files and workbooks (quoted in the README)."""

# Streamlit's own upload limit (server.maxUploadSize) is set to match; a workshop file of
# six personas and a few hundred ideas is well under 1 MB, a workbook with charts about 1 MB.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# One budget for everything a workbook may inflate to, counted as it inflates. The largest
# workbook this app can export (6 personas, 40 attributes, 1,000 ideas with long texts) unpacks
# to about 8 MB.
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ZIP_MEMBERS = 300
# Content types, the workbook part and relationship lists are read whole; real ones are a few KB.
MAX_STRUCTURE_BYTES = 1024 * 1024

# A workshop has at most 6 personas, so a real workbook has ~12 sheets and a few hundred rows.
MAX_SHEETS = 40
MAX_ROWS = 5000
MAX_COLUMNS = 200
# Counted over the whole workbook before a cell is built: the largest export has about 63,000
# cells and 110,000 XML elements, a style sheet of a few dozen records, nothing nested 10 deep.
MAX_CELLS = 150_000
MAX_ELEMENTS = 600_000
MAX_STYLES = 5_000
MAX_XML_DEPTH = 64
MAX_TEXT = 32_767  # characters in one piece of text: what one spreadsheet cell can hold

# Reading an upload runs in a process of its own with these limits (exports/reader_process.py);
# the checks above refuse a hostile file long before either is reached.
READER_MEMORY_BYTES = 400 * 1024 * 1024
READER_SECONDS = 8.0

MAX_ATTRIBUTES = 40
MAX_IDEAS = 1000
MAX_RATINGS = 20000
MAX_VOTES = 5000
MAX_VOTE_COUNT = 100
MAX_PARTICIPANTS = 500

"""Size limits for uploaded workshop files and workbooks (quoted in the README)."""

# Streamlit's own upload limit (server.maxUploadSize) is set to match; a workshop file of
# six personas and a few hundred ideas is well under 1 MB, a workbook with charts about 1 MB.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# A zip that inflates past these is treated as a zip bomb.
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ZIP_MEMBERS = 300

# A workshop has at most 6 personas, so a real workbook has ~12 sheets and a few hundred rows.
MAX_SHEETS = 40
MAX_ROWS = 5000
MAX_COLUMNS = 200

MAX_ATTRIBUTES = 40
MAX_IDEAS = 1000
MAX_RATINGS = 20000
MAX_VOTES = 5000
MAX_VOTE_COUNT = 100
MAX_PARTICIPANTS = 500

"""Storage: SQLAlchemy tables, schema upgrades, repositories and the unit of work (the only place
that knows SQL), PostgreSQL's LISTEN/NOTIFY, and an in-memory store for fast use-case tests.

Implements `workshop.ports`; may import the domain, the ports and the board cache, never the use
cases, the pages or the live stream.
"""

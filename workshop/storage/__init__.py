"""Storage: SQLAlchemy tables, schema upgrades, repositories and the unit of work. The only place that knows SQL."""

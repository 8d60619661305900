"""Helpers shared by the test suites: a throwaway PostgreSQL cluster and a running app server."""

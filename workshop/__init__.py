"""The live workshop: sessions, roles and links, phases, ideas, fit, votes, and the use cases."""

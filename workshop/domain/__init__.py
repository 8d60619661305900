"""The method's rules in plain Python: the workshop model, phases, fit and the map, findings,
votes, judgements against personas and the promise, the decision, anonymity, presence, and the
parts of a workshop a save touches.

It may import the standard library, `personas` and itself: no use cases, storage, pages,
charts, exports, Streamlit, SQL, Altair or pandas.
"""

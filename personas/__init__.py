"""Persona domain: attributes, the love/hate scale, personas and the rules of a persona set.

Plain Python: it may import the standard library and itself, nothing of the workshop, storage,
pages, charts or exports.
"""

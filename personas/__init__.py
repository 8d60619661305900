"""Persona domain: attributes, the love/hate scale, personas and the rules of a persona set."""

"""The live workshop, in layers a folder each; an arrow means "may import".

- `domain/`: the method's rules in plain Python (the model, phases, fit, the map, findings,
  votes, judgements, the promise, the decision, anonymity, presence, the parts a save touches).
  It imports only `personas` and itself.
- `cases/`: the use cases, one function per thing a link may do: who may do it, validate, then
  act in one unit of work (`writing`); and `board`, what a link may see. → `domain`, `ports`.
- `ports.py`: what the use cases need of storage, as Protocols. → `domain`.
- `storage/`: SQLAlchemy (and the in-memory store), implementing the ports. → `domain`, `ports`.
- `store.py`, `services.py`: the composition root that builds a process's store and live hub.
- `live/`: the live stream (Starlette); it is handed callables and imports none of the workshop.
- `ui/`: the Streamlit pages, on top of everything; storage only through the services.
"""

"""The bottom layer: what every app shares and nothing in it knows about any app.

Tiers, refusals, group names, the event bus and its facts, the service's clock, rate
counts and role checks. No models: a module here imports Django and the standard library
only (tests/test_layering.py keeps it so).
"""

"""Kizuna's benchmarks: each module prints figures and never passes or fails on a time.

Run one from the repository root with `python -m bench.<name>` (or `make bench B=<name>`);
`bench.kit` is the load kit they share with the tests.
"""

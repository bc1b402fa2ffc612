"""Benchmarks and resilience checks (run with `make bench` and `make resilience`); not part of the app."""

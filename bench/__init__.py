"""Benchmarks with committed results: `python -m bench.<name>` (see each module's docstring)."""

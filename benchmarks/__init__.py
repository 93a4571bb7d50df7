"""Benchmarks: handoutkit against its peers on synthetic projects (``make bench``; see run.py)."""

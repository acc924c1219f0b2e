"""Benchmarks: the synthetic corpus generator and the extraction benchmark (measuring tools)."""

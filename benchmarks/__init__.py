"""Reproducible performance measurements of ReviewDesk on generated vaults (`python -m benchmarks`)."""

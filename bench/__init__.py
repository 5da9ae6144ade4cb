"""Benchmarks: scripts that print figures and write results under results/."""

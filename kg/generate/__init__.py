"""Synthetic data with the shape of a real build, of any size, for benchmarks and tests (``kg generate``)."""

from __future__ import annotations

from kg.generate.synthetic import generate, load

__all__ = ["generate", "load"]

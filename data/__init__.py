"""The bundled example, shipped in the package as ``kg.example`` (for ``kg init --example``).

This file only makes the folder a package; a project's own data folder needs none.
"""

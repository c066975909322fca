"""Aligned text tables for the terminal.

>>> print(format_table(["a", "bb"], [[1, "x"], [22, None]]))
a   bb
--  --
1   x
22
"""

from __future__ import annotations


def _cell(value: object) -> str:
    if value is None:
        return ""
    # One line per cell: control characters from the data must not break the layout.
    return " ".join(str(value).split())


def format_table(headers: list[str], rows: list[list[object]], max_width: int = 80) -> str:
    """Left-aligned columns separated by two spaces; cells are cut at ``max_width`` characters."""
    cells = [[_cell(v) for v in row] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells if i < len(r)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip())
    return "\n".join(lines)

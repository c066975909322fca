"""``python -m kg``: the same as the ``kg`` command."""

from kg.cli import entry

if __name__ == "__main__":
    entry()

"""A project folder: what ``kg init`` makes and every command works from.

::

    DIR/
      README.md         what the folder is and the commands to run
      data/
        entities.yaml   the registry (persons, organizations, places, roles, topics, agreements)
        facts/          one facts file per source document
        sources/        the text of each source document
      queries/          your own named questions (.rq files), next to the built-in ones
      out/              what kg build writes (made by the first build)

>>> import tempfile
>>> d = Path(tempfile.mkdtemp()) / "p"
>>> sorted(p.relative_to(d).as_posix() for p in init_project(d))
['README.md', 'data/entities.yaml', 'data/facts', 'data/sources', 'queries']
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.errors import OutputError

_REGISTRY = """\
# The shared registry of entities: every id here becomes https://w3id.org/diplomatic-kg/id/<id>.
# See the README's "Adding the next article" for the fields.
persons: []
organizations: []
places: []
roles: []
topics: []
"""
_README = """\
# {name}: a diplomatic-kg project

- `data/entities.yaml`: the registry; `data/facts/*.yaml`: one file per source; `data/sources/*.txt`: their texts.
- `queries/*.rq`: your own named questions (same header as the built-in ones: `kg query --list`).

```sh
kg validate            # check the facts
kg build               # build the graph into out/
kg query --list        # the named questions
kg draft article.txt --published 2025-02-07   # propose the facts of a new article, for review
```
"""


def init_project(folder: str | Path, *, example: bool = False) -> list[Path]:
    """Create a project in ``folder`` (new, or empty); with ``example`` its data is the bundled example.

    Returns what was created. Refuses (``OutputError``) a folder that already holds files.
    """
    from kg.resources import example_dir

    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise OutputError(f"{root} already exists and is not an empty folder: give a new folder")
    data = root / "data"
    try:
        if example:
            shutil.copytree(example_dir(), data, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
        else:
            (data / "facts").mkdir(parents=True)
            (data / "sources").mkdir()
            (data / "entities.yaml").write_text(_REGISTRY, encoding="utf-8")
        (root / "queries").mkdir()
        (root / "README.md").write_text(_README.format(name=root.resolve().name), encoding="utf-8")
    except OSError as e:
        raise OutputError(f"cannot create the project in {root}: {e.strerror or e}") from e
    return [root / "README.md", data / "entities.yaml", data / "facts", data / "sources", root / "queries"]


__all__ = ["init_project"]

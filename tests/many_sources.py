"""The seed article plus the invented follow-up reports of tests/fixtures/many-sources, as one data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "many-sources"
REPORTS = ("followup-wire-2025-02-09", "followup-readout-2025-03", "conflicting-2025-02-10")
#: Posts with one holder at a time, marked so in the copy of the registry.
SINGLE_HOLDER = ("president", "prime-minister", "speaker-of-parliament")
#: Identifiers elsewhere of real entries of the seed's registry (Wikidata items, GeoNames features), set in the copy.
SAME_AS = {"iraq": {"wikidata": "Q796", "geonames": 99237}, "iran": {"wikidata": "Q794", "geonames": 130758},
           "baghdad": {"wikidata": "Q1530", "geonames": 98182}, "tehran": {"wikidata": "Q3616", "geonames": 112931},
           "prime-minister": {"wikidata": "Q14212"}}


def many_sources(target: Path, reports: tuple[str, ...] = REPORTS) -> Path:
    """Write ``target``/data: the bundled data, the fixtures' registry additions, and the chosen reports."""
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    yaml = YAML()
    registry = yaml.load((data / "entities.yaml").read_text(encoding="utf-8"))
    extra = yaml.load((FIXTURES / "entities.yaml").read_text(encoding="utf-8"))
    for section, entries in extra.items():
        registry.setdefault(section, []).extend(entries)
    for role in registry["roles"]:
        if role["id"] in SINGLE_HOLDER:
            role["single_holder"] = True
    for section in ("places", "roles"):
        for entry in registry[section]:
            if entry["id"] in SAME_AS:
                entry["same_as"] = dict(SAME_AS[entry["id"]])
    with (data / "entities.yaml").open("w", encoding="utf-8") as f:
        yaml.dump(registry, f)
    for name in reports:
        shutil.copy(FIXTURES / "facts" / f"{name}.yaml", data / "facts")
        shutil.copy(FIXTURES / "sources" / f"{name}.txt", data / "sources")
    return data

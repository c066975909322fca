"""What a build was made from (``kg.manifest``): the inputs' hashes, and the stats that spare reading again
the files unchanged since the last build."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kg import manifest
from kg.manifest import inputs_of


def _folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    for rel, text in (("entities.yaml", "persons: []\n"), ("facts/a.yaml", "a: 1\n"), ("facts/b.yaml", "b: 1\n")):
        (data / rel).write_text(text, encoding="utf-8")
    return data


def _counting(monkeypatch) -> list[str]:
    read: list[str] = []
    real = manifest._digest
    monkeypatch.setattr(manifest, "_digest", lambda p: read.append(p.name) or real(p))
    return read


def test_files_unchanged_since_their_stats_were_recorded_are_not_read_again(tmp_path, monkeypatch):
    data = _folder(tmp_path)
    monkeypatch.setattr(manifest, "RACY_NS", 50_000_000)
    time.sleep(0.1)  # the files are older than the record by more than RACY_NS
    seen: dict = {}
    first = inputs_of(data, [], None, seen)
    assert set(seen["files"]) == {"entities.yaml", "facts/a.yaml", "facts/b.yaml"}
    read = _counting(monkeypatch)
    assert inputs_of(data, [], seen) == first and read == []
    (data / "facts" / "b.yaml").write_text("b: 2\n", encoding="utf-8")  # same size, new times
    (data / "facts" / "c.yaml").write_text("c: 1\n", encoding="utf-8")  # a new file
    (data / "facts" / "a.yaml").unlink()
    again: dict = {}
    second = inputs_of(data, [], seen, again)
    assert sorted(read) == ["b.yaml", "c.yaml"]
    assert second["files"]["facts/b.yaml"] != first["files"]["facts/b.yaml"] and "facts/a.yaml" not in second["files"]
    assert second == inputs_of(data, [], None)  # what hashing every file gives


def test_a_file_written_just_before_its_stat_was_recorded_is_read_again(tmp_path, monkeypatch):
    data = _folder(tmp_path)
    seen: dict = {}
    inputs_of(data, [], None, seen)  # the files were written within RACY_NS of this record
    read = _counting(monkeypatch)
    inputs_of(data, [], seen)
    assert sorted(read) == ["a.yaml", "b.yaml", "entities.yaml"]


def test_a_stat_that_differs_in_any_part_means_reading_again(tmp_path, monkeypatch):
    data = _folder(tmp_path)
    monkeypatch.setattr(manifest, "RACY_NS", 0)
    seen: dict = {}
    inputs_of(data, [], None, seen)
    seen["at"] += 10**12  # long after the files were written
    read = _counting(monkeypatch)
    inputs_of(data, [], seen)
    assert read == []
    path = data / "facts" / "a.yaml"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # the modified time only
    inputs_of(data, [], seen)
    assert read == ["a.yaml"]
    read.clear()
    seen["files"]["facts/b.yaml"][0][0] += 1  # another size
    seen["files"]["entities.yaml"] = ["not", "a stat"]  # a broken record
    inputs_of(data, [], seen)
    assert sorted(read) == ["a.yaml", "b.yaml", "entities.yaml"]


def test_records_too_recent_to_trust_are_confirmed_once_they_are_old_enough(tmp_path, monkeypatch):
    data = _folder(tmp_path)
    monkeypatch.setattr(manifest, "RACY_NS", 200_000_000)
    seen: dict = {}
    first = inputs_of(data, [], None, seen)  # the files were written just now: the next call would read them
    read = _counting(monkeypatch)
    assert manifest.confirm(seen, data)["files"] == {} and read == []  # still too recent: nothing stands
    time.sleep(0.3)
    seen["files"]["facts/b.yaml"][1] = "0" * 64  # as if b had changed after it was read, within the same tick
    (data / "entities.yaml").write_text("persons: [] \n", encoding="utf-8")  # changed since: a new stat
    confirmed = manifest.confirm(seen, data)
    assert sorted(read) == ["a.yaml", "b.yaml"]  # the ones whose stat still stands are read again, once
    assert sorted(confirmed["files"]) == ["facts/a.yaml"] and confirmed["at"] > seen["at"]
    read.clear()
    again = inputs_of(data, [], confirmed)
    assert sorted(read) == ["b.yaml", "entities.yaml"]  # a: confirmed; b and the registry: read again
    assert again["files"]["facts/a.yaml"] == first["files"]["facts/a.yaml"] and again == inputs_of(data, [], None)
    read.clear()
    old = {"at": confirmed["at"], "files": {"facts/a.yaml": confirmed["files"]["facts/a.yaml"]}}
    time.sleep(0.3)
    assert manifest.confirm(old, data)["files"] == old["files"] and read == []  # trusted already: not read


def test_a_build_keeps_the_stats_and_commands_use_them(tmp_path, monkeypatch):
    import kg
    from kg.generate.facts import generate_facts

    generate_facts(tmp_path / "data", 2, seed=1)
    monkeypatch.setattr(manifest, "RACY_NS", 1_000_000)  # the build takes longer: its end confirms every file
    confirmed: list[dict] = []
    real = manifest.confirm
    monkeypatch.setattr(manifest, "confirm", lambda seen, data: confirmed.append(real(seen, data)) or confirmed[-1])
    kg.build(tmp_path / "data", tmp_path / "out", shacl=False)
    stats = manifest.read_stats(tmp_path / "out")
    built = manifest.read(tmp_path / "out")["files"]
    assert stats is not None and [stats] == confirmed  # the stats written: confirmed at the end of the build
    assert {k: h for k, (_, h) in stats["files"].items()} == built
    read = _counting(monkeypatch)
    kg.build(tmp_path / "data", tmp_path / "out", shacl=False)
    assert read == ["dkg.ttl", "shapes.ttl"]  # the ontology and the shapes, always: no file of the data again
    for broken in ("{not json", '{"at": "soon", "files": {}}', '{"at": 1, "files": []}', "[]"):
        (tmp_path / "out" / "current" / manifest.STATS).write_text(broken, encoding="utf-8")
        assert manifest.read_stats(tmp_path / "out") is None  # then every file is read
    assert manifest.read_stats(tmp_path / "nowhere") is None

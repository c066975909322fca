"""``kg path``, ``kg neighbors``, ``kg rank`` and ``kg communities``: in-process, and once for real."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg.cli import main

from .conftest import run_kg as kg


def test_path_explains_each_hop(built, capsys):
    code, said, err = kg(capsys, "path", "Pezeshkian", "mohammed-al-hassan", "--graph", str(built))
    assert code == 0 and err == ""
    lines = said.splitlines()
    assert lines[0] == "Masoud Pezeshkian -> Mohammed Al-Hassan: 4 hops"
    assert lines[1] == "  1. Masoud Pezeshkian belongs to the country Iran  [registry]"
    assert lines[4].startswith("  4. Mohammed Al-Hassan took part in Meeting of Mohammad Javad Zarif and Mohammed")


def test_path_takes_a_trig_file_a_window_and_classes_to_avoid(built, capsys):
    code, said, _ = kg(capsys, "path", "zarif", "RASHID", "--graph", str(built / "graph.trig"),
                       "--from", "2025-02-06", "--to", "2025-02-06", "--avoid", "dkg:Country")
    assert code == 0 and said.splitlines()[0] == "Mohammad Javad Zarif -> Abdul Latif Rashid: 2 hops"


def test_no_path_is_a_message_and_exit_1(built, capsys):
    code, said, err = kg(capsys, "path", "pezeshkian", "rashid", "--graph", str(built), "--from", "2024",
                         "--to", "2024", "--avoid", "dkg:Country", "--avoid", "dkg:City", "--avoid", "dkg:Role",
                         "--avoid", "dkg:Topic", "--avoid", "dkg:Organization")
    assert (code, said) == (1, "")
    assert err == ("kg path: error: no path links Masoud Pezeshkian and Abdul Latif Rashid between 2024-01-01 "
                   "and 2024-12-31\n")


def test_unknown_name_suggests(built, capsys):
    code, _, err = kg(capsys, "path", "Zarf", "Rashid", "--graph", str(built))
    assert code == 1 and "did you mean Mohammad Javad Zarif (mohammad-javad-zarif)?" in err
    assert "Traceback" not in err


def test_bad_date_and_missing_graph(built, tmp_path, capsys):
    code, _, err = kg(capsys, "rank", "--graph", str(built), "--from", "yesterday")
    assert code == 1 and "expected a date such as 2025-02-07, 2025-02 or 2025, got 'yesterday'" in err
    code, _, err = kg(capsys, "rank", "--graph", str(tmp_path / "nowhere"))
    assert code == 1 and "no graph at" in err and "run kg build first" in err
    (tmp_path / "bad.trig").write_text("this is not TriG")
    code, _, err = kg(capsys, "rank", "--graph", str(tmp_path / "bad.trig"))
    assert code == 1 and "cannot read the graph at" in err


def test_neighbors(built, capsys):
    code, said, _ = kg(capsys, "neighbors", "Al-Hassan", "--graph", str(built))
    assert code == 0
    rows = said.splitlines()[2:]
    assert [r.split()[1] for r in rows] == ["dkg:Meeting", "dkg:Membership", "dkg:Statement"]
    code, said, _ = kg(capsys, "neighbors", "Al-Hassan", "--depth", "2", "--limit", "5", "--graph", str(built))
    assert len(said.splitlines()) == 2 + 5 + 2 and said.endswith("9 more not shown (--limit)\n")


def test_rank(built, capsys):
    code, said, _ = kg(capsys, "rank", "--graph", str(built), "--limit", "3")
    lines = said.splitlines()
    assert code == 0 and lines[0].split() == ["rank", "actor", "type", "degree", "id"]
    assert lines[2].split()[:5] == ["1", "Mohammad", "Javad", "Zarif", "dkg:Person"] and len(lines) == 5
    code, said, _ = kg(capsys, "rank", "--by", "pagerank", "--graph", str(built))
    assert code == 0 and "Mohammad Javad Zarif" in said.splitlines()[2]
    with pytest.raises(SystemExit):
        main(["rank", "--by", "fame", "--graph", str(built)])
    capsys.readouterr()


def test_builds_the_data_folder_without_graph(capsys):
    from tests.conftest import DATA

    code, said, _ = kg(capsys, "rank", "--data", str(DATA), "--limit", "1")
    assert code == 0 and "Mohammad Javad Zarif" in said


def test_a_generated_nquads_file(tmp_path, capsys):
    from kg.generate import generate

    generate(tmp_path / "g.nq", 3000, seed=1)
    code, said, _ = kg(capsys, "communities", "--graph", str(tmp_path / "g.nq"), "--limit", "1")
    assert code == 0 and said.splitlines()[0].split() == ["#", "size", "events", "members"]


def test_communities(built, capsys):
    code, said, _ = kg(capsys, "communities", "--graph", str(built))
    assert code == 0 and said.splitlines()[2].split()[:5] == ["1", "7", "6", "Mohammad", "Javad"]
    code, said, _ = kg(capsys, "communities", "--graph", str(built), "--min-size", "8")
    assert said == "no community of 8 or more actors\n"


def test_for_real(built):
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run([sys.executable, "-c", "from kg.cli import entry; entry()", "path", "Zarif", "Al-Hassan",
                           "--graph", str(built)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Mohammad Javad Zarif -> Mohammed Al-Hassan: 2 hops"

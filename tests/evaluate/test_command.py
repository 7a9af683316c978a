"""The evaluate command: argument parsing, te3 and semeval2015 runs on tiny data."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from timeline.evaluate import command, taggers
from timeline.evaluate.__main__ import main
from timeline.evaluate.timeml import Timex

TML = (
    '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">today</TIMEX3></DCT>'
    '<TEXT>Seen <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3> and '
    '<TIMEX3 tid="t2" type="DATE" value="2013-03-15">last Friday</TIMEX3>.</TEXT></TimeML>'
)


def fake_tagger(text: str, published: str | None = None) -> list[Timex]:
    """Finds "yesterday" right and "Friday" with a wrong value; needs the DCT."""
    assert published == "2013-03-22"
    found = []
    for word, value in (("yesterday", "2013-03-21"), ("Friday", "2013-03-22")):
        start = text.find(word)
        if start >= 0:
            found.append(Timex(start, start + len(word), word, "DATE", value))
    return found


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "doc1.tml").write_text(TML, encoding="utf-8")
    return tmp_path


@pytest.fixture
def with_fake_tagger(monkeypatch):
    monkeypatch.setattr(taggers, "load_tagger", lambda name: fake_tagger)


def test_register_adds_evaluate_with_two_benchmarks():
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["evaluate", "te3", "gold", "--errors"])
    assert (args.command, args.benchmark, args.gold_dir, args.errors) == (
        "evaluate",
        "te3",
        "gold",
        True,
    )
    args = parser.parse_args(["evaluate", "semeval2015", "data", "--out", "sys"])
    assert (args.benchmark, args.data_dir, args.out, args.system) == (
        "semeval2015",
        "data",
        "sys",
        "pipeline",
    )
    assert args.handler is command.run


def test_te3_prints_the_table(gold_dir, with_fake_tagger, capsys):
    assert main(["te3", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out
    # 2 gold, 2 system: "yesterday" strict and right, "Friday" inside "last Friday" with a
    # wrong value: strict 1/2, relaxed 2/2, value 1/2, type 2/2.
    row = next(line for line in out.splitlines() if line.startswith("all types")).split()
    assert row[2:5] == ["0.500", "0.500", "0.500"]
    assert row[5:8] == ["1.000", "1.000", "1.000"]
    assert row[8:11] == ["0.500", "0.500", "0.500"]
    assert row[-2:] == ["2", "2"]
    assert "WRONG" not in out


def test_te3_errors_lists_the_wrong_value(gold_dir, with_fake_tagger, capsys):
    assert main(["te3", str(gold_dir), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "WRONG  doc1 19-30 'last Friday': extent 24-30 'Friday'" in out
    assert "value gold=2013-03-15 system=2013-03-22" in out


def test_te3_on_a_missing_folder_is_an_error(tmp_path, with_fake_tagger, capsys):
    assert main(["te3", str(tmp_path / "nothing")]) == 2
    assert "no .tml files" in capsys.readouterr().err


def test_unknown_tagger_name_is_refused():
    with pytest.raises(ValueError, match="unknown tagger"):
        taggers.load_tagger("nonesuch")


def test_tag_documents_passes_each_dct(gold_dir):
    from timeline.evaluate.timeml import read_timeml_dir

    found, seconds = taggers.tag_documents(read_timeml_dir(gold_dir), fake_tagger)
    assert [t.text for t in found["doc1"]] == ["yesterday", "Friday"]
    assert seconds >= 0


def write_semeval_data(root: Path) -> Path:
    corpus = root / "SemEval_Task4_data" / "corpus_1"
    (corpus / "TimeLines_Gold_Standard").mkdir(parents=True)
    (corpus / "corpus_trackA_CAT").mkdir()
    (corpus / "list_target_entities_corpus_1.txt").write_text("Acme Corp\n", encoding="utf-8")
    (corpus / "TimeLines_Gold_Standard" / "acme_corp.txt").write_text(
        "Acme Corp\n1\t2001-XX-XX\t7-2-founded\n2\t2005-01-01\t7-3-sold\n", encoding="utf-8"
    )
    return root


def test_semeval2015_score_only_reads_existing_timelines(tmp_path, capsys):
    data = write_semeval_data(tmp_path / "data")
    system = tmp_path / "sys" / "corpus_1"
    system.mkdir(parents=True)
    (system / "acme_corp.txt").write_text(
        "Acme Corp\n1\t2001-XX-XX\t7-2-founded\n2\t2005-01-01\t7-3-sold\n", encoding="utf-8"
    )
    assert main(["semeval2015", str(data), "--out", str(tmp_path / "sys"), "--score-only"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.split()[:6] == ["all", "(1", "timelines)", "100.00", "100.00", "100.00"]


def test_semeval2015_builds_with_a_plugged_in_system(tmp_path, monkeypatch, capsys):
    from timeline.evaluate import semeval2015_run
    from timeline.evaluate.semeval2015 import Timeline, TimelineLine

    def system(entities, documents):
        assert entities == ["Acme Corp"] and documents == []
        return {"Acme Corp": Timeline("Acme Corp", [TimelineLine(1, "2001-XX-XX", ("7-2-x",))])}

    monkeypatch.setattr(semeval2015_run, "read_cat_dir", lambda directory: [])
    monkeypatch.setattr(semeval2015_run, "load_system", lambda spec, tagger=None: system)
    data = write_semeval_data(tmp_path / "data")
    assert main(["semeval2015", str(data), "--out", str(tmp_path / "sys")]) == 0
    written = (tmp_path / "sys" / "corpus_1" / "acme_corp.txt").read_text(encoding="utf-8")
    assert written == "Acme Corp\n1\t2001-XX-XX\t7-2-x\n"
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.split()[3:6] == ["0.00", "0.00", "0.00"]


def test_semeval2015_runs_the_extractor_by_default(tmp_path, capsys):
    from cat_samples import cat_xml
    from test_semeval2015_pipeline import EXPECTED, SENTENCES

    from timeline.evaluate.semeval2015 import Timeline, write_timeline

    corpus = write_semeval_data(tmp_path / "data") / "SemEval_Task4_data" / "corpus_1"
    (corpus / "corpus_trackA_CAT" / "4764.xml").write_text(cat_xml(SENTENCES), encoding="utf-8")
    (corpus / "list_target_entities_corpus_1.txt").write_text(
        "Acme Corp\nWidget\n", encoding="utf-8"
    )
    for entity, lines in EXPECTED.items():
        write_timeline(Timeline(entity, lines), corpus / "TimeLines_Gold_Standard")
    assert main(["semeval2015", str(tmp_path / "data"), "--out", str(tmp_path / "sys")]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0].startswith("SemEval-2015 Task 4 Track A, system pipeline")
    assert output[-1].split()[:6] == ["all", "(2", "timelines)", "100.00", "100.00", "100.00"]

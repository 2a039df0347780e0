"""The whole run, on the real registers and on the bundled example."""

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from conftest import write_csv
from ecosystem.analysis.status import STATUSES
from ecosystem.cli import main
from ecosystem.pipeline import example_inputs, run

REAL_MUNICIPALITIES = {"11005": 4, "23027": 14, "34022": 36, "24062": 39, "46029": 21,
                       "45041": 10, "13040": 16}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def real_run(reference_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    return run(reference_dir, [], out)


def test_real_registers_exit_zero(real_run):
    assert real_run.exit_code == 0
    assert real_run.report.rejected == []


def test_real_schools_csv_lists_register(real_run, reference_dir):
    rows = _rows(real_run.out / "schools.csv")
    register = _rows_of_school_export(reference_dir / "primary-schools-2022.csv")
    assert sorted(r["school_number"] for r in rows) == sorted(register)
    assert len(rows) == 140
    assert {r["status"] for r in rows} == {"mandated-only"}
    assert {r["refnis"] for r in rows} == set(REAL_MUNICIPALITIES)
    assert all(r["welfare_types"] == "clb" for r in rows)
    moerbeke = [r for r in rows if register[r["school_number"]] == "44045"]
    assert len(moerbeke) == 2
    assert {r["refnis"] for r in moerbeke} == {"46029"}


def _rows_of_school_export(path: Path) -> dict[str, str]:
    """Return school number -> 2019 REFNIS code of the official export, read by hand."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\r")
    header = lines[0].split(";")
    number, nis = header.index("schoolnummer"), header.index("niscode")
    return {line.split(";")[number]: line.split(";")[nis] for line in lines[1:] if line}


def test_real_one_map_per_municipality(real_run):
    maps = sorted(p.stem for p in (real_run.out / "maps").glob("*.html"))
    assert maps == sorted(REAL_MUNICIPALITIES)
    table = {r["refnis"]: r for r in _rows(real_run.out / "municipalities.csv")}
    for refnis, count in REAL_MUNICIPALITIES.items():
        assert int(table[refnis]["schools"]) == count
        assert int(table[refnis]["mandated-only"]) == count


def test_real_maps_hold_every_school(real_run):
    rows = _rows(real_run.out / "schools.csv")
    for refnis in REAL_MUNICIPALITIES:
        page = (real_run.out / "maps" / f"{refnis}.html").read_text(encoding="utf-8")
        for row in rows:
            if row["refnis"] == refnis:
                assert f"school/{row['school_number']}\"" in page, (refnis, row["school_number"])


def test_real_graph_parses_back(real_run):
    graph = Graph().parse(real_run.out / "graph.ttl", format="turtle")
    assert len(graph) == len(real_run.graph)


def test_real_index_links_maps(real_run):
    page = (real_run.out / "index.html").read_text(encoding="utf-8")
    for refnis in REAL_MUNICIPALITIES:
        assert f'maps/{refnis}.html' in page
    assert "Lokeren" in page


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    reference, surveys = example_inputs()
    return run(reference, surveys, tmp_path_factory.mktemp("example"))


def test_example_loads_cleanly(example_run):
    assert [line.describe() for line in example_run.report.rejected] == []
    assert example_run.exit_code == 0


def test_example_has_every_status(example_run):
    statuses = {r["status"] for r in _rows(example_run.out / "schools.csv")}
    assert statuses == set(STATUSES)


def test_example_municipality_iri_is_not_belgif(example_run):
    graph = Graph().parse(example_run.out / "graph.ttl", format="turtle")
    subjects = {str(s) for s in graph.subjects()}
    assert "https://w3id.org/edu-welfare/id/municipality/99001" in subjects
    assert "http://vocab.belgif.be/auth/refnis2025/99001" not in subjects


def test_example_maps_are_offline(example_run):
    for path in (example_run.out / "maps").glob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)\s*=\s*["\']?https?://', page), path
        assert '<meta charset="utf-8">' in page.lower()


def test_cli_runs_example(tmp_path):
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output
    assert (tmp_path / "out" / "index.html").is_file()


def test_cli_rejected_rows_exit_one(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "refnis"],
              [["CAW", "CAW De Brug", "welfare", "caw", "46029"],
               ["X", "Vzw X", "welfare", "caw", "99999"]])
    write_csv(survey / "links.csv", ["source_id", "target_id", "direction", "formality"],
              [["CAW", "GHOST", "one-way", "ad-hoc"]])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--reference", str(small_reference),
                                       "--survey", str(survey), "--out", str(out)])
    assert result.exit_code == 1, result.output
    report = _rows(out / "load-report.csv")
    rejected = [(Path(r["file"]).name, r["row"], r["column"], r["value"])
                for r in report if r["level"] == "rejected"]
    assert rejected == [("actors.csv", "3", "refnis", "99999"),
                        ("links.csv", "2", "target_id", "GHOST")]
    assert all(r["action"] for r in report if r["level"] == "rejected")
    assert "GHOST" in result.output
    assert (out / "graph.ttl").is_file()


def test_cli_validate_report_lists_rejected_rows(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "refnis"],
              [["X", "Vzw X", "welfare", "caw", "99999"]])
    report = tmp_path / "problems.csv"
    result = CliRunner().invoke(main, ["validate", "--reference", str(small_reference),
                                       "--survey", str(survey), "--report", str(report)])
    assert result.exit_code == 1, result.output
    rows = _rows(report)
    assert [(r["label"], Path(r["file"]).name, r["row"], r["property"], r["value"])
            for r in rows] == [("rejected row", "actors.csv", "2", "refnis", "99999")]
    assert "REFNIS" in rows[0]["message"]


def test_cli_missing_register_exit_two(tmp_path):
    result = CliRunner().invoke(main, ["run", "--reference", str(tmp_path),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "municipalities-2025.csv" in result.output


def test_cli_survey_without_reference_is_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["run", "--survey", str(tmp_path)])
    assert result.exit_code == 2
    assert "--reference" in result.output


def test_real_municipalities_link_to_wikidata(real_run):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    leuven = URIRef("http://vocab.belgif.be/auth/refnis2025/24062")
    matches = {str(m) for m in real_run.graph.objects(leuven, SKOS.exactMatch)}
    # The federal vocabulary writes Leuven's Wikidata link in its /wiki/ form.
    assert "http://www.wikidata.org/entity/Q118958" in matches
    lokeren = URIRef("http://vocab.belgif.be/auth/refnis2025/46029")
    assert any("wikidata.org/entity/Q" in str(m)
               for m in real_run.graph.objects(lokeren, SKOS.exactMatch))


def test_rejected_rows_copied_for_rerun(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "refnis"],
              [["CAW", "CAW De Brug", "welfare", "caw", "46029"],
               ["X", "Vzw X", "welfare", "caw", "99999"]])
    write_csv(survey / "links.csv", ["source_id", "target_id", "direction", "formality"],
              [["CAW", "X", "one-way", "ad-hoc"]])
    out = tmp_path / "out"
    result = run(small_reference, [survey], out)
    assert result.exit_code == 1
    actors = _rows(out / "rejected" / "survey" / "actors.csv")
    assert [(r["actor_id"], r["refnis"]) for r in actors] == [("X", "99999")]
    assert "refnis" in actors[0]["load_problem"]
    links = _rows(out / "rejected" / "survey" / "links.csv")
    assert [(r["source_id"], r["target_id"]) for r in links] == [("CAW", "X")]
    # Fixed copies run again: the corrected actor and its link now load.
    fixed = tmp_path / "fixed"
    write_csv(fixed / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "refnis"],
              [["X", "Vzw X", "welfare", "caw", "46029"]])
    (fixed / "links.csv").write_bytes((out / "rejected" / "survey" / "links.csv").read_bytes())
    second = run(small_reference, [survey, fixed], tmp_path / "out2")
    rejected = [(Path(l.file).parent.name, l.row) for l in second.report.rejected]
    assert ("fixed", 2) not in rejected


def test_progress_hears_every_stage(tmp_path):
    from ecosystem.pipeline import STAGES
    from ecosystem.progress import Progress

    class Recorder(Progress):
        def __init__(self):
            self.stages, self.loops = [], []

        def stage(self, name):
            self.stages.append(name)

        def items(self, iterable, total, description):
            self.loops.append((description, total))
            yield from iterable

    recorder = Recorder()
    reference, surveys = example_inputs()
    run(reference, surveys, tmp_path, progress=recorder)
    assert recorder.stages == list(STAGES)
    assert recorder.loops == [("maps", 2)]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stream, drawn", [(io.StringIO, False), (_Terminal, True)])
def test_bars_drawn_only_on_terminal(monkeypatch, stream, drawn):
    from ecosystem.progress import BarProgress

    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    progress = BarProgress(("read", "maps"))
    progress.stage("read")
    progress.stage("maps")
    assert list(progress.items(range(3), 3, "maps")) == [0, 1, 2]
    progress.close()
    assert bool(err.getvalue()) == drawn


def test_cli_quiet_prints_no_progress(tmp_path):
    result = CliRunner().invoke(main, ["run", "-q", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "stage" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("Wrote 17 schools")


def test_rerun_removes_old_maps(tmp_path):
    stale = tmp_path / "maps" / "12345.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    reference, surveys = example_inputs()
    run(reference, surveys, tmp_path)
    assert sorted(p.name for p in (tmp_path / "maps").glob("*.html")) == ["99001.html",
                                                                         "99002.html"]

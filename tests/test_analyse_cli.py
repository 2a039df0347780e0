"""ecosystem analyse: every table, as CSV and JSON, on the example and on real registers."""

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem.cli import main

TABLES = ("school-profiles", "municipality-metrics", "single-points-of-failure",
          "post-dependence", "suggestions")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_analyse_example_writes_every_table(tmp_path):
    result = CliRunner().invoke(main, ["analyse", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").is_file(), name
        records = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == len(_rows(tmp_path / f"{name}.csv")), name
    profiles = {r["name"]: r for r in _rows(tmp_path / "school-profiles.csv")}
    assert profiles["Basisschool De Klimop"]["status"] == "isolated"
    assert "huis-van-het-kind" in profiles["Vrije Basisschool De Linde"]["missing_types"]
    suggestions = _rows(tmp_path / "suggestions.csv")
    assert {r["school"] for r in suggestions} >= {"Basisschool De Klimop"}
    assert all(r["reason"] for r in suggestions)
    assert "need" in result.output


def test_analyse_real_registers_ranks_need(tmp_path, reference_dir):
    result = CliRunner().invoke(main, ["analyse", "--reference", str(reference_dir),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    need = _rows(tmp_path / "need-against-coverage.csv")
    assert sorted(r["refnis"] for r in need) == sorted(
        ["11005", "23027", "34022", "24062", "46029", "45041", "13040"])
    assert [r["rank"] for r in need] == [str(n) for n in range(1, 8)]
    assert all(r["coverage"] == "0.0" for r in need)
    json.loads((tmp_path / "need-against-coverage.json").read_text(encoding="utf-8"))


def test_analyse_graph_file(tmp_path):
    run = CliRunner().invoke(main, ["run", "-q", "--out", str(tmp_path / "run")])
    assert run.exit_code == 0
    result = CliRunner().invoke(main, ["analyse", str(tmp_path / "run" / "graph.ttl"),
                                       "--out", str(tmp_path / "analysis")])
    assert result.exit_code == 0, result.output
    assert len(_rows(tmp_path / "analysis" / "school-profiles.csv")) == 17


def test_analyse_unknown_wave_fails_clearly(tmp_path):
    result = CliRunner().invoke(main, ["analyse", "--out", str(tmp_path), "--compare",
                                       "2019-2020", "2024-2025"])
    assert result.exit_code == 2
    assert "2019-2020" in result.output


def test_relative_graph_file_is_read_from_current_folder(tmp_path, monkeypatch):
    run = CliRunner().invoke(main, ["run", "-q", "--out", str(tmp_path / "run")])
    assert run.exit_code == 0
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "graph.ttl").write_bytes((tmp_path / "run" / "graph.ttl").read_bytes())
    monkeypatch.chdir(work)
    for command in (["validate", "graph.ttl"], ["analyse", "graph.ttl", "--out", "a"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, command
    (work / "graph.ttl").write_bytes((tmp_path / "run" / "graph.ttl").read_bytes())
    assert CliRunner().invoke(main, ["validate", "graph.ttl"]).exit_code == 0


def test_compare_same_wave_is_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["analyse", "--out", str(tmp_path), "--compare",
                                       "2024-2025", "2024-2025"])
    assert result.exit_code == 2
    assert "two different" in result.output


def test_graph_file_read_into_oxigraph(tmp_path):
    from ecosystem.graph.store import native_store, read_graph, triple_count

    path = tmp_path / "graph.ttl"
    path.write_text('<https://example.org/id/school/1> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"VBS De Regenboog" .\n', encoding="utf-8")
    graph = read_graph(path)
    assert native_store(graph) is not None
    assert triple_count(graph) == 1


def test_graph_file_without_suffix_read_as_turtle(tmp_path):
    from ecosystem.graph.store import read_graph, triple_count

    path = tmp_path / "graph"
    path.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    assert triple_count(read_graph(path)) == 1
    assert triple_count(read_graph(path, store="memory")) == 1


def test_graph_file_named_graphs_merged(tmp_path):
    from ecosystem.graph.store import read_graph, triple_count

    path = tmp_path / "graph.trig"
    path.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n"
                    "ex:g { ex:d ex:e ex:f . }\n", encoding="utf-8")
    graph = read_graph(path)
    assert triple_count(graph) == 2
    assert len(list(graph.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 2


def test_graph_file_with_huge_value_rejected(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text('<https://example.org/a> <https://example.org/b> "'
                    + "x" * 17_000_000 + '" .\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "longer than 16 MB" in result.output
    assert "Traceback" not in result.output


def test_graph_file_with_byte_order_mark_read(tmp_path):
    from ecosystem.graph.store import read_graph, triple_count

    path = tmp_path / "graph.ttl"
    path.write_bytes(b"\xef\xbb\xbf@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n")
    assert triple_count(read_graph(path)) == 1


@pytest.mark.parametrize("command", ["validate", "analyse"])
def test_empty_graph_file_rejected(tmp_path, command):
    path = tmp_path / "graph.ttl"
    path.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 2
    assert "is empty" in result.output

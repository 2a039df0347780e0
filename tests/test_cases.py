"""Known traps of spreadsheet data, checked through the command line on real registers."""

import csv
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from rdflib import RDFS, Graph, Literal, URIRef

from conftest import write_csv
from ecosystem.cli import main
from ecosystem.graph.vocabulary import EW

ID = "https://w3id.org/edu-welfare/id/"
ACTOR_HEADER = ["actor_id", "name", "kind", "welfare_type", "school_number", "kbo_number",
                "refnis"]
LINK_HEADER = ["source_id", "target_id", "direction", "formality"]


@pytest.fixture
def registers(small_reference: Path, reference_dir: Path) -> Path:
    for name in ("primary-schools-2022.csv", "local-governments-2022.csv"):
        shutil.copy(reference_dir / name, small_reference / name)
    return small_reference


def _run(registers: Path, out: Path, *surveys: Path):
    arguments = ["run", "--reference", str(registers), "--out", str(out)]
    for survey in surveys:
        arguments += ["--survey", str(survey)]
    return CliRunner().invoke(main, arguments)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _labels(out: Path) -> set[str]:
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    return {str(label) for label in graph.objects(None, RDFS.label)}


def test_excel_exports_keep_names(registers, tmp_path):
    cp1252 = tmp_path / "cp1252"
    write_csv(cp1252 / "actors.csv", ACTOR_HEADER,
              [["V1", "VZW Hôpital ‘t Hof – Zorg", "welfare", "caw", "", "", "46029"],
               ["V2", "Crèche Sint-Jozef", "welfare", "kind-en-gezin", "", "", "46029"]],
              encoding="cp1252")
    bom = tmp_path / "bom"
    bom.mkdir()
    (bom / "actors.csv").write_bytes(
        '"actor_id";"name";"kind";"welfare_type";"refnis"\r\n'
        '"V3";"VBS \'t Klavertje";"school";"";"46029"\r\n'.encode("utf-8-sig"))
    result = _run(registers, tmp_path / "out", cp1252, bom)
    assert result.exit_code == 0, result.output
    labels = _labels(tmp_path / "out")
    for name in ("VZW Hôpital ‘t Hof – Zorg", "Crèche Sint-Jozef", "VBS 't Klavertje"):
        assert name in labels
    schools = {r["name"]: r for r in _rows(tmp_path / "out" / "schools.csv")}
    assert schools["VBS 't Klavertje"]["school_number"] == ""
    assert schools["VBS 't Klavertje"]["refnis"] == "46029"


def test_codes_from_number_cells(registers, tmp_path):
    workbook = Workbook()
    actors = workbook.active
    actors.title = "actors"
    actors.append(ACTOR_HEADER)
    actors.append(["S", "De Hoeksteen", "school", None, 919, None, 11005])
    actors["E2"].number_format = "000000"
    actors.append(["OCMW", "OCMW Lokeren", "local-government", None, None, 212194131, 46014])
    links = workbook.create_sheet("links")
    links.append(LINK_HEADER)
    links.append(["S", "OCMW", "one-way", "ad-hoc"])
    links.append(["000919", "OCMW", "two-way", "ad-hoc"])
    survey = tmp_path / "survey.xlsx"
    workbook.save(survey)
    result = _run(registers, tmp_path / "out", survey)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    school = URIRef(f"{ID}school/919")
    government = URIRef(f"{ID}local-government/46029")
    assert (school, EW.actorId, Literal("S")) in graph
    assert (government, EW.actorId, Literal("OCMW")) in graph
    assert len(set(graph.subjects(EW.target, government))) == 2
    report = _rows(tmp_path / "out" / "load-report.csv")
    assert any(r["level"] == "converted" and r["value"] == "46014" for r in report)


def test_every_link_drawn_with_string_ids(registers, tmp_path):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["000919", "De Hoeksteen", "school", "", "000919", "", "11005"],
               ["CAW", "CAW De Brug", "welfare", "caw", "", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["000919", "CAW", "one-way", "ad-hoc"], ["CAW", "000927", "one-way", "ad-hoc"]])
    result = _run(registers, tmp_path / "out", survey)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "maps" / "11005.html").read_text(encoding="utf-8")
    edges = _map_edges(page)
    assert f"{ID}collaboration/school-919--actor-CAW/1" in edges
    assert f"{ID}collaboration/actor-CAW--school-927/1" in edges


def _map_edges(page: str) -> set[str]:
    """Return the edge ids in a map page's embedded data."""
    return set(re.findall(r'"id":\s*"([^"]*collaboration/[^"]*)"', page))


def test_merged_municipalities_mapped(registers, tmp_path):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["Z", "Buurtwerk 't Pleintje", "school", "", "", "", "11056"],
               ["K", "Welzijnsschakel Het Anker", "welfare", "poverty-organisation", "", "",
                "46013"],
               ["H", "Jeugdhuis Den Eglantier", "welfare", "youth-work", "", "", "71022"],
               ["P", "Kinderopvang Zonnebloem", "welfare", "kind-en-gezin", "", "", "23023"]])
    write_csv(survey / "links.csv", LINK_HEADER, [["Z", "K", "two-way", "structural"]])
    result = _run(registers, tmp_path / "out", survey)
    assert result.exit_code == 0, result.output
    municipalities = {r["refnis"]: r for r in _rows(tmp_path / "out" / "municipalities.csv")}
    assert municipalities["46030"]["municipality"] == "Beveren-Kruibeke-Zwijndrecht"
    assert municipalities["46030"]["connected"] == "1"
    page = (tmp_path / "out" / "maps" / "46030.html").read_text(encoding="utf-8")
    assert f'"{ID}actor/Z"' in page
    assert f'"{ID}actor/K"' in page
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    refnis = "http://vocab.belgif.be/auth/refnis2025/"
    assert graph.value(URIRef(f"{ID}actor/H"), EW.municipality) == URIRef(f"{refnis}71072")
    assert graph.value(URIRef(f"{ID}actor/P"), EW.municipality) == URIRef(f"{refnis}23106")
    converted = [r["value"] for r in _rows(tmp_path / "out" / "load-report.csv")
                 if r["level"] == "converted" and r["column"] == "refnis"]
    assert sorted(converted) == ["11056", "23023", "46013", "71022"]

"""The same survey in every spreadsheet dialect gives the same graph."""

import csv
import io
import itertools
from pathlib import Path

import pytest
from openpyxl import Workbook
from rdflib import Graph
from rdflib.compare import isomorphic

from ecosystem.graph.build import build_graph
from ecosystem.graph.vocabulary import EW
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import read_inputs

ACTORS = [
    ["actor_id", "name", "kind", "welfare_type", "school_number", "kbo_number", "refnis"],
    ["S1", "GO! basisschool De Hoeksteen", "school", "", "000919", "", "11005"],
    ["CAW", "VZW Hôpital ‘t Hof – Zorg", "welfare", "caw", "", "0207463402", "44045"],
    ["HVK", "Huis van het Kind 't Kraaiennest", "welfare", "huis-van-het-kind", "", "", "11005"],
    ["LOP", 'LOP "Rupel"; basisonderwijs', "network", "", "", "", "11005"],
]
LINKS = [
    ["source_id", "target_id", "direction", "formality", "purposes", "since", "wave"],
    ["S1", "CAW", "one-way", "ad-hoc", "referral;case-exchange", "2019", "2024-2025"],
    ["HVK", "S1", "two-way", "structural", "offer-promotion", "2021", "2024-2025"],
]
MEMBERSHIPS = [["actor_id", "network_id", "role", "since"], ["S1", "LOP", "member", "2018"]]
DUTCH = {"actor_id": "Actor ID", "name": "Naam", "kind": "Soort", "welfare_type": "Welzijnstype",
         "school_number": "Schoolnummer", "kbo_number": "KBO-nummer", "refnis": "NIS-code",
         "source_id": "Van", "target_id": "Naar", "direction": "Richting",
         "formality": "Formaliteit", "purposes": "Doelen", "since": "Sinds",
         "wave": "Bevragingsronde", "network_id": "Netwerk ID", "role": "Rol"}
TABLES = {"actors": ACTORS, "links": LINKS, "memberships": MEMBERSHIPS}
DUTCH_FILES = {"actors": "actoren", "links": "samenwerkingen", "memberships": "lidmaatschappen"}
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")
DELIMITERS = (";", ",", "\t")
NEWLINES = ("\r\n", "\n", "\r")


def _header(table: list[list[str]], style: int) -> list[str]:
    """Return the header row in English, in Dutch, or shouted with stray spaces."""
    if style == 0:
        return table[0]
    if style == 1:
        return [DUTCH[name] for name in table[0]]
    return [f"  {name.upper()} " for name in table[0]]


def _write_csv(folder: Path, name: str, rows, encoding, delimiter, newline) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))


def _graph(reference: Path, survey: Path) -> Graph:
    report = LoadReport()
    graph = build_graph(read_inputs(reference, [survey], report))
    assert [line.describe() for line in report.rejected] == []
    graph.remove((None, EW.sourceFile, None))
    return graph


@pytest.fixture(scope="module")
def registers(tmp_path_factory, reference_dir) -> Path:
    folder = tmp_path_factory.mktemp("registers")
    for name in ("municipalities-2025.csv", "municipal-mergers-2025.csv",
                 "primary-schools-2022.csv"):
        (folder / name).write_bytes((reference_dir / name).read_bytes())
    return folder


@pytest.fixture(scope="module")
def expected(registers, tmp_path_factory) -> Graph:
    folder = tmp_path_factory.mktemp("plain")
    for name, rows in TABLES.items():
        _write_csv(folder, name, rows, "utf-8", ",", "\n")
    return _graph(registers, folder)


COMBINATIONS = list(itertools.product(ENCODINGS, DELIMITERS, NEWLINES))


@pytest.mark.parametrize("encoding, delimiter, newline", COMBINATIONS,
                         ids=[f"{e}-{repr(d)}-{repr(n)}" for e, d, n in COMBINATIONS])
def test_csv_dialects_give_same_graph(registers, expected, tmp_path, encoding, delimiter,
                                      newline):
    style = COMBINATIONS.index((encoding, delimiter, newline)) % 3
    for name, rows in TABLES.items():
        file_name = DUTCH_FILES[name] if style == 1 else name
        _write_csv(tmp_path, file_name, [_header(rows, style)] + rows[1:], encoding, delimiter,
                   newline)
    assert isomorphic(_graph(registers, tmp_path), expected)


def test_xlsx_gives_same_graph(registers, expected, tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in TABLES.items():
        sheet = workbook.create_sheet(DUTCH_FILES[name])
        sheet.append(_header(rows, 1))
        for row in rows[1:]:
            sheet.append(row)
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    assert isomorphic(_graph(registers, path), expected)


def test_non_latin_name_in_unicode_dialects(registers, tmp_path):
    rows = [ACTORS[0], ["X", "Vzw Şişli – Ümit", "welfare", "caw", "", "", "11005"]]
    with pytest.raises(UnicodeEncodeError):
        "Şişli".encode("cp1252")
    graphs = []
    for encoding in ("utf-8", "utf-8-sig"):
        folder = tmp_path / encoding
        folder.mkdir()
        _write_csv(folder, "actors", rows, encoding, ";", "\r\n")
        graphs.append(_graph(registers, folder))
    assert isomorphic(graphs[0], graphs[1])
    labels = {str(o) for o in graphs[0].objects(None, None)}
    assert "Vzw Şişli – Ümit" in labels

"""Reading spreadsheet exports: encodings, delimiters, line endings, number cells."""

from pathlib import Path

import pytest
from openpyxl import Workbook

from ecosystem.tables import read_csv, read_xlsx_sheets

NAME = "VZW Hôpital ‘t Hof – Zorg"


def test_utf8_bom_quoted_header(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_bytes('"Instellingsnummer";"Naam";"Gemeente"\r\n"000141";"VBS \'t Klavertje";'
                     '"Sint-Niklaas"\r\n'.encode("utf-8-sig"))
    table = read_csv(path)
    assert table.columns == ["instellingsnummer", "naam", "gemeente"]
    assert table.rows == [(2, {"instellingsnummer": "000141", "naam": "VBS 't Klavertje",
                               "gemeente": "Sint-Niklaas"})]


def test_cp1252_keeps_typographic_characters(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_bytes(f"naam;gemeente\r\n{NAME};Zoutleeuw\r\nCrèche Sint-Jozef;Lokeren\r\n"
                     .encode("cp1252"))
    table = read_csv(path)
    names = [cells["naam"] for _, cells in table.rows]
    assert names == [NAME, "Crèche Sint-Jozef"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_delimiters_and_line_endings(tmp_path: Path, delimiter: str, newline: str):
    path = tmp_path / "export.csv"
    text = newline.join([delimiter.join(["kbo", "nis", "naam"]),
                         delimiter.join(["0999000129", "02000", '"De Brug, vzw"'])]) + newline
    path.write_bytes(text.encode("utf-8"))
    table = read_csv(path)
    assert table.rows == [(2, {"kbo": "0999000129", "nis": "02000", "naam": "De Brug, vzw"})]


def test_codes_with_leading_zeros_stay_text(tmp_path: Path):
    path = tmp_path / "codes.csv"
    path.write_text("instellingsnummer;kbo;nis;postcode\n000141;0999000129;02000;9100\n",
                    encoding="utf-8")
    cells = read_csv(path).rows[0][1]
    assert cells == {"instellingsnummer": "000141", "kbo": "0999000129", "nis": "02000",
                     "postcode": "9100"}


def test_xlsx_number_format_keeps_zeros(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actors"
    sheet.append(["instellingsnummer", "naam"])
    sheet.append([141, "VBS De Regenboog"])
    sheet["A2"].number_format = "000000"
    sheet.append(["012345", "GO! Basisschool 't Klavertje"])
    sheet.append([2000.0, "number cell without format"])
    path = tmp_path / "codes.xlsx"
    workbook.save(path)
    table = read_xlsx_sheets(path)["actors"]
    assert [cells["instellingsnummer"] for _, cells in table.rows] == ["000141", "012345", "2000"]
    assert [number for number, _ in table.rows] == [2, 3, 4]


def test_blank_rows_keep_spreadsheet_row_numbers(tmp_path: Path):
    path = tmp_path / "gaps.csv"
    path.write_text("a;b\n1;2\n;\n3;4\n", encoding="utf-8")
    assert [number for number, _ in read_csv(path).rows] == [2, 4]


def test_header_case_and_spaces(tmp_path: Path):
    path = tmp_path / "header.csv"
    path.write_text(" Actor ID ;NAME\nA1;x\n", encoding="utf-8")
    assert read_csv(path).columns == ["actor_id", "name"]

"""Survey input that goes wrong the way real spreadsheets do: reported, never guessed."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from conftest import write_csv
from ecosystem.cli import main
from ecosystem.errors import InputFileError
from ecosystem.load_report import NOTICE, LoadReport
from ecosystem.pipeline import read_inputs
from ecosystem.model import Ecosystem
from ecosystem.registers.municipalities import read_crosswalk, read_municipalities
from ecosystem.rejected_rows import write_rejected_rows
from ecosystem.registers.municipality_names import municipality_names
from ecosystem.registers.schools import read_school_export
from ecosystem.survey.load import load_surveys
from ecosystem.survey.read import read_survey
from ecosystem.tables import read_csv

ACTOR_HEADER = ["actor_id", "name", "kind", "welfare_type", "school_number", "refnis"]
LINK_HEADER = ["source_id", "target_id", "direction", "formality", "since"]
SCHOOLS = [["919", "GO! basisschool De Hoeksteen", "11005", "114314"],
           ["927", "GO! basisschool Park", "11005", "114314"]]


def _load(reference: Path, *surveys: Path):
    write_csv(reference / "primary-schools-test.csv", ["schoolnummer", "naam", "niscode", "clb"],
              SCHOOLS, newline="\r")
    report = LoadReport()
    ecosystem = Ecosystem()
    ecosystem.municipalities = read_municipalities(reference / "municipalities-2025.csv", report)
    crosswalk = read_crosswalk(reference / "municipal-mergers-2025.csv",
                               ecosystem.municipalities, report)
    read_school_export(reference / "primary-schools-test.csv", ecosystem, crosswalk, report)
    names = municipality_names(crosswalk, reference / "refnis")
    load_surveys([read_survey(p) for p in surveys], ecosystem, crosswalk, report, names)
    return ecosystem, report


def _survey_links(ecosystem):
    return [(l.source_key, l.target_key) for l in ecosystem.links if not l.mandated]


def test_same_ids_in_two_surveys_stay_apart(tmp_path, small_reference):
    first, second = tmp_path / "school-919", tmp_path / "school-927"
    write_csv(first / "actors.csv", ACTOR_HEADER,
              [["SCHOOL", "De Hoeksteen", "school", "", "919", "11005"],
               ["PARTNER", "CAW De Brug", "welfare", "caw", "", "11005"]])
    write_csv(second / "actors.csv", ACTOR_HEADER,
              [["SCHOOL", "Park", "school", "", "927", "11005"],
               ["PARTNER", "Sociale dienst", "welfare", "ocmw", "", "11005"]])
    for survey in (first, second):
        write_csv(survey / "links.csv", LINK_HEADER, [["SCHOOL", "PARTNER", "two-way",
                                                       "structural", ""]])
    ecosystem, report = _load(small_reference, first, second)
    assert report.rejected == []
    assert _survey_links(ecosystem) == [("school/919", "actor/PARTNER"),
                                        ("school/927", "actor/PARTNER/2")]
    assert ecosystem.actors["actor/PARTNER/2"].welfare_type == "ocmw"
    notices = [l for l in report.lines if l.level == NOTICE and l.column == "actor_id"]
    assert [(Path(l.file).parent.name, l.row, l.value) for l in notices] == [
        ("school-927", 3, "PARTNER")]


def test_id_defined_differently_elsewhere_rejected(tmp_path, small_reference):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_csv(first / "actors.csv", ACTOR_HEADER, [["P", "CAW De Brug", "welfare", "caw", "", ""]])
    write_csv(second / "actors.csv", ACTOR_HEADER, [["P", "OCMW", "welfare", "ocmw", "", ""]])
    write_csv(third / "links.csv", LINK_HEADER, [["919", "P", "one-way", "ad-hoc", ""]])
    ecosystem, report = _load(small_reference, first, second, third)
    assert [(l.row, l.column, l.value) for l in report.rejected] == [(2, "target_id", "P")]
    assert "different actors" in report.rejected[0].message
    assert _survey_links(ecosystem) == []


def test_link_to_rejected_actor_says_why(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["P", "CAW De Brug", "welfare", "caw", "", "99999"]])
    write_csv(survey / "links.csv", LINK_HEADER, [["919", "P", "one-way", "ad-hoc", ""]])
    _, report = _load(small_reference, survey)
    assert [(Path(l.file).name, l.column) for l in report.rejected] == [
        ("actors.csv", "refnis"), ("links.csv", "target_id")]
    assert "actors row of this id was rejected" in report.rejected[1].message


def test_conflicting_repeat_in_one_table_rejected(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["P", "CAW Boom", "welfare", "caw", "", "11005"],
               ["P", "CAW Boom", "welfare", "caw", "", "11005"],
               ["P", "CAW Leuven", "welfare", "ocmw", "", "24062"]])
    ecosystem, report = _load(small_reference, survey)
    assert [(l.row, l.column) for l in report.rejected] == [(4, "actor_id")]
    message = report.rejected[0].message
    assert "welfare_type" in message
    assert "refnis" in message
    assert "name" in message
    assert ecosystem.actors["actor/P"].refnis == "11005"


def test_unused_sheets_and_missing_links_reported(tmp_path, small_reference):
    workbook = Workbook()
    workbook.active.title = "actors"
    workbook.active.append(ACTOR_HEADER)
    workbook.create_sheet("Links 2024-2025").append(LINK_HEADER)
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    _, report = _load(small_reference, path)
    messages = [l.message for l in report.lines if l.file == str(path)]
    assert any("sheet links_2024_2025 is not read" in m for m in messages)
    assert any("no links table" in m for m in messages)


def test_unused_csv_files_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [])
    write_csv(survey / "links (1).csv", LINK_HEADER, [])
    _, report = _load(small_reference, survey)
    assert any(l.value == "file links (1).csv" for l in report.lines)


def test_two_sheets_same_name_fail(tmp_path):
    workbook = Workbook()
    workbook.active.title = "links"
    workbook.create_sheet("LINKS ")
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    with pytest.raises(InputFileError, match="two sheets"):
        read_survey(path)


def test_unknown_and_extra_columns_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "links.csv", LINK_HEADER + ["opmerking", "name", "name"],
              [["919", "927", "one-way", "ad-hoc", "", "referral", "x", "y", "overflow"]])
    _, report = _load(small_reference, survey)
    notices = {(l.row, l.column, l.value) for l in report.lines if l.level == NOTICE}
    assert (1, "opmerking", "opmerking") in notices
    assert (1, "name", "name") in notices
    assert (2, "", "overflow") in notices


def test_survey_only_school_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["S", "De Hoeksteen", "school", "", "", ""]])
    _, report = _load(small_reference, survey)
    lines = [l for l in report.lines if l.column == "school_number"]
    assert len(lines) == 1
    assert "known only from the survey" in lines[0].message
    assert "on no map" in lines[0].message


def test_case_hint_for_unknown_id(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [["S-Hoek", "Vzw", "welfare", "caw", "", ""]])
    write_csv(survey / "links.csv", LINK_HEADER, [["919", "s-hoek", "one-way", "ad-hoc", ""]])
    _, report = _load(small_reference, survey)
    assert "Did you mean S-Hoek?" in report.rejected[0].action


def test_since_as_date_gives_year(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "links.csv", LINK_HEADER,
              [["919", "927", "one-way", "ad-hoc", "2019-09-01"]])
    survey_school = tmp_path / "actors"
    write_csv(survey_school / "actors.csv", ACTOR_HEADER,
              [["W", "Vzw", "welfare", "caw", "", ""]])
    write_csv(survey_school / "links.csv", LINK_HEADER,
              [["919", "W", "one-way", "ad-hoc", "01/09/2019"]])
    ecosystem, report = _load(small_reference, survey, survey_school)
    assert report.rejected == []
    assert [l.since for l in ecosystem.links if not l.mandated] == ["2019", "2019"]


@pytest.mark.parametrize("content, message", [
    (b"\x81\x8d\x8f\x90\x9d" * 20, "not a text file"),
    (b"a;b\x00c\n", "binary data"),
    ('actor_id;name\nA;"CAW Boom\nB;x\nC;y\n'.encode(), "line 2 for a quote .* never closed"),
    (("actor_id;name\nA;" + "x" * 200_000 + "\n").encode(), "cell longer than 131,072"),
])
def test_unreadable_csv_fails_clearly(tmp_path, content, message):
    path = tmp_path / "actors.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_csv(path)


def test_utf16_csv_read(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes("actor_id\tname\r\nA\tCrèche ‘t Nest\r\n".encode("utf-16"))
    assert read_csv(path).rows == [(2, {"actor_id": "A", "name": "Crèche ‘t Nest"})]


@pytest.mark.parametrize("hint, delimiter", [("sep=;", ";"), ("sep=,", ","), ("SEP=\t", "\t"),
                                             ('"sep=,"', ","), ("sep=;;;;", ";")])
def test_excel_separator_line_read(tmp_path, hint, delimiter):
    path = tmp_path / "actors.csv"
    header, row = delimiter.join(["actor_id", "name"]), delimiter.join(["A", "CAW De Brug"])
    path.write_bytes(f"\ufeff{hint}\r\n{header}\r\n{row}\r\n".encode("utf-8"))
    table = read_csv(path)
    assert table.header_row == 2
    assert table.rows == [(3, {"actor_id": "A", "name": "CAW De Brug"})]


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_broken_xlsx_fails_clearly(tmp_path, content):
    path = tmp_path / "survey.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match="not a readable XLSX"):
        read_survey(path)


def test_cli_unwritable_out_exit_two(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["run", "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "--out" in result.output
    assert "Traceback" not in result.output


def test_cli_broken_survey_exit_two(tmp_path, small_reference):
    survey = tmp_path / "survey.xlsx"
    survey.write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["run", "--reference", str(small_reference),
                                       "--survey", str(survey), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "XLSX" in result.output


@pytest.mark.parametrize("municipality, province, expected", [
    ("Boom", "", "11005"),
    ("Anvers", "", "11002"),
    ("Moerbeke", "", "46029"),
    ("Zwijndrecht", "Antwerpen", "46030"),
    ("Zwijndrecht", "Oost-Vlaanderen", "46030"),
    ("Saint-Nicolas", "Oost-Vlaanderen", "46021"),
])
def test_municipality_by_name(tmp_path, small_reference, reference_dir, municipality,
                              province, expected):
    shutil.copytree(reference_dir / "refnis", small_reference / "refnis")
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "naam", "soort", "welzijnstype", "gemeente",
                                      "provincie"],
              [["W", "Vzw Test", "welfare", "caw", municipality, province]])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    assert ecosystem.actors["actor/W"].refnis == expected


@pytest.mark.parametrize("municipality, province, refnis, message, kept", [
    ("Saint-Nicolas", "", "", "several municipalities", ""),
    ("Nergensdorp", "", "", "no municipality has this name", ""),
    ("Lokeren", "Limburg", "", "does not lie in province Limburg", ""),
    ("Lokeren", "", "11005", "this name is not Boom", "11005"),
    ("", "Limburg", "11005", "does not lie in province Limburg", "11005"),
])
def test_municipality_name_problems(tmp_path, small_reference, reference_dir, municipality,
                                    province, refnis, message, kept):
    shutil.copytree(reference_dir / "refnis", small_reference / "refnis")
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "municipality",
                                      "province", "refnis"],
              [["W", "Vzw Test", "welfare", "caw", municipality, province, refnis]])
    write_csv(survey / "links.csv", LINK_HEADER, [["919", "W", "one-way", "ad-hoc", ""]])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    notices = [line for line in report.lines if message in line.message]
    assert len(notices) == 1
    assert ecosystem.actors["actor/W"].refnis == kept
    assert _survey_links(ecosystem) == [("school/919", "actor/W")]


@pytest.mark.parametrize("municipality, refnis", [
    ("Saint-Nicolas", "46021"), ("Sint Niklaas", ""), ("sint-niklaas", "46021"),
])
def test_municipality_name_agrees_with_code(tmp_path, small_reference, reference_dir,
                                            municipality, refnis):
    shutil.copytree(reference_dir / "refnis", small_reference / "refnis")
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "welfare_type", "municipality",
                                      "refnis"],
              [["W", "Vzw Test", "welfare", "caw", municipality, refnis]])
    ecosystem, report = _load(small_reference, survey)
    assert [line.describe() for line in report.lines if line.column == "municipality"] == []
    assert ecosystem.actors["actor/W"].refnis == "46021"


def test_same_name_in_municipality_is_one_actor(tmp_path, small_reference):
    schools_side, partners_side = tmp_path / "schools", tmp_path / "partners"
    write_csv(schools_side / "actors.csv", ACTOR_HEADER,
              [["CAW", "CAW ‘t Anker – Boom", "welfare", "caw", "", "11005"]])
    write_csv(partners_side / "actors.csv", ACTOR_HEADER,
              [["caw-anker", "caw 't anker - boom", "welfare", "caw", "", "11005"],
               ["HOEK", "GO! basisschool De Hoeksteen", "school", "", "", "11005"]])
    write_csv(partners_side / "links.csv", LINK_HEADER,
              [["caw-anker", "HOEK", "one-way", "ad-hoc", ""]])
    ecosystem, report = _load(small_reference, schools_side, partners_side)
    assert report.rejected == []
    assert ecosystem.actors["actor/CAW"].actor_ids == ["CAW", "caw-anker"]
    assert ecosystem.actors["actor/CAW"].name == "CAW ‘t Anker – Boom"
    assert _survey_links(ecosystem) == [("actor/CAW", "school/919")]


@pytest.mark.parametrize("other_name", ["CAW De Brugg", "De Brug CAW"])
def test_near_names_listed_not_merged(tmp_path, small_reference, other_name):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "CAW De Brug", "welfare", "caw", "", "11005"],
               ["B", other_name, "welfare", "caw", "", "11005"]])
    ecosystem, report = _load(small_reference, survey)
    assert "actor/A" in ecosystem.actors
    assert "actor/B" in ecosystem.actors
    candidates = [l for l in report.lines if "possibly the same actor" in l.message]
    assert [(l.row, l.value) for l in candidates] == [(3, other_name)]
    assert "actor/A" in candidates[0].message


def test_same_name_twice_in_register_not_merged(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "Vrije Basisschool", "welfare", "caw", "", "11005"],
               ["B", "Vrije Basisschool", "welfare", "caw", "", "11005"],
               ["C", "vrije basisschool", "welfare", "caw", "", "11005"]])
    ecosystem, report = _load(small_reference, survey)
    assert sorted(k for k in ecosystem.actors if k.startswith("actor/")) == ["actor/A"]
    assert ecosystem.actors["actor/A"].actor_ids == ["A", "B", "C"]


def test_broken_refnis_vocabulary_fails_clearly(tmp_path, small_reference):
    (small_reference / "refnis").mkdir()
    (small_reference / "refnis" / "broken.ttl").write_text("<a> <b> .", encoding="utf-8")
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [["W", "Vzw", "welfare", "caw", "", ""]])
    result = CliRunner().invoke(main, ["run", "--reference", str(small_reference),
                                       "--survey", str(survey), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Turtle" in result.output
    assert "Traceback" not in result.output


def test_personal_columns_reported_and_never_copied(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER + ["contactpersoon", "e-mail"],
              [["W", "Vzw Test", "welfare", "caw", "", "99999", "Katrien Wouters",
                "katrien@example.org"]])
    write_csv(survey / "roles.csv", ["post_id", "organisation_id", "role", "serves"],
              [["BF-Katrien-Wouters", "919", "bridge-figure", "919"]])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--reference", str(small_reference),
                                       "--survey", str(survey), "--out", str(out)])
    assert result.exit_code == 1
    report = (out / "load-report.csv").read_text(encoding="utf-8")
    assert report.count("seems to hold personal data") == 2
    assert "Katrien" not in (out / "graph.ttl").read_text(encoding="utf-8")
    for path in (out / "rejected").rglob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert "katrien@" not in text, path
        assert "contactpersoon" not in text, path


def test_ocmw_as_welfare_is_the_local_government(tmp_path, small_reference, reference_dir):
    shutil.copy(reference_dir / "local-governments-2022.csv", small_reference)
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["OCMW", "OCMW Boom", "welfare", "ocmw", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER, [["919", "OCMW", "one-way", "ad-hoc", ""]])
    write_csv(small_reference / "primary-schools-test.csv", ["schoolnummer", "naam", "niscode"],
              SCHOOLS, newline="\r")
    report = LoadReport()
    ecosystem = read_inputs(small_reference, [survey], report)
    assert report.rejected == []
    assert _survey_links(ecosystem) == [("school/919", "local-government/11005")]
    assert "OCMW" in ecosystem.actors["local-government/11005"].actor_ids


def test_percent_cells_read_as_percentages(tmp_path, small_reference):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "actors"
    sheet.append(["actor_id", "name", "kind", "school_number", "indicator_pupil_share"])
    sheet.append(["S", "De Hoeksteen", "school", "919", 0.375])
    sheet["E2"].number_format = "0.0%"
    path = tmp_path / "survey.xlsx"
    workbook.save(path)
    ecosystem, report = _load(small_reference, path)
    assert report.rejected == []
    assert ecosystem.actors["school/919"].indicator_pupil_share == 37.5


def test_header_only_table_noticed(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [])
    write_csv(survey / "links.csv", LINK_HEADER, [["919", "927", "one-way", "ad-hoc", "2020"]])
    _ecosystem, report = _load(small_reference, survey)
    notices = [line for line in report.lines if line.level == NOTICE
               and line.file.endswith("actors.csv")]
    assert len(notices) == 1
    assert "no rows below its header" in notices[0].message


def test_every_problem_of_a_row_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["P", "CAW De Brug", "welfare", "caw", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["SCHOOL-X", "P", "sideways", "weekly", "twenty"]])
    _ecosystem, report = _load(small_reference, survey)
    found = [(line.row, line.column, line.value) for line in report.rejected]
    assert found == [(2, "source_id", "SCHOOL-X"), (2, "direction", "sideways"),
                     (2, "formality", "weekly"), (2, "since", "twenty")]
    assert report.rows_with("rejected", report.rejected[0].file) == 1


def test_every_problem_in_rejected_copy(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["Q", "CAW Boom", "welfare", "caw", "", "11005"]])
    write_csv(survey / "memberships.csv", ["actor_id", "network_id", "role"],
              [["Q", "NOBODY", "chair-of-all"]])
    _ecosystem, report = _load(small_reference, survey)
    copies = write_rejected_rows(report, tmp_path / "rejected")
    memberships = [path for path in copies if path.name == "memberships.csv"]
    assert len(memberships) == 1
    problem = read_csv(memberships[0]).rows[0][1]["load_problem"]
    assert "network_id:" in problem
    assert "role:" in problem


def test_every_actor_row_problem_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv",
              ACTOR_HEADER + ["kbo_number", "pupils", "indicator_pupil_share"],
              [["M1", "Basisschool M", "school", "", "12345678", "99999", "0123456789", "-5",
                "150"]])
    _ecosystem, report = _load(small_reference, survey)
    columns = [line.column for line in report.rejected]
    assert columns == ["school_number", "kbo_number", "pupils", "indicator_pupil_share",
                       "refnis"]


def test_every_link_row_problem_reported(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "links.csv", LINK_HEADER + ["intensity", "until", "wave"],
              [["919", "927", "one-way", "ad-hoc", "2018", "high", "2017", "2023-2025"]])
    _ecosystem, report = _load(small_reference, survey)
    columns = [line.column for line in report.rejected]
    assert columns == ["intensity", "wave", "until"]


@pytest.mark.parametrize("name, shown", [
    ("Jan Peeters (jan.peeters@example.org)", "Jan Peeters ([e-mail address])"),
    ("CAW De Brug, gsm 0470 12 34 56", "CAW De Brug, gsm [phone number]"),
])
def test_contact_details_never_enter_the_graph(tmp_path, small_reference, name, shown):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["P", name, "welfare", "caw", "", "11005"]])
    ecosystem, report = _load(small_reference, survey)
    assert "actor/P" not in ecosystem.actors
    assert [(line.column, line.value) for line in report.rejected] == [("name", shown)]
    copies = write_rejected_rows(report, tmp_path / "rejected")
    copied = read_csv(copies[0]).rows[0][1]
    assert copied["name"] == shown


def test_kbo_number_in_name_not_phone(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["P", "Vzw De Brug (0212.194.131)", "welfare", "caw", "", "11005"]])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    assert ecosystem.actors["actor/P"].name == "Vzw De Brug (0212.194.131)"


def test_report_masks_email_in_extra_cells(tmp_path, small_reference):
    survey = tmp_path / "survey"
    path = survey / "actors.csv"
    path.parent.mkdir(parents=True)
    path.write_text("actor_id;name;kind;welfare_type\n"
                    "P;CAW De Brug;welfare;caw;an.smet@example.org\n", encoding="utf-8")
    _ecosystem, report = _load(small_reference, survey)
    values = " ".join(line.value for line in report.lines)
    assert "an.smet@example.org" not in values
    assert "[e-mail address]" in values


def test_pupils_float_artefact_read_as_whole(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name", "kind", "school_number", "pupils"],
              [["S", "De Hoeksteen", "school", "919", "245.0000001"]])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    assert ecosystem.actors["school/919"].pupils == 245

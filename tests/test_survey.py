"""Survey tables: resolving actors, checking cells, reporting every rejected row."""

from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import write_csv
from ecosystem.load_report import CONVERTED, LoadReport
from ecosystem.model import Ecosystem
from ecosystem.registers.municipalities import read_crosswalk, read_municipalities
from ecosystem.registers.schools import read_school_export
from ecosystem.survey.load import load_surveys
from ecosystem.survey.read import read_survey

ACTOR_HEADER = ["actor_id", "name", "kind", "welfare_type", "school_number", "kbo_number",
                "refnis"]
LINK_HEADER = ["source_id", "target_id", "direction", "formality", "initiator", "purposes",
               "since", "reported_by", "wave"]


def _load(reference: Path, *surveys: Path, schools: list[list[str]] | None = None):
    """Read the registers in ``reference`` (plus an optional school export) and the surveys."""
    if schools is not None:
        header = ["schoolnummer", "naam", "niscode", "lx", "ly", "clb", "scholengemeenschap"]
        write_csv(reference / "primary-schools-test.csv", header, schools, newline="\r")
    report = LoadReport()
    ecosystem = Ecosystem()
    ecosystem.municipalities = read_municipalities(reference / "municipalities-2025.csv", report)
    crosswalk = read_crosswalk(reference / "municipal-mergers-2025.csv",
                               ecosystem.municipalities, report)
    for path in sorted(reference.glob("primary-schools-*.csv")):
        read_school_export(path, ecosystem, crosswalk, report)
    load_surveys([read_survey(p) for p in surveys], ecosystem, crosswalk, report)
    return ecosystem, report


BOOM_SCHOOL = [["919", "GO! basisschool De Hoeksteen", "11005", "150025", "197441", "114314",
                "120485"]]


def test_survey_school_number_with_leading_zeros(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["S1", "De Hoeksteen", "school", "", "000919", "", "11005"],
               ["CAW", "CAW De Brug", "welfare", "caw", "", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["S1", "CAW", "one-way", "ad-hoc", "source", "referral", "2021", "source",
                "2024-2025"]])
    ecosystem, report = _load(small_reference, survey, schools=BOOM_SCHOOL)
    assert report.rejected == []
    school = ecosystem.actors["school/919"]
    assert school.actor_ids == ["S1"]
    assert school.name == "GO! basisschool De Hoeksteen"
    survey_links = [l for l in ecosystem.links if not l.mandated]
    assert [(l.source_key, l.target_key) for l in survey_links] == [("school/919", "actor/CAW")]


def test_link_to_register_school_number(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["CAW", "CAW De Brug", "welfare", "caw", "", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["CAW", "0919", "two-way", "structural", "", "", "", "", ""]])
    ecosystem, report = _load(small_reference, survey, schools=BOOM_SCHOOL)
    assert report.rejected == []
    assert ecosystem.links[-1].target_key == "school/919"


def test_unknown_actor_id_reported_with_location(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["CAW", "CAW De Brug", "welfare", "caw", "", "", "11005"]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["CAW", "NOPE", "one-way", "ad-hoc", "", "", "", "", ""],
               ["CAW", "999999", "one-way", "ad-hoc", "", "", "", "", ""]])
    ecosystem, report = _load(small_reference, survey, schools=BOOM_SCHOOL)
    lines = report.rejected
    assert [(Path(l.file).name, l.row, l.column, l.value) for l in lines] == [
        ("links.csv", 2, "target_id", "NOPE"), ("links.csv", 3, "target_id", "999999")]
    assert "actors table" in lines[0].action
    assert [l for l in ecosystem.links if not l.mandated] == []


def test_unknown_school_number_in_actors_rejected(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["S9", "Onbekende school", "school", "", "424242", "", "11005"]])
    ecosystem, report = _load(small_reference, survey, schools=BOOM_SCHOOL)
    assert [(l.row, l.column, l.value) for l in report.rejected] == [(2, "school_number",
                                                                      "424242")]
    assert "school/424242" not in ecosystem.actors


def test_missing_required_column_rejects_each_row(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ["actor_id", "name"], [["A", "x"], ["B", "y"]])
    _, report = _load(small_reference, survey)
    assert [(l.row, l.column) for l in report.rejected] == [(2, "kind"), (3, "kind")]


@pytest.mark.parametrize("column, value", [
    ("kind", "ziekenhuis"), ("welfare_type", "zorg"), ("refnis", "12345"),
    ("refnis", "1234567"), ("kbo_number", "0207463403"),
])
def test_invalid_actor_cell_reported(tmp_path, small_reference, column, value):
    cells = dict(zip(ACTOR_HEADER, ["A", "Vzw Test", "welfare", "caw", "", "", "11005"]))
    cells[column] = value
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [list(cells.values())])
    ecosystem, report = _load(small_reference, survey)
    assert [(l.row, l.column, l.value) for l in report.rejected] == [(2, column, value)]
    assert report.rejected[0].action
    assert ecosystem.actors == {}


def test_welfare_actor_needs_welfare_type(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER, [["A", "Vzw Test", "welfare", "", "", "", ""]])
    _, report = _load(small_reference, survey)
    assert [(l.column, l.message) for l in report.rejected] == [
        ("welfare_type", "a welfare actor needs a welfare type")]


@pytest.mark.parametrize("column, value", [
    ("direction", "both"), ("formality", ""), ("purposes", "referral;koffie"),
    ("since", "vorig jaar"), ("wave", "2024-2026"), ("reported_by", "school"),
])
def test_invalid_link_cell_reported(tmp_path, small_reference, column, value):
    cells = dict(zip(LINK_HEADER, ["A", "B", "one-way", "ad-hoc", "source", "referral",
                                   "2020", "source", "2024-2025"]))
    cells[column] = value
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "Vzw A", "welfare", "caw", "", "", ""],
               ["B", "Vzw B", "welfare", "ocmw", "", "", ""]])
    write_csv(survey / "links.csv", LINK_HEADER, [list(cells.values())])
    ecosystem, report = _load(small_reference, survey)
    assert [(l.row, l.column, l.value) for l in report.rejected] == [(2, column, value)]
    assert ecosystem.links == []


def test_codes_in_any_case_and_wave_with_slash(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "Vzw A", "Welfare", "CAW", "", "", ""],
               ["B", "Vzw B", "welfare", "OCMW", "", "", ""]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["A", "B", "Two-Way", "Structural", "Both", "Referral; case-exchange", "2020.0",
                "Third-Party", "2024/2025"]])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    link = ecosystem.links[0]
    assert (link.direction, link.formality, link.initiator, link.reported_by) == \
        ("two-way", "structural", "both", "third-party")
    assert link.purposes == ("referral", "case-exchange")
    assert (link.since, link.wave) == ("2020", "2024-2025")


def test_parallel_links_kept_apart(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "Vzw A", "welfare", "caw", "", "", ""],
               ["B", "Vzw B", "welfare", "ocmw", "", "", ""]])
    write_csv(survey / "links.csv", LINK_HEADER,
              [["A", "B", "one-way", "ad-hoc", "", "", "", "", ""],
               ["A", "B", "two-way", "structural", "", "", "", "", ""]])
    ecosystem, _ = _load(small_reference, survey)
    assert [l.key for l in ecosystem.links] == ["collaboration/actor-A--actor-B/1",
                                                "collaboration/actor-A--actor-B/2"]


def test_2019_codes_mapped_to_2025(tmp_path, small_reference):
    old_codes = {"11007": "11002", "46013": "46030", "11056": "46030", "44045": "46029",
                 "73040": "71072", "71022": "71072", "23023": "23106"}
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [[f"A{code}", f"Vzw {code}", "welfare", "caw", "", "", code] for code in old_codes])
    ecosystem, report = _load(small_reference, survey)
    assert report.rejected == []
    assert {a.actor_ids[0][1:]: a.refnis for a in ecosystem.actors.values()} == old_codes
    converted = [line for line in report.lines if line.level == CONVERTED]
    assert sorted(line.value for line in converted) == sorted(old_codes)


def test_actor_in_two_surveys_merged(tmp_path, small_reference):
    schools_side = tmp_path / "schools"
    write_csv(schools_side / "actors.csv", ACTOR_HEADER,
              [["CAW", "CAW De Brug", "welfare", "caw", "", "0999000129", "11005"]])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "actors"
    sheet.append(ACTOR_HEADER)
    sheet.append(["CAW-2", "CAW De Brug vzw", "welfare", "caw", None, 999000129, "11005"])
    sheet.append(["CAW", "CAW De Brug", "welfare", "caw", None, None, "11005"])
    links = workbook.create_sheet("links")
    links.append(LINK_HEADER)
    links.append(["CAW-2", "919", "one-way", "ad-hoc", None, None, 2022, "source", "2024-2025"])
    partners = tmp_path / "partners.xlsx"
    workbook.save(partners)
    ecosystem, report = _load(small_reference, schools_side, partners, schools=BOOM_SCHOOL)
    assert report.rejected == []
    caw = ecosystem.actors["organisation/0999000129"]
    assert caw.actor_ids == ["CAW", "CAW-2"]
    assert ecosystem.links[-1].source_key == "organisation/0999000129"
    assert ecosystem.links[-1].since == "2022"


def test_same_actor_id_for_two_actors_rejected(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER,
              [["A", "Vzw A", "welfare", "caw", "", "", ""],
               ["A", "Vzw B", "welfare", "caw", "", "0999000129", ""]])
    ecosystem, report = _load(small_reference, survey)
    assert [(l.row, l.column) for l in report.rejected] == [(3, "actor_id")]
    assert list(ecosystem.actors) == ["actor/A"]


def test_membership_needs_a_network(tmp_path, small_reference):
    survey = tmp_path / "survey"
    write_csv(survey / "actors.csv", ACTOR_HEADER + ["network_type"],
              [["A", "Vzw A", "welfare", "caw", "", "", "", ""],
               ["LOP", "LOP Boom", "network", "", "", "", "11005", "lop"]])
    write_csv(survey / "memberships.csv", ["actor_id", "network_id", "role", "since"],
              [["A", "LOP", "steering", "2019"], ["LOP", "A", "member", ""]])
    ecosystem, report = _load(small_reference, survey)
    assert [(l.row, l.column) for l in report.rejected] == [(3, "network_id")]
    membership = ecosystem.memberships[0]
    assert (membership.actor_key, membership.network_key, membership.role,
            membership.since) == ("actor/A", "actor/LOP", "steering", "2019")


def test_survey_path_errors(tmp_path):
    from ecosystem.errors import InputFileError

    with pytest.raises(InputFileError, match="does not exist"):
        read_survey(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputFileError, match="neither an XLSX"):
        read_survey(tmp_path / "notes.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputFileError, match="none of the tables"):
        read_survey(tmp_path / "empty")

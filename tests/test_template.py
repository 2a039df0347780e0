"""Survey template: sheets, headers, code lists, example rows, and a filled-in round trip."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from rdflib.namespace import SKOS

from conftest import write_csv
from ecosystem.cli import main
from ecosystem.errors import InvalidValueError
from ecosystem.graph.vocabulary import concept, notations, ontology_graph
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import read_inputs
from ecosystem.survey.columns import (CODE, CODES, DATE, EXAMPLE_PREFIXES, IDS, NUMBER, TABLES,
                                      YEAR)
from ecosystem.survey.template import (EXAMPLE_PREFIX, LAST_ROW, LANGUAGES, REQUIRED_FILL,
                                       example_rows, write_template)

SHEET_NAMES = {
    "nl": ["instructies", "actoren", "samenwerkingen", "lidmaatschappen", "functies",
           "bevragingsrondes", "codelijsten"],
    "en": ["instructions", "actors", "links", "memberships", "roles", "waves", "code lists"],
}
CODE_SHEET = {"nl": "codelijsten", "en": "code lists"}
# Columns whose example cells are ids and start with the example prefix.
EXAMPLE_ID_COLUMNS = {
    "actors": ("actor_id",),
    "links": ("source_id", "target_id"),
    "memberships": ("actor_id", "network_id"),
    "roles": ("post_id", "organisation_id", "serves"),
    "waves": ("wave",),
}
RANGE = re.compile(r"^'(?P<sheet>[^']+)'!\$(?P<col>[A-Z]+)\$(?P<first>\d+):"
                   r"\$(?P=col)\$(?P<last>\d+)$")


@pytest.fixture(scope="module", params=LANGUAGES)
def template(request, tmp_path_factory):
    """Return ``(lang, workbook)`` of a freshly written template in each language."""
    lang = request.param
    path = write_template(tmp_path_factory.mktemp(lang) / "survey.xlsx", lang=lang)
    return lang, load_workbook(path)


def _header(column, lang):
    return column.dutch if lang == "nl" else column.name


def _sheet(workbook, table, lang):
    return workbook[table.dutch if lang == "nl" else table.name]


def _validation_at(sheet, coordinate, kind):
    """Return the data validations of ``kind`` that cover a cell."""
    return [dv for dv in sheet.data_validations.dataValidation
            if dv.type == kind and coordinate in dv.sqref]


def _expected_codes(column):
    return sorted(notations(column.scheme).values()) if column.scheme else sorted(column.choices)


# Sheets and headers


def test_sheet_order(template):
    lang, workbook = template
    assert workbook.sheetnames == SHEET_NAMES[lang]
    assert workbook.active.title == SHEET_NAMES[lang][0]


def test_headers_follow_columns(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        headers = [cell.value for cell in sheet[1]]
        assert headers == [_header(column, lang) for column in table.columns], table.name
        assert sheet.freeze_panes == "A2"


def test_headers_bold_marked_and_explained(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for cell, column in zip(sheet[1], table.columns):
            assert cell.font.bold, column.name
            is_required_fill = cell.fill.fgColor.rgb.endswith(REQUIRED_FILL.fgColor.rgb[-6:])
            assert is_required_fill == column.required, column.name
            expected_help = column.help_nl if lang == "nl" else column.help_en
            assert cell.comment is not None, column.name
            assert cell.comment.text == expected_help
            width = sheet.column_dimensions[cell.column_letter].width
            assert width >= len(cell.value), column.name


# Validations and code lists


def test_code_columns_list_exactly_the_scheme(template):
    lang, workbook = template
    codes_sheet = workbook[CODE_SHEET[lang]]
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for position, column in enumerate(table.columns, start=1):
            if column.kind != CODE:
                continue
            letter = get_column_letter(position)
            for row in (2, LAST_ROW):
                assert len(_validation_at(sheet, f"{letter}{row}", "list")) == 1, column.name
            validation = _validation_at(sheet, f"{letter}2", "list")[0]
            assert validation.showErrorMessage
            assert 0 < len(validation.error) <= 225
            assert 0 < len(validation.errorTitle) <= 32
            match = RANGE.match(validation.formula1)
            assert match, validation.formula1
            assert match["sheet"] == CODE_SHEET[lang]
            column_number = column_index_from_string(match["col"])
            listed = [codes_sheet.cell(row, column_number).value
                      for row in range(int(match["first"]), int(match["last"]) + 1)]
            assert sorted(listed) == _expected_codes(column), column.name


def test_code_lists_give_labels_in_language(template):
    lang, workbook = template
    graph = ontology_graph()
    rows = list(workbook[CODE_SHEET[lang]].iter_rows(min_row=2, values_only=True))
    direction = [row for row in rows if row[1] == "two-way"]
    assert len(direction) == 1
    iri = concept("direction", "two-way")
    label = next(l for l in graph.objects(iri, SKOS.prefLabel) if l.language == lang)
    definition = next(d for d in graph.objects(iri, SKOS.definition) if d.language == lang)
    assert direction[0][2] == str(label)
    assert direction[0][3] == str(definition)
    assert direction[0][2] == {"nl": "In twee richtingen", "en": "Two-way"}[lang]


def test_several_codes_columns_prompt_codes(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for position, column in enumerate(table.columns, start=1):
            if column.kind != CODES:
                continue
            letter = get_column_letter(position)
            assert _validation_at(sheet, f"{letter}2", "list") == []
            prompts = [dv for dv in sheet.data_validations.dataValidation
                       if f"{letter}{LAST_ROW}" in dv.sqref and dv.prompt]
            assert len(prompts) == 1, column.name
            assert prompts[0].showInputMessage
            assert len(prompts[0].prompt) <= 255
            assert len(prompts[0].promptTitle) <= 32
            for code in notations(column.scheme).values():
                assert code in prompts[0].prompt, (column.name, code)


def test_year_and_date_validation(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for position, column in enumerate(table.columns, start=1):
            letter = get_column_letter(position)
            if column.kind == YEAR:
                found = _validation_at(sheet, f"{letter}{LAST_ROW}", "whole")
                assert len(found) == 1, column.name
                assert (found[0].formula1, found[0].formula2) == ("1900", "2100")
                assert found[0].showErrorMessage
            elif column.kind == DATE:
                found = _validation_at(sheet, f"{letter}{LAST_ROW}", "date")
                assert len(found) == 1, column.name
                assert found[0].operator == "between"
                assert found[0].showErrorMessage


def test_error_messages_in_language(template):
    lang, workbook = template
    sheet = _sheet(workbook, TABLES[1], lang)
    direction = _validation_at(sheet, "C2", "list")[0]
    assert CODE_SHEET[lang] in direction.error
    word = {"nl": "Kies", "en": "Pick"}[lang]
    assert direction.error.startswith(word)


def test_id_and_code_columns_text_format(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for position, column in enumerate(table.columns, start=1):
            is_id = column.kind == IDS or column.name.endswith(("_id", "_number"))
            if not (is_id or column.kind in (CODE, CODES)
                    or column.name in ("refnis", "wave")):
                continue
            for row in (2, 57, LAST_ROW):
                assert sheet.cell(row, position).number_format == "@", (table.name, column.name)


def test_number_columns_not_text(template):
    lang, workbook = template
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        for position, column in enumerate(table.columns, start=1):
            if column.kind in (NUMBER, YEAR):
                assert sheet.cell(5, position).number_format != "@", column.name


# Example rows


def test_example_rows_greyed_and_prefixed(template):
    lang, workbook = template
    prefix = EXAMPLE_PREFIX[lang]
    examples = example_rows(lang)
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        count = len(examples[table.name])
        assert count >= 1
        for row in range(2, 2 + count):
            for position, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row, position)
                assert cell.font.italic, (table.name, column.name)
                assert cell.font.color.rgb.endswith("808080")
                assert cell.fill.fgColor.rgb.endswith("F2F2F2")
                if column.name in EXAMPLE_ID_COLUMNS[table.name]:
                    assert str(cell.value).startswith(prefix), (table.name, column.name)
        assert sheet.cell(2 + count, 1).value is None
        assert not sheet.cell(2 + count, 1).font.italic


def test_example_prefixes_known_to_reader():
    for lang in LANGUAGES:
        assert EXAMPLE_PREFIX[lang] in EXAMPLE_PREFIXES


def test_example_codes_are_valid():
    for lang in LANGUAGES:
        examples = example_rows(lang)
        for table in TABLES:
            for row in examples[table.name]:
                assert set(row) <= {column.name for column in table.columns}, table.name
                for name, value in row.items():
                    column = table.column(name)
                    if column.kind not in (CODE, CODES):
                        continue
                    for code in str(value).split(";"):
                        assert code in _expected_codes(column), (table.name, name, code)


def test_example_ids_refer_to_example_actors():
    examples = example_rows("en")
    actor_ids = {row["actor_id"] for row in examples["actors"]}
    link = examples["links"][0]
    assert {link["source_id"], link["target_id"]} <= actor_ids
    membership = examples["memberships"][0]
    assert {membership["actor_id"], membership["network_id"]} <= actor_ids
    post = examples["roles"][0]
    assert {post["organisation_id"], post["serves"]} <= actor_ids


# Instructions


def test_instructions_mention_every_sheet_and_column(template):
    lang, workbook = template
    text = "\n".join(str(value) for row in workbook.worksheets[0].iter_rows(values_only=True)
                     for value in row if value is not None)
    for name in SHEET_NAMES[lang]:
        assert name in text, name
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    yes, no = {"nl": ("ja", "nee"), "en": ("yes", "no")}[lang]
    for table in TABLES:
        sheet = table.dutch if lang == "nl" else table.name
        for column in table.columns:
            matches = [row for row in rows if row[0] == sheet and row[1] == _header(column, lang)]
            assert len(matches) == 1, (sheet, column.name)
            assert matches[0][2] == (yes if column.required else no)
            assert matches[0][4] == (column.help_nl if lang == "nl" else column.help_en)
    assert "ecosystem run --reference" in text
    assert EXAMPLE_PREFIX[lang] in text


def test_instructions_default_to_dutch(tmp_path):
    workbook = load_workbook(write_template(tmp_path / "bevraging.xlsx"))
    assert workbook.sheetnames == SHEET_NAMES["nl"]
    assert workbook.worksheets[0]["A1"].value.startswith("Bevraging")


# Writing


def test_output_is_deterministic(tmp_path):
    first = write_template(tmp_path / "first.xlsx", lang="en")
    second = write_template(tmp_path / "second.xlsx", lang="en")
    assert first.read_bytes() == second.read_bytes()
    properties = load_workbook(first).properties
    assert properties.created == properties.modified == dt.datetime(2025, 1, 1)


def test_unknown_language_rejected(tmp_path):
    with pytest.raises(InvalidValueError, match="Use nl or en"):
        write_template(tmp_path / "survey.xlsx", lang="fr")
    assert not (tmp_path / "survey.xlsx").exists()


def test_non_xlsx_name_rejected(tmp_path):
    with pytest.raises(InvalidValueError, match=r"\.xlsx"):
        write_template(tmp_path / "survey.csv")


def test_cli_writes_template(tmp_path):
    out = tmp_path / "survey.xlsx"
    result = CliRunner().invoke(main, ["template", "--lang", "en", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    assert load_workbook(out).sheetnames == SHEET_NAMES["en"]


def test_cli_rejects_unknown_language(tmp_path):
    result = CliRunner().invoke(main, ["template", "--lang", "fr", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 2
    assert "fr" in result.output


def test_cli_fails_on_unwritable_path(tmp_path):
    out = tmp_path / "missing-folder" / "survey.xlsx"
    result = CliRunner().invoke(main, ["template", str(out)])
    assert result.exit_code == 2
    assert "Error:" in result.output


def test_cli_fails_on_wrong_suffix(tmp_path):
    result = CliRunner().invoke(main, ["template", str(tmp_path / "survey.csv")])
    assert result.exit_code == 2
    assert ".xlsx" in result.output


# Round trip through the reader

REGISTER_SCHOOL = [["919", "GO! basisschool De Hoeksteen", "11005", "150025", "197441",
                    "114314", "120485"]]
FILLED = {
    "actors": [
        {"actor_id": "S1", "name": "De Hoeksteen", "kind": "school", "school_number": "000919",
         "refnis": "11005"},
        {"actor_id": "CAW", "name": "CAW De Brug", "kind": "welfare", "welfare_type": "caw",
         "refnis": "11005"},
        {"actor_id": "LOP", "name": "LOP Boom", "kind": "network", "network_type": "lop",
         "refnis": "11005"},
    ],
    "links": [
        {"source_id": "S1", "target_id": "CAW", "direction": "two-way",
         "formality": "structural", "purposes": "case-exchange;referral", "since": 2021,
         "wave": "2024-2025"},
    ],
    "memberships": [
        {"actor_id": "S1", "network_id": "LOP", "role": "coordinating", "since": 2018},
    ],
    "roles": [
        {"post_id": "P1", "organisation_id": "CAW", "role": "bridge-figure", "serves": "S1",
         "employer_type": "welfare-organisation"},
    ],
    "waves": [
        {"wave": "2024-2025", "date": dt.date(2025, 3, 14)},
    ],
}


def _fill(path: Path, lang: str) -> None:
    """Type the FILLED rows below the example rows, as a coordinator would."""
    workbook = load_workbook(path)
    for table in TABLES:
        sheet = _sheet(workbook, table, lang)
        row = 2
        while sheet.cell(row, 1).value is not None:
            row += 1
        positions = {column.name: index for index, column in enumerate(table.columns, start=1)}
        for values in FILLED[table.name]:
            for name, value in values.items():
                sheet.cell(row, positions[name], value)
            row += 1
    workbook.save(path)


def _from_survey(items, path):
    return [item for item in items if item.source and str(path) in item.source.file]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_round_trip_through_reader(lang, tmp_path, small_reference):
    header = ["schoolnummer", "naam", "niscode", "lx", "ly", "clb", "scholengemeenschap"]
    write_csv(small_reference / "primary-schools-test.csv", header, REGISTER_SCHOOL)
    path = write_template(tmp_path / "survey.xlsx", lang=lang)
    _fill(path, lang)
    report = LoadReport()
    ecosystem = read_inputs(small_reference, [path], report)

    assert [line.describe() for line in report.rejected] == []

    survey_actors = {actor.key: actor for actor in ecosystem.actors.values() if actor.actor_ids}
    assert sorted(survey_actors) == ["actor/CAW", "actor/LOP", "school/919"]
    assert survey_actors["school/919"].actor_ids == ["S1"]
    assert survey_actors["school/919"].school_number == "919"
    assert survey_actors["actor/CAW"].welfare_type == "caw"
    assert survey_actors["actor/CAW"].refnis == "11005"
    assert survey_actors["actor/LOP"].network_type == "lop"
    names = [actor.name for actor in ecosystem.actors.values()]
    assert not any("Klaver" in name for name in names)

    links = _from_survey(ecosystem.links, path)
    assert len(links) == 1
    link = links[0]
    assert (link.source_key, link.target_key) == ("school/919", "actor/CAW")
    assert (link.direction, link.formality) == ("two-way", "structural")
    assert link.purposes == ("case-exchange", "referral")
    assert link.since == "2021"
    assert link.wave == "2024-2025"

    memberships = _from_survey(ecosystem.memberships, path)
    assert [(m.actor_key, m.network_key, m.role, m.since) for m in memberships] == [
        ("school/919", "actor/LOP", "coordinating", "2018")]

    posts = _from_survey(ecosystem.posts, path)
    assert [(p.organisation_key, p.role, p.serves, p.employer_type) for p in posts] == [
        ("actor/CAW", "bridge-figure", ("school/919",), "welfare-organisation")]
    assert ecosystem.waves == {"2024-2025": "2025-03-14"}


def test_template_keeps_existing_file(tmp_path):
    from click.testing import CliRunner

    from ecosystem.cli import main

    path = tmp_path / "ingevuld.xlsx"
    path.write_bytes(b"filled in")
    result = CliRunner().invoke(main, ["template", str(path)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert path.read_bytes() == b"filled in"
    result = CliRunner().invoke(main, ["template", "--force", str(path)])
    assert result.exit_code == 0
    assert path.read_bytes() != b"filled in"

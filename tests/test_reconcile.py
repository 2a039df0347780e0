"""Reports of one collaboration by both sides, or in several waves, become one link."""

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from conftest import write_csv
from ecosystem.graph.build import build_graph
from ecosystem.graph.validate import validate_graph
from ecosystem.graph.vocabulary import EW
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import read_inputs
from ecosystem.survey.reconcile import DISCUSS

ACTOR_HEADER = ["actor_id", "name", "kind", "welfare_type", "school_number", "refnis"]
LINK_HEADER = ["source_id", "target_id", "direction", "formality", "purposes", "intensity",
               "since", "reported_by", "wave"]
ID = "https://w3id.org/edu-welfare/id/"


def _surveys(tmp_path: Path, school_rows, partner_rows):
    """Write the schools' and the partners' surveys; both know school 919 and CAW De Brug."""
    schools, partners = tmp_path / "schools", tmp_path / "partners"
    for folder in (schools, partners):
        write_csv(folder / "actors.csv", ACTOR_HEADER,
                  [["S", "De Hoeksteen", "school", "", "919", "11005"],
                   ["CAW", "CAW De Brug", "welfare", "caw", "", "11005"]])
    write_csv(schools / "links.csv", LINK_HEADER, school_rows)
    write_csv(partners / "links.csv", LINK_HEADER, partner_rows)
    return [schools, partners]


def _load(reference: Path, surveys):
    write_csv(reference / "primary-schools-test.csv", ["schoolnummer", "naam", "niscode", "clb"],
              [["919", "GO! basisschool De Hoeksteen", "11005", "114314"]], newline="\r")
    report = LoadReport()
    ecosystem = read_inputs(reference, surveys, report)
    return ecosystem, report


def _survey_links(ecosystem):
    return [link for link in ecosystem.links if not link.mandated]


def test_opposite_flows_make_two_way(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "structural", "referral", "", "2020", "source",
                         "2024-2025"]],
                       [["CAW", "S", "one-way", "structural", "case-exchange", "", "2020",
                         "source", "2024-2025"]])
    ecosystem, report = _load(small_reference, surveys)
    assert report.rejected == []
    links = _survey_links(ecosystem)
    assert len(links) == 1
    link = links[0]
    assert link.direction == "two-way"
    assert link.formality == "structural"
    assert link.purposes == ("referral", "case-exchange")
    assert link.disputed == ()
    assert [r.reporter for r in link.reports] == ["school/919", "actor/CAW"]
    assert not [line for line in report.lines if line.level == DISCUSS]


def test_disagreement_recorded_and_listed(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "two-way", "structural", "referral", "coordination", "",
                         "source", "2024-2025"]],
                       [["CAW", "S", "one-way", "ad-hoc", "referral", "communication", "",
                         "source", "2024-2025"]])
    ecosystem, report = _load(small_reference, surveys)
    link = _survey_links(ecosystem)[0]
    assert link.disputed == ("direction", "formality", "intensity")
    assert link.formality == "ad-hoc"
    assert link.intensity == "communication"
    # One side reports two-way and the other one-way, so the cautious one-way flow is kept.
    assert link.direction == "one-way"
    assert (link.source_key, link.target_key) == ("actor/CAW", "school/919")
    discussed = [(Path(l.file).parent.name, l.row, l.column) for l in report.lines
                 if l.level == DISCUSS]
    assert ("schools", 2, "formality") in discussed
    assert ("partners", 2, "formality") in discussed
    assert ("partners", 2, "intensity") in discussed


def test_provenance_lists_both_reports(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "", "source",
                         "2024-2025"]],
                       [["S", "CAW", "one-way", "structural", "referral", "", "", "target",
                         "2024-2025"]])
    ecosystem, _ = _load(small_reference, surveys)
    graph = build_graph(ecosystem)
    link = URIRef(ID + _survey_links(ecosystem)[0].key)
    reports = set(graph.objects(link, PROV.wasDerivedFrom))
    assert len(reports) == 2
    actors = {str(graph.value(r, EW.reportingActor)) for r in reports}
    assert actors == {ID + "school/919", ID + "actor/CAW"}
    files = {str(graph.value(r, EW.sourceFile)) for r in reports}
    assert files == {"schools/links.csv", "partners/links.csv"}
    assert set(graph.objects(link, EW.disputedProperty)) == {EW.formality}
    assert [v.describe() for v in validate_graph(graph)] == []
    reread = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(reread) == len(graph)


def test_same_reporter_same_wave_stays_apart(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "", "source",
                         "2024-2025"],
                        ["S", "CAW", "one-way", "ad-hoc", "referral", "", "", "source",
                         "2024-2025"]], [])
    ecosystem, _ = _load(small_reference, surveys)
    assert len(_survey_links(ecosystem)) == 2


def test_waves_of_one_collaboration_merge(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "2019", "source",
                         "2023-2024"],
                        ["S", "CAW", "one-way", "ad-hoc", "referral", "", "2019", "source",
                         "2024-2025"]], [])
    ecosystem, _ = _load(small_reference, surveys)
    links = _survey_links(ecosystem)
    assert len(links) == 1
    assert links[0].waves == ("2023-2024", "2024-2025")
    graph = build_graph(ecosystem)
    waves = set(graph.objects(URIRef(ID + links[0].key), PROV.wasGeneratedBy))
    assert {str(w).rsplit("/", 1)[-1] for w in waves} == {"2023-2024", "2024-2025"}


def test_different_start_years_stay_apart(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "2019", "source",
                         "2024-2025"]],
                       [["S", "CAW", "two-way", "structural", "joint-activity", "", "2022",
                         "target", "2024-2025"]])
    ecosystem, report = _load(small_reference, surveys)
    assert len(_survey_links(ecosystem)) == 2
    assert not [line for line in report.lines if line.level == DISCUSS]


def test_survey_confirms_register_clb_link(tmp_path, small_reference):
    schools = tmp_path / "schools"
    write_csv(schools / "actors.csv", ACTOR_HEADER + ["clb_number"],
              [["CLB", "Vrij CLB Rupel", "welfare", "clb", "", "11005", "114314"]])
    write_csv(schools / "links.csv", LINK_HEADER,
              [["919", "CLB", "two-way", "structural", "case-exchange", "", "", "source",
                "2024-2025"]])
    ecosystem, report = _load(small_reference, [schools])
    links = [l for l in ecosystem.links if l.target_key == "clb/114314"]
    assert len(links) == 1
    assert links[0].mandated
    assert [r.reporter for r in links[0].reports] == ["register", "school/919"]
    assert ecosystem.actors["clb/114314"].name == "Vrij CLB Rupel"


def test_start_years_differ_with_shared_purpose(tmp_path, small_reference):
    surveys = _surveys(tmp_path,
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "2021", "source",
                         "2024-2025"]],
                       [["S", "CAW", "one-way", "ad-hoc", "referral", "", "2022", "target",
                         "2024-2025"]])
    ecosystem, report = _load(small_reference, surveys)
    links = _survey_links(ecosystem)
    assert len(links) == 1
    assert links[0].since == "2021"
    assert links[0].disputed == ("since",)
    assert [l.column for l in report.lines if l.level == DISCUSS] == ["since", "since"]

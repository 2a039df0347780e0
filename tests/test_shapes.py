"""SHACL shapes: the example conforms, and each rule rejects a graph that breaks it."""

from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, PROV

from ecosystem.cli import main
from ecosystem.graph.build import build_graph
from ecosystem.graph.store import new_graph
from ecosystem.graph.validate import validate_graph
from ecosystem.graph.vocabulary import EW, GEO, ORG, SDO, concept
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import example_inputs, read_inputs

ID = Namespace("https://w3id.org/edu-welfare/id/")
SCHOOL = ID["school/99101"]
CAW = ID["organisation/0999100196"]
NETWORK = ID["actor/NET-LOP"]
GOVERNMENT = ID["local-government/99001"]
KLAVERBEEK = ID["municipality/99001"]
MANDATED = ID["collaboration/school-99101--clb-199001/mandated"]


@pytest.fixture(scope="module")
def example_graph() -> Graph:
    reference, surveys = example_inputs()
    return build_graph(read_inputs(reference, surveys, LoadReport()))


def test_example_conforms(example_graph):
    assert [v.describe() for v in validate_graph(example_graph)] == []


def test_real_registers_conform(reference_dir):
    graph = build_graph(read_inputs(reference_dir, [], LoadReport()))
    assert [v.describe() for v in validate_graph(graph)] == []


def _survey_link(graph: Graph) -> URIRef:
    """Return a collaboration read from a survey's links table."""
    for link in sorted(graph.subjects(RDF.type, EW.Collaboration)):
        if "links" in str(graph.value(link, EW.sourceFile)):
            return link
    raise AssertionError("the example has no survey link")


def _membership(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, EW.NetworkMembership))[0]


def _site(graph: Graph) -> URIRef:
    return graph.value(SCHOOL, ORG.hasPrimarySite)


def _former_unit(graph: Graph) -> URIRef:
    """Return the first former unit of the government in IRI order, the same on every store."""
    return min(graph.objects(GOVERNMENT, EW.formerUnit))


def _set(graph, node, predicate, value):
    graph.remove((node, predicate, None))
    if value is not None:
        graph.add((node, predicate, value))


def _add_post_with_name(graph):
    post = ID["post/bridge-figure-1"]
    graph.add((post, RDF.type, EW.Post))
    graph.add((post, ORG.postIn, GOVERNMENT))
    graph.add((post, ORG.role, concept("post-role", "bridge-figure")))
    graph.add((post, FOAF.name, Literal("Jan Peeters")))
    return post


def _add_both_formalities(graph):
    link = _survey_link(graph)
    graph.add((link, EW.formality, concept("formality", "structural")))
    graph.add((link, EW.formality, concept("formality", "ad-hoc")))


def _add_person(graph):
    person = ID["person/1"]
    graph.add((person, RDF.type, SDO.Person))
    return person


# Each case: a change that breaks one rule, the resource the violation must
# name, and the property (or a word of the message) it must name.
CASES = {
    "actor without name": (lambda g: _set(g, CAW, RDFS.label, None), lambda g: CAW, "rdfs:label"),
    "actor with an empty name": (
        lambda g: _set(g, CAW, RDFS.label, Literal(" ")), lambda g: CAW, "rdfs:label"),
    "actor in two municipalities": (
        lambda g: g.add((CAW, EW.municipality, ID["municipality/99002"])), lambda g: CAW,
        "ew:municipality"),
    "kbo number too short": (
        lambda g: _set(g, CAW, EW.kboNumber, Literal("999100196")), lambda g: CAW,
        "ew:kboNumber"),
    "welfare organisation without type": (
        lambda g: _set(g, CAW, EW.welfareType, None), lambda g: CAW, "ew:welfareType"),
    "welfare type from another scheme": (
        lambda g: _set(g, CAW, EW.welfareType, concept("purpose", "referral")), lambda g: CAW,
        "ew:welfareType"),
    "school number with leading zero": (
        lambda g: _set(g, SCHOOL, EW.schoolNumber, Literal("099101")), lambda g: SCHOOL,
        "ew:schoolNumber"),
    "network type from another scheme": (
        lambda g: _set(g, NETWORK, EW.networkType, concept("direction", "one-way")),
        lambda g: NETWORK, "ew:networkType"),
    "former unit that is a welfare organisation": (
        lambda g: g.add((GOVERNMENT, EW.formerUnit, CAW)), lambda g: GOVERNMENT,
        "ew:formerUnit"),
    "former unit without 2019 code": (
        lambda g: _set(g, _former_unit(g), EW.refnis2019Code, None), _former_unit,
        "ew:refnis2019Code"),
    "municipality code of four digits": (
        lambda g: _set(g, KLAVERBEEK, EW.refnisCode, Literal("9900")), lambda g: KLAVERBEEK,
        "ew:refnisCode"),
    "negative pupil count": (
        lambda g: _set(g, SCHOOL, EW.pupilCount, Literal(-7)), lambda g: SCHOOL, "ew:pupilCount"),
    "pupil count as text": (
        lambda g: _set(g, SCHOOL, EW.pupilCount, Literal("veel")), lambda g: SCHOOL,
        "ew:pupilCount"),
    "indicator share above 100 percent": (
        lambda g: _set(g, SCHOOL, EW.indicatorPupilShare,
                       Literal(Decimal("150"), datatype=XSD.decimal)),
        lambda g: SCHOOL, "ew:indicatorPupilShare"),
    "latitude outside Belgium": (
        lambda g: _set(g, _site(g), GEO.lat, Literal(60.1, datatype=XSD.decimal)), _site,
        "geo:lat"),
    "postcode of three digits": (
        lambda g: _set(g, _site(g), SDO.postalCode, Literal("999")), _site,
        "schema:postalCode"),
    "collaboration with itself": (
        lambda g: _set(g, _survey_link(g), EW.target, g.value(_survey_link(g), EW.source)),
        _survey_link, "ew:source"),
    "collaboration without direction": (
        lambda g: _set(g, _survey_link(g), EW.direction, None), _survey_link, "ew:direction"),
    "collaboration with two formalities": (_add_both_formalities, _survey_link, "ew:formality"),
    "purpose from another scheme": (
        lambda g: g.add((_survey_link(g), EW.purpose, concept("formality", "ad-hoc"))),
        _survey_link, "ew:purpose"),
    "intensity from another scheme": (
        lambda g: g.add((_survey_link(g), EW.intensity, concept("purpose", "referral"))),
        _survey_link, "ew:intensity"),
    "start year as text": (
        lambda g: _set(g, _survey_link(g), EW.since, Literal("2019")), _survey_link,
        "ew:since"),
    "mandated link to a non-CLB": (
        lambda g: _set(g, _survey_link(g), EW.mandated, Literal(True)), _survey_link,
        "mandated collaboration links a school to a CLB"),
    "survey wave without school year format": (
        lambda g: _set(g, g.value(_survey_link(g), PROV.wasGeneratedBy), EW.schoolYear,
                       Literal("2024")),
        lambda g: g.value(_survey_link(g), PROV.wasGeneratedBy), "ew:schoolYear"),
    "membership of a non-network": (
        lambda g: _set(g, _membership(g), ORG.organization, CAW), _membership,
        "org:organization"),
    "membership without role": (
        lambda g: _set(g, _membership(g), ORG.role, None), _membership, "org:role"),
    "post with a person's name": (_add_post_with_name, lambda g: ID["post/bridge-figure-1"],
                                  "never the person"),
    "a person in the graph": (_add_person, lambda g: ID["person/1"], "never describes people"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_shape_rejects_broken_graph(example_graph, case):
    breaking, resource_of, expected = CASES[case]
    graph = Graph()
    for triple in example_graph:
        graph.add(triple)
    graph.namespace_manager = example_graph.namespace_manager
    resource = resource_of(graph)
    breaking(graph)
    violations = validate_graph(graph)
    named = [v for v in violations if v.resource == str(resource)]
    assert named, f"no violation names {resource}; got {[v.describe() for v in violations]}"
    assert any(expected == v.property or expected in v.message for v in named), \
        [v.describe() for v in named]


def test_violation_names_file_and_row(example_graph):
    graph = Graph()
    for triple in example_graph:
        graph.add(triple)
    link = _survey_link(graph)
    _set(graph, link, EW.direction, None)
    violation = next(v for v in validate_graph(graph) if v.resource == str(link))
    assert violation.file.endswith("links.csv") or "[links]" in violation.file
    assert violation.row == int(example_graph.value(link, EW.sourceRow))
    assert violation.label.startswith("collaboration ")
    assert "Fill in direction" in violation.message


def test_cli_validate_graph_file(tmp_path, example_graph):
    path = tmp_path / "graph.ttl"
    example_graph.serialize(path, format="turtle")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    broken = Graph().parse(path)
    broken.remove((SCHOOL, RDFS.label, None))
    broken.serialize(path, format="turtle")
    report = tmp_path / "violations.csv"
    result = CliRunner().invoke(main, ["validate", str(path), "--report", str(report)])
    assert result.exit_code == 1
    assert "has no name" in result.output
    assert "school/99101" in report.read_text(encoding="utf-8")


def test_cli_validate_unreadable_graph(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("this is not turtle <", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "cannot read the graph" in result.output


def test_cli_validate_example_inputs():
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output


def test_org_and_schema_query_finds_partners(example_graph):
    query = """
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?school ?partner WHERE {
            ?school a schema:ElementarySchool ; org:linkedTo ?partner .
            ?partner a org:Organization .
            FILTER NOT EXISTS { ?partner a schema:ElementarySchool }
        }
    """
    pairs = {(str(s), str(p)) for s, p in example_graph.query(query)}
    assert (str(SCHOOL), str(CAW)) in pairs
    assert (str(SCHOOL), str(ID["clb/199001"])) in pairs
    schools = {school for school, _ in pairs}
    assert len(schools) >= 14


def test_cli_docs_writes_pages(tmp_path):
    result = CliRunner().invoke(main, ["docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "docs" / "index.html").read_text(encoding="utf-8")
    assert 'id="School"' in page
    assert (tmp_path / "docs" / "model.html").is_file()


def _keys(violations):
    return {(v.resource, v.property, v.value, v.message) for v in violations}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fast_checker_matches_pyshacl(example_graph, case):
    breaking, _resource_of, _expected = CASES[case]
    graph = Graph()
    for triple in example_graph:
        graph.add(triple)
    graph.namespace_manager = example_graph.namespace_manager
    breaking(graph)
    assert _keys(validate_graph(graph, engine="fast")) == \
        _keys(validate_graph(graph, engine="pyshacl"))


def test_fast_checker_on_example_conforms(example_graph):
    assert validate_graph(example_graph, engine="fast") == []


def test_fast_checker_rejects_unknown_shape_feature():
    from ecosystem.graph.shape_check import UnsupportedShape, read_rules

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShape, match="qualifiedMinCount"):
        read_rules(shapes)


@pytest.mark.parametrize("case", sorted(CASES))
def test_fast_checker_same_on_oxigraph(example_graph, case):
    breaking, _resource_of, _expected = CASES[case]
    graphs = [Graph(), new_graph("oxigraph")]
    for graph in graphs:
        for triple in example_graph:
            graph.add(triple)
        for prefix, namespace in [*example_graph.namespaces(), ("foaf", FOAF)]:
            graph.bind(prefix, namespace, replace=True)
        breaking(graph)
    memory, oxigraph = (_keys(validate_graph(graph, engine="fast")) for graph in graphs)
    assert memory
    assert oxigraph == memory


def test_cli_validate_infers_superclasses(tmp_path, example_graph):
    # Another tool may type a school as ew:School alone: the actor shape must still apply.
    graph = Graph()
    for triple in example_graph:
        graph.add(triple)
    for cls in set(graph.objects(SCHOOL, RDF.type)) - {EW.School}:
        graph.remove((SCHOOL, RDF.type, cls))
    graph.remove((SCHOOL, RDFS.label, None))
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    result = CliRunner().invoke(main, ["validate", "--engine", "fast", str(path)])
    assert result.exit_code == 1, result.output
    assert "has no name" in result.output

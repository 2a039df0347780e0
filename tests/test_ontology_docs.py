"""Tests of the HTML documentation generated from the ontology's Turtle files.

Most tests read the pages generated once from the real ontology folder. A
small crafted ontology covers what the real files may lack: markup and
ampersands in labels, ranked concepts, mapping relations and SHACL shapes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from ecosystem.errors import InputFileError
from ecosystem.reports.ontology_docs import OntologyDocsError, write_ontology_docs
from ecosystem.resources import ontology_dir

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
EW = Namespace("https://w3id.org/edu-welfare/ontology#")
SVG = "{http://www.w3.org/2000/svg}"
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
SHAPES_FILE = "shapes.ttl"

# Elements whose src, href or data attribute makes a browser load a resource.
RESOURCE_ATTRIBUTE = re.compile(
    r"<(?P<tag>[a-zA-Z][\w:-]*)\b[^>]*?\b(?P<attribute>src|href|xlink:href|data|srcset|poster)"
    r"\s*=\s*[\"']?(?P<value>[^\"'\s>]*)",
)

CRAFTED_ONTOLOGY = """
@prefix ex: <http://example.org/vocab#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix level: <http://example.org/scheme/level/> .

<http://example.org/vocab> a owl:Ontology ;
    dcterms:title "Tags <b> & more"@en , "Labels <b> & meer"@nl .

ex:Thing a owl:Class ;
    rdfs:label "<b>bold</b> & co"@en , "<b>vet</b> & zo"@nl ;
    skos:definition "A thing with <script>alert(1)</script> & more."@en ,
        "Een ding met <i>tags</i> & meer."@nl .

ex:Part a owl:Class ;
    rdfs:subClassOf ex:Thing ;
    rdfs:label "part"@en , "deel"@nl .

ex:partOf a owl:ObjectProperty ;
    rdfs:domain ex:Part ;
    rdfs:range ex:Thing ;
    rdfs:label "part of"@en , "deel van"@nl .

ex:rank a owl:DatatypeProperty ;
    rdfs:range xsd:integer ;
    rdfs:label "rank"@en , "rang"@nl .

<http://example.org/scheme/level> a skos:ConceptScheme ;
    skos:prefLabel "Levels & <steps>"@en .

level:high a skos:Concept ;
    skos:inScheme <http://example.org/scheme/level> ;
    skos:notation "high&<x>" ;
    skos:prefLabel "High"@en ;
    ex:rank 3 ;
    skos:closeMatch <http://example.org/other#top> .

level:low a skos:Concept ;
    skos:inScheme <http://example.org/scheme/level> ;
    skos:notation "low" ;
    skos:prefLabel "Low"@en ;
    ex:rank 1 ;
    skos:closeMatch level:middle .

level:middle a skos:Concept ;
    skos:inScheme <http://example.org/scheme/level> ;
    skos:notation "middle" ;
    skos:prefLabel "Middle"@en ;
    ex:rank 2 .
"""

CRAFTED_ALIGNMENTS = """
@prefix ex: <http://example.org/vocab#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:Thing skos:relatedMatch <https://schema.org/Thing> .
"""

CRAFTED_SHAPES = """
@prefix ex: <http://example.org/vocab#> .
@prefix exs: <http://example.org/shapes#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
exs:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property [
        sh:path ex:code ; sh:minCount 1 ; sh:pattern "^[0-9]{5}$" ;
        sh:message "A thing needs one code of <5> digits & no letters."@en ,
            "Een ding heeft een code van 5 cijfers nodig."@nl ;
    ] .
"""


def _ontology_files() -> list[Path]:
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


def _graph(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


def _vocabulary() -> Graph:
    """Parse every ontology file except the shapes, as the documentation does."""
    return _graph(*(path.name for path in _ontology_files() if path.name != SHAPES_FILE))


def _section(page: str, iri: object) -> str:
    """Return the HTML of the section about ``iri``, or fail when there is none."""
    pattern = rf'<section[^>]*data-iri="{re.escape(html.escape(str(iri)))}"[^>]*>(.*?)</section>'
    match = re.search(pattern, page, re.S)
    assert match, f"no section with data-iri {iri}"
    return match.group(0)


def _svg(page: str) -> ET.Element:
    match = re.search(r"<svg\b.*?</svg>", page, re.S)
    assert match, "the page contains no <svg> element"
    return ET.fromstring(match.group(0))


def _class_boxes(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == "md-class"]


def _rectangle(element: ET.Element) -> tuple[float, float, float, float]:
    rect = element.find(f".//{SVG}rect")
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def _ids(page: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', page)


def _local_name(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("ontology-docs")
    written = write_ontology_docs(folder, _ontology_files())
    assert written == [folder / "index.html", folder / "model.html"]
    return {path.name: path.read_text(encoding="utf-8") for path in written}


@pytest.fixture
def crafted(tmp_path: Path) -> dict[str, str]:
    source = tmp_path / "source"
    source.mkdir()
    files = []
    for name, text in (("crafted.ttl", CRAFTED_ONTOLOGY), ("alignments.ttl", CRAFTED_ALIGNMENTS),
                       (SHAPES_FILE, CRAFTED_SHAPES)):
        files.append(source / name)
        files[-1].write_text(text, encoding="utf-8")
    written = write_ontology_docs(tmp_path / "docs" / "nested", files)
    return {path.name: path.read_text(encoding="utf-8") for path in written}


def test_pages_are_utf8_html(pages):
    for name, page in pages.items():
        assert page.startswith("<!DOCTYPE html>"), name
        assert '<meta charset="utf-8">' in page, name


def test_every_declared_term_has_section(pages):
    index = pages["index.html"]
    vocabulary = _graph("ecosystem.ttl")
    terms = {term for kind in DECLARATION_TYPES for term in vocabulary.subjects(RDF.type, kind)
             if str(term).startswith(str(EW))}
    assert len(terms) > 30
    for term in sorted(terms):
        section = _section(index, term)
        assert f'id="{_local_name(term)}"' in section.split(">", 1)[0], term
        for predicate in (RDFS.label, SKOS.definition):
            for language in ("nl", "en"):
                texts = [str(v) for v in vocabulary.objects(term, predicate) if v.language == language]
                assert texts, f"{term} has no {predicate} in {language}"
                for text in texts:
                    assert html.escape(text) in section, f"{term}: {text!r} missing"


def test_every_notation_in_its_scheme_table(pages):
    index = pages["index.html"]
    vocabulary = _vocabulary()
    schemes = set(vocabulary.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) >= 10
    for scheme in sorted(schemes):
        section = _section(index, scheme)
        concepts = set(vocabulary.subjects(SKOS.inScheme, scheme))
        assert concepts, f"{scheme} has no concepts"
        for concept in concepts:
            assert f'data-iri="{html.escape(str(concept))}"' in section, concept
            for notation in vocabulary.objects(concept, SKOS.notation):
                assert f"<code>{html.escape(str(notation))}</code>" in section, (scheme, notation)


def test_header_shows_ontology_metadata(pages):
    header = pages["index.html"].split("</header>", 1)[0]
    vocabulary = _graph("ecosystem.ttl")
    ontology = next(vocabulary.subjects(RDF.type, OWL.Ontology))
    assert html.escape(str(ontology)) in header
    for predicate in (OWL.versionIRI, OWL.versionInfo, OWL.priorVersion,
                      URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"),
                      URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"),
                      URIRef("http://purl.org/dc/terms/license"),
                      URIRef("http://purl.org/dc/terms/created"),
                      URIRef("http://purl.org/dc/terms/title"),
                      URIRef("http://purl.org/dc/terms/description")):
        for value in vocabulary.objects(ontology, predicate):
            assert html.escape(str(value)) in header, (predicate, value)
    assert '<a href="model.html">' in header


def test_union_domain_links_each_class(pages):
    section = _section(pages["index.html"], EW.municipality)
    domain = re.search(r"<dt>Domain</dt><dd>(.*?)</dd>", section).group(1)
    assert 'href="#Actor"' in domain
    assert 'href="#Establishment"' in domain
    assert " or " in domain


def test_class_lists_terms_that_use_it(pages):
    used_by = re.search(r"<dt>Used by</dt><dd>(.*?)</dd>", _section(pages["index.html"], EW.Actor))
    assert used_by, "ew:Actor has no Used by row"
    assert 'href="#source"' in used_by.group(1)
    assert 'href="#target"' in used_by.group(1)


def test_internal_links_resolve(pages):
    index_ids = set(_ids(pages["index.html"]))
    for target in re.findall(r'href="#([^"]+)"', pages["index.html"]):
        assert html.unescape(target) in index_ids, target
    for target in re.findall(r'href="index\.html#([^"]+)"', pages["model.html"]):
        assert html.unescape(target) in index_ids, target


def test_ids_are_unique(pages):
    for name, page in pages.items():
        ids = _ids(page)
        duplicates = sorted({anchor for anchor in ids if ids.count(anchor) > 1})
        assert not duplicates, f"{name} repeats ids {duplicates}"


@pytest.mark.parametrize("name", ["index.html", "model.html"])
def test_pages_load_nothing_remote(pages, name):
    page = pages[name]
    for match in RESOURCE_ATTRIBUTE.finditer(page):
        tag, attribute, value = match.group("tag", "attribute", "value")
        remote = re.match(r"(https?:)?//", html.unescape(value))
        if remote:
            assert (tag.lower(), attribute) == ("a", "href"), f"<{tag} {attribute}={value}> loads"
    assert "<script" not in page
    assert "<link" not in page
    # url() may only point into the page itself, as the diagram's arrowheads do.
    assert not re.search(r"@import|url\(\s*['\"]?(?!#)", page)


def test_model_prose_links_every_ew_term(pages):
    prose = re.sub(r"<svg\b.*?</svg>", "", pages["model.html"], flags=re.S)
    mentions = re.findall(r'(<a href="index\.html#[^"]+">)?<code>ew:([\w-]+)</code>', prose)
    assert len(mentions) > 20
    unlinked = sorted({name for link, name in mentions if not link})
    assert not unlinked, f"the model page names ew: terms the ontology lacks: {unlinked}"


def test_diagram_has_one_box_per_class(pages):
    svg = _svg(pages["model.html"])
    boxes = [box.get("data-iri") for box in _class_boxes(svg)]
    classes = {str(c) for c in _vocabulary().subjects(RDF.type, OWL.Class)
               if str(c).startswith(str(EW))}
    assert sorted(boxes) == sorted(classes)
    for box in _class_boxes(svg):
        link = box.find(f"{SVG}a")
        assert link is not None, box.get("data-iri")
        assert link.get("href") == f"index.html#{_local_name(box.get('data-iri'))}"


def test_diagram_draws_object_properties(pages):
    svg = _svg(pages["model.html"])
    edges = {(g.get("data-property"), g.get("data-source"), g.get("data-target"))
             for g in svg.iter(f"{SVG}g") if g.get("class") == "md-edge"}
    vocabulary = _vocabulary()
    classes = {c for c in vocabulary.subjects(RDF.type, OWL.Class) if str(c).startswith(str(EW))}

    def members(node) -> set:
        if isinstance(node, BNode):
            return {m for union in vocabulary.objects(node, OWL.unionOf)
                    for m in Collection(vocabulary, union)}
        return {node}

    expected = set()
    for prop in vocabulary.subjects(RDF.type, OWL.ObjectProperty):
        domains = {m for d in vocabulary.objects(prop, RDFS.domain) for m in members(d)}
        ranges = {m for r in vocabulary.objects(prop, RDFS.range) for m in members(r)}
        expected |= {(str(prop), str(d), str(r)) for d in domains & classes for r in ranges & classes}
    assert (str(EW.source), str(EW.Collaboration), str(EW.Actor)) in expected
    assert expected <= edges, expected - edges


def test_diagram_draws_subclasses(pages):
    svg = _svg(pages["model.html"])
    subclass_links = {(path.get("data-source"), path.get("data-target"))
                      for path in svg.iter(f"{SVG}path") if path.get("class") == "md-subclass"}
    assert (str(EW.School), str(EW.Actor)) in subclass_links
    reused = {(g.get("data-subclass"), g.get("data-name"))
              for g in svg.iter(f"{SVG}g") if g.get("class") == "md-reused"}
    assert (str(EW.Actor), "org:Organization") in reused
    assert (str(EW.Collaboration), "prov:Entity") in reused


def test_diagram_boxes_do_not_overlap(pages):
    svg = _svg(pages["model.html"])
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    boxes = [(g.get("data-iri") or g.get("data-name"), _rectangle(g)) for g in svg.iter(f"{SVG}g")
             if g.get("class") in ("md-class", "md-reused")]
    for name, (left, top, right, bottom) in boxes:
        assert left >= 0, name
        assert top >= 0, name
        assert right <= width, name
        assert bottom <= height, name
    for (first, a), (second, b) in combinations(boxes, 2):
        overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        assert not overlap, f"{first} overlaps {second}"


def test_diagram_fits_a4_landscape(pages):
    _, _, width, height = (float(v) for v in _svg(pages["model.html"]).get("viewBox").split())
    # Scaled to the 277 mm between 10 mm margins, the 12-unit text must stay at 6 pt or more.
    smallest_text_pt = 12 * 277 / width * 72 / 25.4
    assert smallest_text_pt >= 6, f"the diagram is {width:.0f} units wide"
    assert height * 277 / width <= 190, "the diagram is too tall for a landscape page"


def test_default_files_give_same_pages(pages, tmp_path):
    assert ontology_dir().resolve() == ONTOLOGY_DIR.resolve()
    written = write_ontology_docs(tmp_path)
    for path in written:
        assert path.read_text(encoding="utf-8") == pages[path.name], path.name


def test_real_shapes_are_documented(pages):
    if not (ONTOLOGY_DIR / SHAPES_FILE).is_file():
        pytest.skip(f"{SHAPES_FILE} is not in the ontology folder")
    shapes = _graph(SHAPES_FILE)
    index = pages["index.html"]
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        if isinstance(shape, URIRef):
            assert f'id="shape-{_local_name(shape)}"' in _section(index, shape), shape


def test_markup_in_labels_is_escaped(crafted):
    index, model = crafted["index.html"], crafted["model.html"]
    for raw in ("<b>bold</b> & co", "<b>vet</b> & zo", "A thing with <script>alert(1)</script> & more.",
                "Een ding met <i>tags</i> & meer.", "Levels & <steps>", "high&<x>",
                "Tags <b> & more"):
        assert html.escape(raw) in index, raw
    for page in (index, model):
        assert "<b>" not in page
        assert "<script" not in page
        assert "<i>" not in page
    boxes = {box.get("data-iri"): box for box in _class_boxes(_svg(model))}
    label = boxes["http://example.org/vocab#Thing"].find(f".//{SVG}text")
    assert label.text == "<b>bold</b> & co"


def test_namespace_found_without_declaration(crafted):
    boxes = {box.get("data-iri") for box in _class_boxes(_svg(crafted["model.html"]))}
    assert boxes == {"http://example.org/vocab#Thing", "http://example.org/vocab#Part"}
    assert 'data-property="http://example.org/vocab#partOf"' in crafted["model.html"]


def test_concepts_sorted_by_rank(crafted):
    section = _section(crafted["index.html"], "http://example.org/scheme/level")
    positions = [section.index(f"<code>{html.escape(n)}</code>") for n in ("low", "middle", "high&<x>")]
    assert positions == sorted(positions)
    assert '<th scope="col">Rank</th>' in section
    assert '<th scope="col">Close match</th>' in section
    assert 'href="http://example.org/other#top"' in section
    assert 'href="#scheme-level-middle"' in section


def test_alignments_table_lists_mappings(crafted):
    pattern = r'<section id="alignments">.*?<tbody>(.*?)</tbody>'
    alignments = re.search(pattern, crafted["index.html"], re.S)
    assert alignments, "no table of alignments"
    rows = [re.sub(r"<[^>]+>", " ", row).split()
            for row in re.findall(r"<tr>(.*?)</tr>", alignments.group(1), re.S)]
    assert ["ex:Thing", "skos:relatedMatch", "https://schema.org/Thing", "alignments.ttl"] in rows
    assert ["level:high", "skos:closeMatch", "http://example.org/other#top", "crafted.ttl"] in rows
    assert ["level:low", "skos:closeMatch", "level:middle", "crafted.ttl"] in rows
    assert len(rows) == 3


def test_shapes_section_documents_constraints(crafted):
    index = crafted["index.html"]
    section = _section(index, "http://example.org/shapes#ThingShape")
    assert 'id="shape-ThingShape"' in section
    assert 'href="#Thing"' in section
    assert html.escape("A thing needs one code of <5> digits & no letters.") in section
    assert html.escape("^[0-9]{5}$") in section
    assert "sh:minCount" in section
    used_by = re.search(r"<dt>Used by</dt><dd>(.*?)</dd>", _section(index, "http://example.org/vocab#Thing"))
    assert used_by and 'href="#shape-ThingShape"' in used_by.group(1)


def test_shapes_file_gives_no_terms(tmp_path):
    shapes = tmp_path / SHAPES_FILE
    shapes.write_text(CRAFTED_SHAPES + "\nexs:Extra a <http://www.w3.org/2002/07/owl#Class> .\n",
                      encoding="utf-8")
    ontology = tmp_path / "crafted.ttl"
    ontology.write_text(CRAFTED_ONTOLOGY, encoding="utf-8")
    index, model = (path.read_text(encoding="utf-8")
                    for path in write_ontology_docs(tmp_path / "docs", [ontology, shapes]))
    assert 'data-iri="http://example.org/shapes#Extra"' not in index
    assert 'data-iri="http://example.org/shapes#Extra"' not in model


def test_missing_file_raises(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        write_ontology_docs(tmp_path / "docs", [tmp_path / "absent.ttl"])


def test_invalid_turtle_names_file(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ;\n", encoding="utf-8")
    with pytest.raises(OntologyDocsError, match="broken.ttl is not valid Turtle"):
        write_ontology_docs(tmp_path / "docs", [broken])
    assert not (tmp_path / "docs").exists()


def test_no_files_raises(tmp_path):
    with pytest.raises(OntologyDocsError, match="No ontology files"):
        write_ontology_docs(tmp_path / "docs", [])


def test_label_literal_without_language(tmp_path):
    source = tmp_path / "plain.ttl"
    graph = Graph()
    thing = URIRef("http://example.org/vocab#Plain")
    graph.add((thing, RDF.type, OWL.Class))
    graph.add((thing, RDFS.label, Literal("plain & simple")))
    graph.serialize(source, format="turtle")
    index, _ = (p.read_text(encoding="utf-8") for p in write_ontology_docs(tmp_path / "docs", [source]))
    section = _section(index, thing)
    assert "<dt>Label</dt>" in section
    assert "plain &amp; simple" in section
    assert "<dt>Label (nl)</dt><dd><span class=\"missing\">not given</span></dd>" in section

"""The official registers, read from the real open data beside the repository."""

from collections import Counter
from pathlib import Path

import pytest

from ecosystem.load_report import CONVERTED, SKIPPED, LoadReport
from ecosystem.model import Ecosystem
from ecosystem.registers.local_governments import read_local_governments
from ecosystem.registers.municipalities import read_crosswalk, read_municipalities
from ecosystem.registers.schools import lambert72_to_wgs84, read_school_export

SCHOOLS_PER_MUNICIPALITY = {
    "11005": 4,    # Boom
    "23027": 14,   # Halle
    "34022": 36,   # Kortrijk
    "24062": 39,   # Leuven
    "46029": 21,   # Lokeren, with the two schools of former Moerbeke
    "45041": 10,   # Ronse
    "13040": 16,   # Turnhout
}


@pytest.fixture(scope="module")
def registers(reference_dir: Path):
    report = LoadReport()
    ecosystem = Ecosystem()
    ecosystem.municipalities = read_municipalities(
        reference_dir / "municipalities-2025.csv", report)
    crosswalk = read_crosswalk(reference_dir / "municipal-mergers-2025.csv",
                               ecosystem.municipalities, report)
    read_school_export(reference_dir / "primary-schools-2022.csv", ecosystem, crosswalk, report)
    read_local_governments(reference_dir / "local-governments-2022.csv", ecosystem, crosswalk,
                           report)
    return ecosystem, crosswalk, report


def test_crosswalk_maps_2019_codes(registers):
    _, crosswalk, _ = registers
    expected = {"11007": "11002", "46013": "46030", "11056": "46030", "44045": "46029",
                "46014": "46029", "73040": "71072", "71022": "71072", "23023": "23106"}
    for old, new in expected.items():
        assert crosswalk.to_2025(old) == (new, True), old
    assert crosswalk.to_2025("11002") == ("11002", False)
    assert crosswalk.to_2025("12345") == (None, False)


def test_every_school_loaded(registers):
    ecosystem, _, report = registers
    schools = [a for a in ecosystem.actors.values() if a.kind == "school"]
    assert len(schools) == 140
    assert report.rejected == []
    assert Counter(s.refnis for s in schools) == SCHOOLS_PER_MUNICIPALITY


def test_school_numbers_are_text_without_leading_zeros(registers):
    ecosystem, _, _ = registers
    numbers = [a.school_number for a in ecosystem.actors.values() if a.kind == "school"]
    assert all(isinstance(n, str) and n.isdigit() and not n.startswith("0") for n in numbers)
    assert "919" in numbers


def test_moerbeke_and_lokeren_converted_with_notice(registers):
    _, _, report = registers
    converted = [line for line in report.lines
                 if line.level == CONVERTED and line.file.endswith("primary-schools-2022.csv")]
    assert Counter(line.value for line in converted) == {"44045": 2, "46014": 19}
    assert all("46029" in line.message for line in converted)


def test_clb_link_and_school_community(registers):
    ecosystem, _, _ = registers
    school = ecosystem.actors["school/919"]
    assert school.clb_number == "114314"
    assert school.school_community_number == "120485"
    clb_links = [l for l in ecosystem.links if l.source_key == "school/919"]
    assert len(clb_links) == 1
    link = clb_links[0]
    assert (link.target_key, link.direction, link.formality, link.mandated) == \
        ("clb/114314", "two-way", "structural", True)
    memberships = [m for m in ecosystem.memberships if m.actor_key == "school/919"]
    assert [m.network_key for m in memberships] == ["school-community/120485"]


def test_three_schools_without_school_community(registers):
    ecosystem, _, _ = registers
    schools = [a for a in ecosystem.actors.values() if a.kind == "school"]
    assert sum(not s.school_community_number for s in schools) == 3


def test_coordinates_in_flanders(registers):
    ecosystem, _, _ = registers
    for actor in ecosystem.actors.values():
        if actor.kind == "school":
            assert 50.6 < actor.site.lat < 51.5, actor.key
            assert 2.5 < actor.site.lon < 6.0, actor.key


def test_lambert72_known_point():
    # GO! basisschool De Hoeksteen, Tuyaertsstraat 53, Boom.
    lat, lon = lambert72_to_wgs84(150025, 197441)
    assert lat == pytest.approx(51.0871, abs=0.001)
    assert lon == pytest.approx(4.3691, abs=0.001)


def test_one_local_government_per_2025_municipality(registers):
    ecosystem, _, report = registers
    governments = [a for a in ecosystem.actors.values() if a.kind == "local-government"]
    assert len(governments) == len({g.refnis for g in governments})
    assert all(g.refnis in ecosystem.municipalities for g in governments)
    lokeren = ecosystem.actors["local-government/46029"]
    assert lokeren.name == "Lokeren"
    assert sorted(u.refnis2019 for u in lokeren.former_units) == ["44045", "44045",
                                                                  "46014", "46014"]
    assert sorted(u.classification for u in lokeren.former_units) == ["Gemeente", "Gemeente",
                                                                     "OCMW", "OCMW"]


def test_districts_provinces_dissolved_skipped(registers):
    _, _, report = registers
    skipped = [line for line in report.lines
               if line.level == SKIPPED and line.file.endswith("local-governments-2022.csv")]
    assert len(skipped) == 44
    assert not [l for l in report.rejected if l.file.endswith("local-governments-2022.csv")]

"""Tests that the benchmark generator writes input the product reads without rejecting a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from ecosystem.codes import is_official_refnis
from ecosystem.load_report import LoadReport
from ecosystem.pipeline import read_inputs

TINY_SCALE = 0.01


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("bench") / "input", TINY_SCALE)


@pytest.fixture(scope="module")
def loaded(generated):
    report = LoadReport()
    ecosystem = read_inputs(generated.reference, list(generated.surveys), report)
    return ecosystem, report


def test_generated_input_has_no_rejected_rows(loaded):
    _ecosystem, report = loaded
    assert [line.describe() for line in report.rejected] == []


def test_generated_input_loads_every_kind(loaded, generated):
    ecosystem, _report = loaded
    kinds = {actor.kind for actor in ecosystem.actors.values()}
    assert kinds == {"school", "welfare", "local-government", "network", "bridge-organisation"}
    assert len(ecosystem.posts) == generated.counts["posts"]
    assert ecosystem.memberships


def test_both_sides_reports_are_merged(loaded):
    ecosystem, report = loaded
    merged = [link for link in ecosystem.links if len(link.reports) > 1]
    assert merged
    assert any(line.level == "discuss" for line in report.lines)


def test_former_codes_are_converted(loaded):
    _ecosystem, report = loaded
    assert any(line.level == "converted" for line in report.lines)


def test_municipalities_are_fictional(loaded):
    ecosystem, _report = loaded
    codes = set(ecosystem.municipalities)
    assert min(codes) == "99001"
    assert not any(is_official_refnis(code) for code in codes)


def test_registers_use_the_real_dialects(generated):
    schools = (generated.reference / "primary-schools-bench.csv").read_bytes()
    assert schools.startswith(b"\xef\xbb\xbfschoolnummer;")
    assert b"\r" in schools
    assert b"\n" not in schools
    for name in ("municipalities-2025.csv", "municipal-mergers-2025.csv",
                 "local-governments-2022.csv"):
        data = (generated.reference / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        assert data.count(b"\r\n") == data.count(b"\n"), name
        assert b"," in data.split(b"\r\n", 1)[0], name


def test_generator_is_deterministic(tmp_path: Path, generated):
    again = generate(tmp_path / "again", TINY_SCALE)
    first_files = sorted(p.relative_to(generated.reference.parent)
                         for p in generated.reference.parent.rglob("*.csv"))
    second_files = sorted(p.relative_to(again.reference.parent)
                          for p in again.reference.parent.rglob("*.csv"))
    assert first_files == second_files
    for relative in first_files:
        first = (generated.reference.parent / relative).read_bytes()
        assert first == (again.reference.parent / relative).read_bytes(), relative


def test_scale_must_be_positive(tmp_path: Path):
    with pytest.raises(ValueError, match="greater than 0"):
        generate(tmp_path / "none", 0)

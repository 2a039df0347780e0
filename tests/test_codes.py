"""Canonical forms of school numbers, KBO numbers, REFNIS codes and postcodes."""

import pytest

from ecosystem import codes
from ecosystem.errors import InvalidCodeError


@pytest.mark.parametrize("value, expected", [
    ("919", "919"),
    ("000919", "919"),
    ("000141", "141"),
    (141, "141"),
    (141.0, "141"),
    ("141.0", "141"),
    (" 12345 ", "12345"),
])
def test_school_number_canonical(value, expected):
    assert codes.school_number(value) == expected


@pytest.mark.parametrize("value", ["", "12a", "1234567", "0", "14.5", True])
def test_school_number_invalid(value):
    with pytest.raises(InvalidCodeError) as caught:
        codes.school_number(value)
    assert "school number" in str(caught.value)


@pytest.mark.parametrize("value, expected", [
    ("0207463402", "0207463402"),
    ("0207.463.402", "0207463402"),
    ("BE 0207 463 402", "0207463402"),
    (207463402, "0207463402"),
    ("207463402", "0207463402"),
    ("0999000129", "0999000129"),
])
def test_kbo_canonical(value, expected):
    assert codes.kbo_number(value) == expected


@pytest.mark.parametrize("value", ["0207463403", "12345", "2207463402", "abc"])
def test_kbo_invalid(value):
    with pytest.raises(InvalidCodeError):
        codes.kbo_number(value)


@pytest.mark.parametrize("value, expected", [
    ("11005", "11005"), ("02000", "02000"), ("2000", "02000"), (2000, "02000"),
    (2000.0, "02000"), ("46014", "46014"),
])
def test_refnis_canonical(value, expected):
    assert codes.refnis_code(value) == expected


@pytest.mark.parametrize("value", ["123456", "12", "4601a"])
def test_refnis_invalid(value):
    with pytest.raises(InvalidCodeError):
        codes.refnis_code(value)


def test_postcode_canonical():
    assert codes.postcode("9160") == "9160"
    assert codes.postcode(9160.0) == "9160"


@pytest.mark.parametrize("value", ["916", "0916", "91600"])
def test_postcode_invalid(value):
    with pytest.raises(InvalidCodeError):
        codes.postcode(value)


def test_official_refnis_range():
    assert codes.is_official_refnis("11005")
    assert codes.is_official_refnis("46029")
    assert not codes.is_official_refnis("99001")
    assert not codes.is_official_refnis("14001")

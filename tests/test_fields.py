"""Cell values: years, dates, school years and numbers in Dutch or English notation."""

import pytest

from ecosystem.errors import InvalidValueError
from ecosystem.survey import fields


@pytest.mark.parametrize("value, expected", [
    ("245", 245.0), ("1.234", 1234.0), ("12.345.678", 12345678.0), ("3,5", 3.5),
    ("23,5%", 23.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("3.5", 3.5),
    ("0.25", 0.25), ("1 234", 1234.0),
])
def test_number_notations(value, expected):
    assert fields.number("pupils", value) == expected


@pytest.mark.parametrize("value", ["veel", "1,2,3x", ""])
def test_number_invalid(value):
    with pytest.raises(InvalidValueError):
        fields.number("pupils", value)


@pytest.mark.parametrize("value, expected", [
    ("2024-10-01", "2024-10-01"), ("1/10/2024", "2024-10-01"), ("01-10-2024", "2024-10-01"),
    ("1.10.2024", "2024-10-01"), ("2024-10-01T00:00:00", "2024-10-01"),
])
def test_date_forms(value, expected):
    assert fields.date("date", value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "2024-13-01", "gisteren"])
def test_date_invalid(value):
    with pytest.raises(InvalidValueError):
        fields.date("date", value)


@pytest.mark.parametrize("value, expected", [
    ("2024-2025", "2024-2025"), ("2024/2025", "2024-2025"), ("2024 – 2025", "2024-2025"),
])
def test_school_year_forms(value, expected):
    assert fields.wave("wave", value) == expected


@pytest.mark.parametrize("value", ["2024", "2024-2026", "24-25"])
def test_school_year_invalid(value):
    with pytest.raises(InvalidValueError):
        fields.wave("wave", value)

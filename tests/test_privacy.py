"""Contact details of people: found in names, masked in what the outputs repeat."""

import pytest

from ecosystem.load_report import LoadReport
from ecosystem.privacy import contact_detail, without_contact_details, without_emails


@pytest.mark.parametrize("text, found", [
    ("an.smet@example.org", "an e-mail address"),
    ("03 123 45 67", "a phone number"),
    ("0470/12.34.56", "a phone number"),
    ("+32 470 12 34 56", "a phone number"),
    ("0032 3 123 45 67", "a phone number"),
    ("Vzw De Brug (0212.194.131)", ""),
    ("Vzw Kansen (0448.825.160)", ""),
    ("0470.12.34.56", "a phone number"),
    ("Basisschool 't Klavertje 3", ""),
    ("Huis van het Kind 2000", ""),
])
def test_contact_detail_found(text, found):
    assert contact_detail(text) == found


def test_masks_keep_kbo_numbers():
    text = "call 0470 12 34 56, KBO 0212.194.131"
    assert without_contact_details(text) == "call [phone number], KBO 0212.194.131"


def test_email_mask_keeps_numbers():
    assert without_emails("an@example.org 0470 12 34 56") == "[e-mail address] 0470 12 34 56"


def test_report_value_masks_email():
    report = LoadReport()
    line = report.add("notice", "actors.csv", 2, "", "Jan (jan@example.org)", "extra cell")
    assert line.value == "Jan ([e-mail address])"

#!/usr/bin/env python3
# Designed school statuses. The files this script writes are built so that the
# school status rule gives exactly these results. A school number "-" means
# the school is known only from the survey, an actor_id "-" that no survey
# names the school. The REFNIS code is the 2025 municipality.
#
#   school  actor_id        refnis  status
#   99101   S-LINDE         99001   connected
#   99102   S-TERCOTE       99001   connected
#   99103   S-REMI          99001   connected
#   99104   S-HOFKE         99001   connected
#   99105   S-OOIEVAAR      99001   ad-hoc-only
#   99106   S-KOMPAS        99001   ad-hoc-only
#   99107   S-WILGEN        99001   ad-hoc-only
#   99108   S-BOOMGAARD     99001   one-way-only
#   99109   S-BOLLEKE       99001   one-way-only
#   99110   S-VLIEGER       99001   one-way-only
#   99111   S-BRON          99001   mandated-only
#   99112   S-KAMELEON      99001   mandated-only
#   99113   S-KLAVERVELD    99001   mandated-only
#   99114   S-ZONNEWIJZER   99001   isolated
#   -       S-KLIMOP        99001   isolated
#   99201   -               99002   connected
#   99202   -               99002   one-way-only
"""Write the bundled example: the fictional municipality Klaverbeek (REFNIS 99001).

The example contains its own small registers (municipalities, the merger
crosswalk, local governments, the school export) and two surveys: the
schools' side as Excel CSV exports and the welfare partners' side as an
XLSX workbook. Every name and number is invented, and the REFNIS codes
99001-99003 lie outside the official range. Each file is written in the
dialect of the real source it replaces.

The output is deterministic: running the script twice gives the same bytes.

Usage: python data/make_example.py [--output-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

DEFAULT_OUTPUT_DIR = Path(__file__).resolve().parent / "example"
WAVE = "2024-2025"

# Creation time stored in the workbook and its ZIP entries, so that the
# XLSX bytes do not depend on when the script ran.
_FIXED_TIME = dt.datetime(2025, 6, 30, 12, 0, 0)


# A NamedTuple rather than a dataclass, so that tests can load this script
# with importlib from its path without registering it in sys.modules.
class Dialect(NamedTuple):
    """Encoding of one kind of CSV file: delimiter, line ending and byte order mark."""

    delimiter: str
    line_end: str
    bom: bool


# Statbel and the local-government portal: comma, CRLF, no byte order mark.
REGISTER_CSV = Dialect(delimiter=",", line_end="\r\n", bom=False)
# The education department's download of school establishments: semicolon,
# byte order mark, CR only.
SCHOOL_EXPORT_CSV = Dialect(delimiter=";", line_end="\r", bom=True)
# Excel "CSV UTF-8" saved on a Dutch-locale Windows: semicolon, byte order mark, CRLF.
EXCEL_CSV = Dialect(delimiter=";", line_end="\r\n", bom=True)


def with_kbo_check_digits(body: str) -> str:
    """Append the two KBO check digits (97 minus the body modulo 97) to 8 digits."""
    if len(body) != 8 or not body.isdigit():
        raise ValueError(f"KBO body {body!r} must be 8 digits")
    return f"{body}{97 - int(body) % 97:02d}"


# ---------------------------------------------------------------- registers

MUNICIPALITY_HEADER = (
    "nis_code", "name_nl", "name_fr", "province_nis", "province_nl", "region_nis",
    "region_nl", "arrondissement_nis_DERIVED", "arrondissement_nl_DERIVED", "postal_codes",
)
_PROVINCE = ("99000", "Provincie Voorbeeld", "02000", "Vlaams Gewest",
             "99000", "Arrondissement Voorbeeld")
MUNICIPALITIES = (
    ("99001", "Klaverbeek", "Klaverbeek", *_PROVINCE, "9995 9996"),
    ("99002", "Beekvelde", "Beekvelde", *_PROVINCE, "9997"),
)

MERGER_HEADER = ("refnis2019_code", "name_nl", "end_date", "refnis2025_codes",
                 "refnis2025_names_nl")
MERGERS = (("99003", "Oud-Klaverbeek", "2025-01-01", "99001", "Klaverbeek"),)

LOCAL_GOVERNMENT_HEADER = (
    "uuid", "naam", "classificatie", "nis2019", "ovo", "kbo", "straat", "huisnummer",
    "bus", "postcode", "gemeente_adres", "volledig_adres", "uri",
)
LOCAL_GOVERNMENT_URI = "https://w3id.org/edu-welfare/id/example/bestuurseenheid/"
KLAVERBEEK_KBO = with_kbo_check_digits("09990101")
BEEKVELDE_KBO = with_kbo_check_digits("09990201")
# name, classification, 2019 REFNIS code, KBO, street, house number, postcode, town
LOCAL_GOVERNMENTS = (
    ("Klaverbeek", "Gemeente", "99001", KLAVERBEEK_KBO, "Marktplein", "1", "9995", "Klaverbeek"),
    ("Klaverbeek", "OCMW", "99001", with_kbo_check_digits("09990102"), "Marktplein", "3",
     "9995", "Klaverbeek"),
    ("Oud-Klaverbeek", "Gemeente", "99003", with_kbo_check_digits("09990301"), "Dorpsstraat",
     "12", "9996", "Oud-Klaverbeek"),
    ("Oud-Klaverbeek", "OCMW", "99003", with_kbo_check_digits("09990302"), "Dorpsstraat",
     "14", "9996", "Oud-Klaverbeek"),
    ("Beekvelde", "Gemeente", "99002", BEEKVELDE_KBO, "Beekplein", "1", "9997", "Beekvelde"),
    ("Beekvelde", "OCMW", "99002", with_kbo_check_digits("09990202"), "Beekplein", "2", "9997",
     "Beekvelde"),
)

SCHOOL_HEADER = (
    "schoolnummer", "intern_vplnummer", "net", "naam", "hoofdzetel", "straat", "huisnummer",
    "busnummer", "postcode", "gemeente", "niscode", "lx", "ly", "onderwijsniveau",
    "instellingstype", "clb", "bestuur", "scholengemeenschap", "taalstelsel",
)
_GO = "Gemeenschapsonderwijs"
_FREE = "Vrij gesubsidieerd onderwijs"
_OFFICIAL = "Officieel gesubsidieerd onderwijs"
_MAINSTREAM = "Basisschool"
# The official export's wording for special-needs primary schools.
_SPECIAL = "Basisschool voor buitengewoon onderwijs"
CLB_FREE = "199001"
CLB_OFFICIAL = "199002"
COMMUNITY_KLAVERBEEK = "199101"
COMMUNITY_SPANNING = "199102"  # schools in Klaverbeek and in Beekvelde
# number, site number, network, name, street, house, box, postcode, town,
# 2019 REFNIS, Lambert 72 x and y, type, CLB, governing body, school community
SCHOOLS = (
    ("99101", "1", _FREE, "Vrije Basisschool De Linde", "Lindeplein", "4", "", "9995",
     "Klaverbeek", "99001", 107420, 197630, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99102", "1", _OFFICIAL, "Gemeentelijke Basisschool Ter Côte", "Kerkstraat", "17", "",
     "9995", "Klaverbeek", "99001", 107880, 197310, _MAINSTREAM, CLB_OFFICIAL, "199202",
     COMMUNITY_SPANNING),
    ("99103", "1", _FREE, "Vrije Basisschool Sint-Rémi", "Molenweg", "2", "", "9995",
     "Klaverbeek", "99001", 106950, 198120, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99104", "1", _OFFICIAL, "Gemeentelijke Basisschool 't Hofke", "Hofstraat", "9A", "",
     "9995", "Klaverbeek", "99001", 108310, 197020, _MAINSTREAM, CLB_OFFICIAL, "199202",
     COMMUNITY_SPANNING),
    ("99105", "2", _FREE, "Vrije Basisschool ‘t Ooievaarsnest", "Ooievaarslaan", "31", "",
     "9995", "Klaverbeek", "99001", 108760, 198540, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99106", "1", _GO, "Basisschool Het Kompas", "Stationsstraat", "120", "", "9995",
     "Klaverbeek", "99001", 107150, 196780, _MAINSTREAM, CLB_OFFICIAL, "199203",
     COMMUNITY_SPANNING),
    ("99107", "1", _FREE, "Vrije Basisschool De Wilgen – Oud-Klaverbeek", "Wilgendreef", "5",
     "", "9996", "Oud-Klaverbeek", "99003", 105640, 195870, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99108", "1", _GO, "Basisschool De Boomgaard", "Fruitweg", "22", "1", "9995",
     "Klaverbeek", "99001", 109020, 197880, _MAINSTREAM, CLB_OFFICIAL, "199203",
     COMMUNITY_SPANNING),
    ("99109", "1", _FREE, "Vrije Basisschool Het Bolleke", "Bollekensstraat", "3", "", "9995",
     "Klaverbeek", "99001", 106480, 197240, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99110", "1", _OFFICIAL, "Gemeentelijke Basisschool De Vlieger", "Vliegerlaan", "8", "",
     "9995", "Klaverbeek", "99001", 108040, 196350, _MAINSTREAM, CLB_OFFICIAL, "199202",
     COMMUNITY_SPANNING),
    ("99111", "1", _FREE, "Vrije Basisschool De Bron", "Bronstraat", "14", "", "9995",
     "Klaverbeek", "99001", 107640, 198910, _MAINSTREAM, CLB_FREE, "199201",
     COMMUNITY_KLAVERBEEK),
    ("99112", "1", _FREE, "Buitengewoon Basisonderwijs De Kameleon", "Parklaan", "40", "",
     "9995", "Klaverbeek", "99001", 106120, 198460, _SPECIAL, CLB_FREE, "199204", ""),
    ("99113", "1", _GO, "Basisschool Klaverveld", "Klaverveldstraat", "1", "", "9995",
     "Klaverbeek", "99001", 109380, 196920, _MAINSTREAM, CLB_OFFICIAL, "199203",
     COMMUNITY_SPANNING),
    # No CLB: the school has no mandated link, so it can be isolated.
    ("99114", "3", _FREE, "Vrije Basisschool De Zonnewijzer", "Zonnestraat", "27", "", "9995",
     "Klaverbeek", "99001", 105980, 196940, _MAINSTREAM, "", "199201", COMMUNITY_KLAVERBEEK),
    ("99201", "1", _OFFICIAL, "Gemeentelijke Basisschool Beekvelde", "Dorpsplein", "2", "",
     "9997", "Beekvelde", "99002", 109540, 199420, _MAINSTREAM, CLB_OFFICIAL, "199205",
     COMMUNITY_SPANNING),
    ("99202", "1", _OFFICIAL, "Gemeentelijke Basisschool De Molen", "Molenstraat", "11", "",
     "9997", "Beekvelde", "99002", 109870, 199810, _MAINSTREAM, CLB_OFFICIAL, "199205",
     COMMUNITY_SPANNING),
)

# ------------------------------------------------------------------ surveys

ACTOR_HEADER = ("actor_id", "name", "kind", "welfare_type", "school_number", "kbo_number",
                "refnis", "network_type", "clb_number")
LINK_HEADER = ("source_id", "target_id", "direction", "formality", "initiator", "purposes",
               "since", "reported_by", "wave")
MEMBERSHIP_HEADER = ("actor_id", "network_id", "role", "since")


def _school(actor_id: str, name: str, number: str) -> tuple[str, ...]:
    return (actor_id, name, "school", "", number, "", "99001", "", "")


def _welfare(actor_id: str, name: str, welfare_type: str, refnis: str = "99001",
             kbo: str = "", clb: str = "") -> tuple[str, ...]:
    return (actor_id, name, "welfare", welfare_type, "", kbo, refnis, "", clb)


def _network(actor_id: str, name: str, network_type: str) -> tuple[str, ...]:
    return (actor_id, name, "network", "", "", "", "99001", network_type, "")


ACTORS = (
    _school("S-LINDE", "Vrije Basisschool De Linde", "99101"),
    _school("S-TERCOTE", "Gemeentelijke Basisschool Ter Côte", "99102"),
    _school("S-REMI", "Vrije Basisschool Sint-Rémi", "99103"),
    _school("S-HOFKE", "Gemeentelijke Basisschool 't Hofke", "99104"),
    _school("S-OOIEVAAR", "Vrije Basisschool ‘t Ooievaarsnest", "99105"),
    _school("S-KOMPAS", "Basisschool Het Kompas", "99106"),
    _school("S-WILGEN", "Vrije Basisschool De Wilgen – Oud-Klaverbeek", "99107"),
    _school("S-BOOMGAARD", "Basisschool De Boomgaard", "99108"),
    _school("S-BOLLEKE", "Vrije Basisschool Het Bolleke", "99109"),
    _school("S-VLIEGER", "Gemeentelijke Basisschool De Vlieger", "99110"),
    _school("S-BRON", "Vrije Basisschool De Bron", "99111"),
    _school("S-KAMELEON", "Buitengewoon Basisonderwijs De Kameleon", "99112"),
    _school("S-KLAVERVELD", "Basisschool Klaverveld", "99113"),
    _school("S-ZONNEWIJZER", "Vrije Basisschool De Zonnewijzer", "99114"),
    # Not in the school register: known only from the survey.
    _school("S-KLIMOP", "Basisschool De Klimop", ""),
    ("LB-KLAVERBEEK", "Lokaal bestuur Klaverbeek (gemeente en OCMW)", "local-government",
     "ocmw", "", KLAVERBEEK_KBO, "99001", "", ""),
    ("LB-BEEKVELDE", "Lokaal bestuur Beekvelde (gemeente en OCMW)", "local-government",
     "ocmw", "", BEEKVELDE_KBO, "99002", "", ""),
    _welfare("CAW-KLAVER", "CAW De Klaver", "caw", kbo=with_kbo_check_digits("09991001")),
    _welfare("CAW-BEEKDAL", "CAW Beekdal – onthaal Beekvelde", "caw", "99002",
             with_kbo_check_digits("09991002")),
    _welfare("HVHK-KLAVERBEEK", "Huis van het Kind Klaverbeek", "huis-van-het-kind"),
    _welfare("HVHK-BEEKVELDE", "Huis van het Kind Beekvelde", "huis-van-het-kind", "99002"),
    _welfare("OPVOEDINGSWINKEL", "Opvoedingswinkel Klaverbeek", "huis-van-het-kind"),
    _welfare("CKG-NEST", "CKG Het Nest", "ckg", kbo=with_kbo_check_digits("09991003")),
    _welfare("THUISBEGELEIDING", "Thuisbegeleidingsdienst De Wieg", "ckg"),
    # The CLB number ties a survey's CLB to the register's CLB of the same number.
    _welfare("CLB-KLAVERLAND", "Vrij CLB Klaverland", "clb",
             kbo=with_kbo_check_digits("09991004"), clb=CLB_FREE),
    _welfare("CLB-BEEKDAL", "CLB Beekdal", "clb", "99002", with_kbo_check_digits("09991005"),
             CLB_OFFICIAL),
    # Still gives the REFNIS code of before the 2025 merger.
    _welfare("KLAVERKE", "Buurtwerk 't Klaverke", "community-work", "99003"),
    _welfare("WARME-HOEK", 'Ontmoetingshuis "De Warme Hoek"', "community-work"),
    _welfare("LICHTPUNT", "Armoedevereniging ‘t Lichtpunt", "poverty-organisation"),
    _welfare("KORF", "Sociale kruidenier De Korf", "poverty-organisation"),
    _welfare("LEREN-SPELEN", "Leren & Spelen vzw", "homework-support",
             kbo=with_kbo_check_digits("09991006")),
    _welfare("SCHOOLTJE", "Huiswerkklas 't Schooltje", "homework-support", "99002"),
    _welfare("BRUGFIGUREN", "Brugfigurenwerking Klaverbeek", "bridge-figure"),
    _welfare("POLITIE", "Sociale dienst politiezone Klaverbeek-Beekvelde",
             "police-social-service"),
    _welfare("CONSULTATIEBUREAU", "Consultatiebureau voor het jonge kind Klaverbeek",
             "kind-en-gezin"),
    _welfare("DIENST-ONDERWIJS", "Dienst Onderwijs en Opvoeding Klaverbeek", "city-service"),
    _welfare("DIENST-INTEGRATIE", "Dienst Samenleven en Integratie Klaverbeek", "city-service"),
    _welfare("JEUGDHUIS", "Jeugdhuis Den Uil", "youth-work"),
    _welfare("SPEELPLEIN", "Speelpleinwerking De Rakkers", "youth-work"),
    ("OVERSTEEK", "De Oversteek vzw", "bridge-organisation", "", "",
     with_kbo_check_digits("09991007"), "99001", "", ""),
    _network("NET-BREDE-SCHOOL", "Brede School Klaverbeek-Noord", "brede-school"),
    _network("NET-LOP", "LOP Basisonderwijs Klaverbeek", "lop"),
    _network("NET-KINDERARMOEDE", "Netwerk Kinderarmoede Klaverbeek", "child-poverty-network"),
    _network("NET-ZORGCOORDINATOREN", "Overleg zorgcoördinatoren Klaverbeek",
             "care-coordinator-meeting"),
    _network("NET-WELZIJNSOVERLEG", "Welzijnsoverleg Klaverbeek–Beekvelde",
             "welfare-consultation"),
)

# Declared only in the partners' workbook, although a schools' link names it,
# so that a link end is looked up across both surveys.
ONLY_IN_PARTNER_SURVEY = frozenset({"CAW-BEEKDAL"})

# source, target, direction, formality, initiator, purposes, since, reported_by.
# A target or source of digits is a register school number, not an actor_id.
SCHOOL_SURVEY_LINKS = (
    ("S-LINDE", "CAW-KLAVER", "one-way", "ad-hoc", "source", "referral", 2019, "source"),
    ("S-LINDE", "LB-KLAVERBEEK", "one-way", "ad-hoc", "source", "referral", 2021, "source"),
    ("S-LINDE", "LEREN-SPELEN", "one-way", "structural", "source", "referral", 2020, "source"),
    ("S-KLAVERVELD", "S-LINDE", "one-way", "ad-hoc", "source", "expertise", 2022, "source"),
    ("S-TERCOTE", "LB-KLAVERBEEK", "two-way", "structural", "both",
     "joint-activity;network-coordination", 2018, "source"),
    ("S-TERCOTE", "LICHTPUNT", "one-way", "ad-hoc", "source", "referral", 2022, "source"),
    ("S-TERCOTE", "CAW-KLAVER", "one-way", "ad-hoc", "source", "referral", 2021, "source"),
    ("S-REMI", "CAW-KLAVER", "one-way", "ad-hoc", "source", "referral", 2024, "source"),
    ("S-HOFKE", "OVERSTEEK", "two-way", "structural", "target", "case-exchange;expertise",
     2020, "source"),
    ("S-HOFKE", "CAW-KLAVER", "one-way", "ad-hoc", "source", "referral", 2023, "source"),
    ("S-OOIEVAAR", "CKG-NEST", "two-way", "ad-hoc", "source", "case-exchange", 2022, "source"),
    ("S-OOIEVAAR", "WARME-HOEK", "one-way", "ad-hoc", "source", "referral", 2023, "source"),
    ("S-OOIEVAAR", "LB-KLAVERBEEK", "one-way", "ad-hoc", "source", "referral", 2024, "source"),
    ("POLITIE", "S-KOMPAS", "two-way", "ad-hoc", "source", "case-exchange", 2021, "target"),
    ("S-KOMPAS", "LB-KLAVERBEEK", "one-way", "ad-hoc", "source", "referral", 2022, "source"),
    ("S-WILGEN", "KLAVERKE", "two-way", "ad-hoc", "both", "joint-activity", 2023, "source"),
    ("S-BOOMGAARD", "CAW-KLAVER", "one-way", "ad-hoc", "source", "referral", 2022, "source"),
    ("S-BOOMGAARD", "LEREN-SPELEN", "one-way", "structural", "source", "referral", 2020,
     "source"),
    ("S-BOLLEKE", "CAW-BEEKDAL", "one-way", "ad-hoc", "source", "referral", 2024, "source"),
    ("S-VLIEGER", "LB-KLAVERBEEK", "one-way", "ad-hoc", "source", "referral", 2023, "source"),
    ("S-VLIEGER", "CLB-BEEKDAL", "two-way", "structural", "both", "case-exchange", 2015,
     "source"),
    ("S-KAMELEON", "CLB-KLAVERLAND", "two-way", "structural", "both", "expertise", 2016,
     "source"),
    ("S-KLIMOP", "99111", "one-way", "ad-hoc", "source", "expertise", 2024, "source"),
)

PARTNER_SURVEY_LINKS = (
    # Runs parallel to the ad hoc referral of 2019 between the same two actors.
    ("S-LINDE", "CAW-KLAVER", "two-way", "structural", "both", "joint-activity", 2022,
     "target"),
    ("BRUGFIGUREN", "99103", "two-way", "structural", "both",
     "case-exchange;school-gate-outreach", 2019, "source"),
    ("HVHK-KLAVERBEEK", "S-KOMPAS", "one-way", "structural", "source", "offer-promotion",
     2020, "source"),
    ("CONSULTATIEBUREAU", "S-BOLLEKE", "one-way", "structural", "source",
     "school-gate-outreach;offer-promotion", 2021, "source"),
    ("DIENST-INTEGRATIE", "S-BOLLEKE", "one-way", "ad-hoc", "source", "offer-promotion", 2023,
     "source"),
    ("HVHK-BEEKVELDE", "99201", "two-way", "structural", "both", "joint-activity", 2019,
     "source"),
    ("HVHK-KLAVERBEEK", "CKG-NEST", "two-way", "structural", "both", "network-coordination",
     2017, "source"),
    # Reported by the LOP coordinator, who is neither end of the link.
    ("LEREN-SPELEN", "S-WILGEN", "one-way", "ad-hoc", "source", "offer-promotion", 2024,
     "third-party"),
    ("CAW-BEEKDAL", "LB-BEEKVELDE", "one-way", "structural", "source", "referral", 2016,
     "source"),
    ("OVERSTEEK", "CAW-KLAVER", "one-way", "structural", "source", "referral", 2020, "source"),
    ("JEUGDHUIS", "S-HOFKE", "one-way", "ad-hoc", "source", "offer-promotion", 2024, "source"),
    ("WARME-HOEK", "LICHTPUNT", "one-way", "ad-hoc", "source", "referral", 2022, "source"),
    ("DIENST-ONDERWIJS", "S-TERCOTE", "one-way", "structural", "source", "offer-promotion",
     2019, "source"),
    ("S-BOOMGAARD", "KORF", "one-way", "ad-hoc", "source", "referral", 2023, "target"),
    ("SPEELPLEIN", "S-OOIEVAAR", "one-way", "ad-hoc", "source", "offer-promotion", 2023,
     "source"),
    ("99202", "CAW-BEEKDAL", "one-way", "ad-hoc", "source", "referral", 2023, "target"),
    ("SCHOOLTJE", "99202", "one-way", "ad-hoc", "source", "offer-promotion", 2024, "source"),
)

# actor, network, role, since
SCHOOL_SURVEY_MEMBERSHIPS = (
    ("S-LINDE", "NET-BREDE-SCHOOL", "member", 2018),
    ("S-TERCOTE", "NET-BREDE-SCHOOL", "member", 2018),
    ("S-HOFKE", "NET-BREDE-SCHOOL", "member", 2019),
    ("S-REMI", "NET-LOP", "steering", 2016),
    ("S-LINDE", "NET-LOP", "member", 2012),
    ("S-BRON", "NET-LOP", "member", 2012),
    ("S-KLAVERVELD", "NET-LOP", "member", 2014),
    # A membership is no collaboration: this school stays isolated.
    ("S-ZONNEWIJZER", "NET-LOP", "member", 2012),
    ("S-KLIMOP", "NET-LOP", "member", 2024),
    ("S-OOIEVAAR", "NET-ZORGCOORDINATOREN", "member", 2020),
    ("S-KOMPAS", "NET-ZORGCOORDINATOREN", "member", 2020),
    ("S-BOLLEKE", "NET-ZORGCOORDINATOREN", "member", 2021),
    ("S-VLIEGER", "NET-ZORGCOORDINATOREN", "member", 2021),
)

PARTNER_SURVEY_MEMBERSHIPS = (
    ("LB-KLAVERBEEK", "NET-BREDE-SCHOOL", "steering", 2018),
    ("HVHK-KLAVERBEEK", "NET-BREDE-SCHOOL", "coordinating", 2018),
    ("LEREN-SPELEN", "NET-BREDE-SCHOOL", "member", 2018),
    ("JEUGDHUIS", "NET-BREDE-SCHOOL", "member", 2019),
    ("KLAVERKE", "NET-BREDE-SCHOOL", "member", 2020),
    ("LB-KLAVERBEEK", "NET-LOP", "coordinating", 2012),
    ("CLB-KLAVERLAND", "NET-LOP", "member", 2012),
    ("CLB-BEEKDAL", "NET-LOP", "member", 2012),
    ("DIENST-INTEGRATIE", "NET-LOP", "member", 2017),
    ("LB-KLAVERBEEK", "NET-KINDERARMOEDE", "steering", 2019),
    ("HVHK-KLAVERBEEK", "NET-KINDERARMOEDE", "coordinating", 2019),
    ("CAW-KLAVER", "NET-KINDERARMOEDE", "member", 2019),
    ("LICHTPUNT", "NET-KINDERARMOEDE", "member", 2019),
    ("KORF", "NET-KINDERARMOEDE", "member", 2020),
    ("CONSULTATIEBUREAU", "NET-KINDERARMOEDE", "member", 2019),
    ("OPVOEDINGSWINKEL", "NET-KINDERARMOEDE", "member", 2021),
    ("THUISBEGELEIDING", "NET-KINDERARMOEDE", "member", 2021),
    ("CLB-KLAVERLAND", "NET-ZORGCOORDINATOREN", "coordinating", 2020),
    ("BRUGFIGUREN", "NET-ZORGCOORDINATOREN", "member", 2021),
    ("LB-KLAVERBEEK", "NET-WELZIJNSOVERLEG", "steering", 2015),
    ("LB-BEEKVELDE", "NET-WELZIJNSOVERLEG", "steering", 2015),
    ("CAW-KLAVER", "NET-WELZIJNSOVERLEG", "member", 2015),
    ("CAW-BEEKDAL", "NET-WELZIJNSOVERLEG", "member", 2015),
    ("POLITIE", "NET-WELZIJNSOVERLEG", "member", 2016),
    ("CKG-NEST", "NET-WELZIJNSOVERLEG", "member", 2015),
    ("HVHK-BEEKVELDE", "NET-WELZIJNSOVERLEG", "member", 2018),
)

# The table in the comment at the top of this file, as data.
DESIGNED_STATUSES = (
    ("99101", "S-LINDE", "99001", "connected"),
    ("99102", "S-TERCOTE", "99001", "connected"),
    ("99103", "S-REMI", "99001", "connected"),
    ("99104", "S-HOFKE", "99001", "connected"),
    ("99105", "S-OOIEVAAR", "99001", "ad-hoc-only"),
    ("99106", "S-KOMPAS", "99001", "ad-hoc-only"),
    ("99107", "S-WILGEN", "99001", "ad-hoc-only"),
    ("99108", "S-BOOMGAARD", "99001", "one-way-only"),
    ("99109", "S-BOLLEKE", "99001", "one-way-only"),
    ("99110", "S-VLIEGER", "99001", "one-way-only"),
    ("99111", "S-BRON", "99001", "mandated-only"),
    ("99112", "S-KAMELEON", "99001", "mandated-only"),
    ("99113", "S-KLAVERVELD", "99001", "mandated-only"),
    ("99114", "S-ZONNEWIJZER", "99001", "isolated"),
    ("-", "S-KLIMOP", "99001", "isolated"),
    ("99201", "-", "99002", "connected"),
    ("99202", "-", "99002", "one-way-only"),
)
STATUS_TABLE_HEADER = ("school", "actor_id", "refnis", "status")

# ------------------------------------------------------------------ writing


def write_csv(path: Path, header: tuple[str, ...], rows, dialect: Dialect) -> None:
    """Write a header and rows to ``path`` in the given CSV dialect."""
    path.parent.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if dialect.bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=dialect.delimiter, lineterminator=dialect.line_end)
        writer.writerow(header)
        writer.writerows(rows)


def local_government_rows() -> list[tuple[str, ...]]:
    """Return the rows of ``local-governments-2022.csv`` with derived uuid and URI."""
    rows = []
    for name, classification, refnis, kbo, street, house, postcode, town in LOCAL_GOVERNMENTS:
        uuid = hashlib.sha256(f"{name}{classification}".encode("utf-8")).hexdigest()
        full_address = f"{street} {house}, {postcode} {town}, België"
        rows.append((uuid, name, classification, refnis, "", kbo, street, house, "", postcode,
                     town, full_address, LOCAL_GOVERNMENT_URI + uuid))
    return rows


def school_export_rows() -> list[tuple[str, ...]]:
    """Return the rows of the school export, with the constant columns filled in."""
    rows = []
    for (number, site, network, name, street, house, box, postcode, town, refnis, x, y,
         school_type, clb, board, community) in SCHOOLS:
        rows.append((number, site, network, name, "True", street, house, box, postcode, town,
                     refnis, str(x), str(y), "BaO", school_type, clb, board, community,
                     "Nederlandstalig"))
    return rows


def write_registers(output_dir: Path) -> list[Path]:
    """Write the four register files under ``output_dir/reference``."""
    folder = output_dir / "reference"
    files = (
        ("municipalities-2025.csv", MUNICIPALITY_HEADER, MUNICIPALITIES, REGISTER_CSV),
        ("municipal-mergers-2025.csv", MERGER_HEADER, MERGERS, REGISTER_CSV),
        ("local-governments-2022.csv", LOCAL_GOVERNMENT_HEADER, local_government_rows(),
         REGISTER_CSV),
        ("primary-schools-example.csv", SCHOOL_HEADER, school_export_rows(),
         SCHOOL_EXPORT_CSV),
    )
    written = []
    for name, header, rows, dialect in files:
        write_csv(folder / name, header, rows, dialect)
        written.append(folder / name)
    return written


def _referenced_ids(links, memberships) -> set[str]:
    """Return the actor ids that links and memberships name (school numbers excluded)."""
    ids = {end for link in links for end in link[:2]}
    ids |= {end for membership in memberships for end in membership[:2]}
    return {actor_id for actor_id in ids if not actor_id.isdigit()}


def survey_actors(*, schools_side: bool) -> list[tuple[str, ...]]:
    """Return the actors rows of one survey, in the order of ``ACTORS``.

    Each side declares its own respondents (schools, or every other actor)
    and repeats, with the same values, the actors its links and memberships
    name, except those in ``ONLY_IN_PARTNER_SURVEY``.
    """
    if schools_side:
        named = _referenced_ids(SCHOOL_SURVEY_LINKS, SCHOOL_SURVEY_MEMBERSHIPS)
        named -= ONLY_IN_PARTNER_SURVEY
    else:
        named = _referenced_ids(PARTNER_SURVEY_LINKS, PARTNER_SURVEY_MEMBERSHIPS)
    rows = []
    for actor in ACTORS:
        respondent = (actor[2] == "school") == schools_side
        if respondent or actor[0] in named:
            rows.append(actor)
    return rows


def link_rows(links) -> list[tuple[str, ...]]:
    """Return links rows as text, with the survey wave appended."""
    return [(*(str(value) for value in link), WAVE) for link in links]


def membership_rows(memberships) -> list[tuple[str, ...]]:
    """Return memberships rows as text."""
    return [tuple(str(value) for value in membership) for membership in memberships]


def write_school_survey(output_dir: Path) -> list[Path]:
    """Write the schools' survey as three Excel CSV exports."""
    folder = output_dir / "surveys" / "schools"
    tables = (
        ("actors.csv", ACTOR_HEADER, survey_actors(schools_side=True)),
        ("links.csv", LINK_HEADER, link_rows(SCHOOL_SURVEY_LINKS)),
        ("memberships.csv", MEMBERSHIP_HEADER, membership_rows(SCHOOL_SURVEY_MEMBERSHIPS)),
    )
    for name, header, rows in tables:
        write_csv(folder / name, header, rows, EXCEL_CSV)
    return [folder / name for name, _, _ in tables]


def _append_sheet(workbook: Workbook, title: str, header: tuple[str, ...], rows) -> None:
    """Add a sheet; text cells get the Text number format, years stay numbers."""
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append([value if value != "" else None for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    sheet.freeze_panes = "A2"


def save_workbook_deterministic(workbook: Workbook, path: Path) -> None:
    """Save an XLSX workbook whose bytes do not depend on the current time.

    ``Workbook.save`` stamps the modification time into the document
    properties and every ZIP entry. This function writes through
    ``ExcelWriter`` instead, then copies the entries into a new archive
    with a fixed timestamp.
    """
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry.filename))


def write_partner_survey(output_dir: Path) -> list[Path]:
    """Write the welfare partners' survey as an XLSX workbook with three sheets."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    # Years are numbers in the links and memberships sheets, as a respondent
    # typing them into Excel would produce.
    links = [(*link, WAVE) for link in PARTNER_SURVEY_LINKS]
    _append_sheet(workbook, "actors", ACTOR_HEADER, survey_actors(schools_side=False))
    _append_sheet(workbook, "links", LINK_HEADER, links)
    _append_sheet(workbook, "memberships", MEMBERSHIP_HEADER, PARTNER_SURVEY_MEMBERSHIPS)
    path = output_dir / "surveys" / "partners.xlsx"
    save_workbook_deterministic(workbook, path)
    return [path]


def write_example(output_dir: Path) -> list[Path]:
    """Write every file of the example under ``output_dir``; return their paths."""
    return (write_registers(output_dir) + write_school_survey(output_dir)
            + write_partner_survey(output_dir))


# ------------------------------------------------------------ status table


def status_table_lines() -> list[str]:
    """Return the designed-status table as aligned text lines."""
    rows = (STATUS_TABLE_HEADER, *DESIGNED_STATUSES)
    return [f"{school:<8}{actor_id:<16}{refnis:<8}{status}"
            for school, actor_id, refnis, status in rows]


def check_header_comment() -> None:
    """Raise SystemExit when the comment table at the top differs from DESIGNED_STATUSES."""
    text = Path(__file__).read_text(encoding="utf-8")
    missing = [line for line in status_table_lines() if f"#   {line}\n" not in text]
    if missing:
        raise SystemExit(
            "The status table in the comment at the top of make_example.py differs from "
            f"DESIGNED_STATUSES at: {missing[0]!r}. Update the comment to match the data."
        )


def main(argv: list[str] | None = None) -> int:
    """Write the example and print the designed statuses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR,
                        help=f"folder to write the example into (default: {DEFAULT_OUTPUT_DIR})")
    options = parser.parse_args(argv)
    check_header_comment()
    written = write_example(options.output_dir)
    for path in written:
        print(f"wrote {path}")
    print("\nDesigned school statuses:")
    for line in status_table_lines():
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

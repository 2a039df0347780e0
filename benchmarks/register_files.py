"""Write the invented registers in the dialects of the real downloads.

The municipality list, the merger crosswalk and the local-government register
are ``,``-separated UTF-8 without byte order mark with CRLF line endings, as
Statbel and the local-government portal publish them. The school export is
``;``-separated UTF-8 with a byte order mark and CR-only line endings, with
Lambert 72 coordinates and 2019 REFNIS codes, as the education department's
download of school establishments.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from benchmarks.world import World

MUNICIPALITIES_FILE = "municipalities-2025.csv"
MERGERS_FILE = "municipal-mergers-2025.csv"
LOCAL_GOVERNMENTS_FILE = "local-governments-2022.csv"
SCHOOLS_FILE = "primary-schools-bench.csv"
LOCAL_GOVERNMENT_URI = "https://w3id.org/edu-welfare/id/bench/bestuurseenheid/"

MUNICIPALITY_HEADER = (
    "nis_code", "name_nl", "name_fr", "province_nis", "province_nl", "region_nis",
    "region_nl", "arrondissement_nis_DERIVED", "arrondissement_nl_DERIVED", "postal_codes",
)
MERGER_HEADER = ("refnis2019_code", "name_nl", "end_date", "refnis2025_codes",
                 "refnis2025_names_nl")
LOCAL_GOVERNMENT_HEADER = (
    "uuid", "naam", "classificatie", "nis2019", "ovo", "kbo", "straat", "huisnummer",
    "bus", "postcode", "gemeente_adres", "volledig_adres", "uri",
)
SCHOOL_HEADER = (
    "schoolnummer", "intern_vplnummer", "net", "naam", "hoofdzetel", "straat", "huisnummer",
    "busnummer", "postcode", "gemeente", "niscode", "lx", "ly", "onderwijsniveau",
    "instellingstype", "clb", "bestuur", "scholengemeenschap", "taalstelsel",
)


def write_table(path: Path, header: tuple[str, ...], rows, *, delimiter: str,
                line_end: str, bom: bool) -> Path:
    """Write a header and rows as CSV in the given dialect; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator=line_end)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _register(path: Path, header: tuple[str, ...], rows) -> Path:
    return write_table(path, header, rows, delimiter=",", line_end="\r\n", bom=False)


def write_registers(world: World, folder: Path) -> list[Path]:
    """Write the four register files into ``folder``; return their paths."""
    return [
        _register(folder / MUNICIPALITIES_FILE, MUNICIPALITY_HEADER, _municipality_rows(world)),
        _register(folder / MERGERS_FILE, MERGER_HEADER, _merger_rows(world)),
        _register(folder / LOCAL_GOVERNMENTS_FILE, LOCAL_GOVERNMENT_HEADER,
                  _local_government_rows(world)),
        write_table(folder / SCHOOLS_FILE, SCHOOL_HEADER, _school_rows(world),
                    delimiter=";", line_end="\r", bom=True),
    ]


def _municipality_rows(world: World):
    for place in world.places:
        province = (world.province_code(place.province), world.province_name(place.province))
        arrondissement = (province[0], f"Arrondissement {province[1].split(' ', 1)[1]}")
        yield (place.refnis, place.name, place.name, *province, "02000", "Vlaams Gewest",
               *arrondissement, place.postcode)


def _merger_rows(world: World):
    """Yield the crosswalk: provinces, absorbed municipalities and the codes that continue."""
    for province in sorted({place.province for place in world.places}):
        code, name = world.province_code(province), world.province_name(province)
        yield code, name, "2025-01-01", code, name
    for place in world.places:
        if place.former_refnis:
            yield place.refnis, place.name, "2025-01-01", place.refnis, place.name
            yield place.former_refnis, place.former_name, "2025-01-01", place.refnis, place.name


def _local_government_rows(world: World):
    """Yield every municipality and OCMW, plus district and province rows the product skips."""
    for unit in world.units:
        yield _unit_row(unit.name, unit.classification, unit.refnis2019, unit.kbo,
                        unit.postcode)
    for number in range(max(1, len(world.places) // 100)):
        yield _unit_row(f"District {world.places[number].name}", "District", "", "", "")
    for province in sorted({place.province for place in world.places}):
        yield _unit_row(world.province_name(province), "Provincie",
                        world.province_code(province), "", "")


def _unit_row(name: str, classification: str, refnis: str, kbo: str, postcode: str):
    uuid = hashlib.sha256(f"{name}|{classification}|{refnis}".encode("utf-8")).hexdigest()
    street, house = ("Marktplein", "1") if classification == "Gemeente" else ("Zorgstraat", "3")
    address = f"{street} {house}, {postcode} {name}, België" if postcode else ""
    return (uuid, name, classification, refnis, "", kbo, street if postcode else "",
            house if postcode else "", "", postcode, name if postcode else "", address,
            LOCAL_GOVERNMENT_URI + uuid)


def _school_rows(world: World):
    for school in world.schools:
        if not school.number:
            continue
        place = world.places[school.place]
        school_type = ("Basisschool voor buitengewoon onderwijs" if school.special
                       else "Basisschool")
        # A school in an absorbed municipality still gives that municipality's name and code.
        locality = place.former_name if school.niscode == place.former_refnis else place.name
        yield (school.number, "1", school.net, school.name, "True", school.street,
               school.house_number, "", place.postcode, locality, school.niscode,
               str(int(school.x)), str(int(school.y)), "BaO", school_type, school.clb,
               school.board, school.community, "Nederlandstalig")

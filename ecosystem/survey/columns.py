"""The survey format: tables, columns, their Dutch and English headers and their codes.

The reader, the spreadsheet template and the data dictionary all use this
one description, so a column added here is read, offered in the template and
documented together. Headers are matched after :func:`normalise_header`:
lower case, spaces and hyphens as underscores.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecosystem.tables import normalise_header

# How a cell is read: a code of a concept scheme, several codes separated
# by ";", a year, a date, a number in Dutch or English notation, actor ids
# separated by ";", or free text.
CODE, CODES, YEAR, DATE, NUMBER, IDS, TEXT = "code", "codes", "year", "date", "number", "ids", "text"


@dataclass(frozen=True)
class Column:
    """One column of a survey table."""

    name: str
    dutch: str
    kind: str = TEXT
    required: bool = False
    scheme: str = ""
    aliases: tuple[str, ...] = ()
    help_en: str = ""
    help_nl: str = ""
    # Allowed values of a coded column that has no concept scheme.
    choices: tuple[str, ...] = ()

    def headers(self) -> tuple[str, ...]:
        """Return every header that names this column, normalised."""
        return tuple(dict.fromkeys(normalise_header(h)
                                   for h in (self.name, self.dutch, *self.aliases)))


@dataclass(frozen=True)
class SurveyTable:
    """One table of a survey: its sheet or file names and its columns."""

    name: str
    dutch: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Return every sheet or file name (without .csv) that names this table."""
        return tuple(dict.fromkeys(normalise_header(n)
                                   for n in (self.name, self.dutch, *self.aliases)))

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        return next(column for column in self.columns if column.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the columns every row needs."""
        return tuple(column.name for column in self.columns if column.required)


ACTORS = SurveyTable("actors", "actoren", aliases=("organisaties", "organisations"), columns=(
    Column("actor_id", "actor_id", required=True, aliases=("id", "actor", "code"),
           help_en="Your own short id for the actor, unique in this survey; links use it.",
           help_nl="Een eigen korte code voor de actor, uniek in deze bevraging; de "
                   "samenwerkingen verwijzen ernaar."),
    Column("name", "naam", required=True, aliases=("organisatie", "organisation"),
           help_en="Name of the organisation (never a person's name).",
           help_nl="Naam van de organisatie (nooit de naam van een persoon)."),
    Column("kind", "soort", CODE, required=True, aliases=("type",),
           choices=("school", "welfare", "local-government", "network", "bridge-organisation"),
           help_en="school, welfare, local-government, network or bridge-organisation.",
           help_nl="school, welfare, local-government, network of bridge-organisation."),
    Column("welfare_type", "welzijnstype", CODE, scheme="welfare-type",
           aliases=("type_welzijn", "welzijnsaanbod"),
           help_en="For welfare actors (required there): the kind of welfare organisation.",
           help_nl="Voor welzijnsactoren (daar verplicht): het soort welzijnsorganisatie."),
    Column("network_type", "netwerktype", CODE, scheme="network-type",
           aliases=("soort_netwerk",),
           help_en="For networks: the kind of network.",
           help_nl="Voor netwerken: het soort netwerk."),
    Column("school_number", "schoolnummer", aliases=("instellingsnummer",),
           help_en="For schools: the official school number (instellingsnummer).",
           help_nl="Voor scholen: het officiële instellingsnummer."),
    Column("kbo_number", "kbo_nummer", aliases=("kbo", "ondernemingsnummer", "kbo_number"),
           help_en="The organisation's 10-digit enterprise (KBO) number, if known.",
           help_nl="Het ondernemingsnummer (KBO) van 10 cijfers, als het gekend is."),
    Column("clb_number", "clb_nummer", aliases=("clb",),
           help_en="For a CLB: its institution number, as in the school register.",
           help_nl="Voor een CLB: het instellingsnummer, zoals in het scholenregister."),
    Column("refnis", "niscode", aliases=("nis", "nis_code", "refnis_code", "refnis2025"),
           help_en="5-digit REFNIS code of the municipality (a code of before 2025 is "
                   "converted).",
           help_nl="REFNIS-code van de gemeente, 5 cijfers (een code van voor 2025 wordt "
                   "omgezet)."),
    Column("municipality", "gemeente", aliases=("commune", "gemeinde"),
           help_en="Name of the municipality, when no REFNIS code is given.",
           help_nl="Naam van de gemeente, als er geen REFNIS-code is."),
    Column("province", "provincie", aliases=("province_nl",),
           help_en="Province, used to check the municipality's name.",
           help_nl="Provincie, om de naam van de gemeente te controleren."),
    Column("pupils", "leerlingen", NUMBER, aliases=("aantal_leerlingen",),
           help_en="For schools: number of pupils.",
           help_nl="Voor scholen: aantal leerlingen."),
    Column("indicator_pupil_share", "aandeel_indicatorleerlingen", NUMBER,
           aliases=("indicatorleerlingen",),
           help_en="For schools: share of indicator pupils (pupils who meet a "
                   "socio-economic indicator), in percent.",
           help_nl="Voor scholen: aandeel indicatorleerlingen, in procent."),
))

LINKS = SurveyTable("links", "samenwerkingen", aliases=("verbindingen", "collaborations"),
                    columns=(
    Column("source_id", "van", IDS, required=True, aliases=("bron", "bron_id", "source"),
           help_en="actor_id (or school number) of the actor the flow starts from.",
           help_nl="actor_id (of schoolnummer) van de actor waar de stroom vertrekt."),
    Column("target_id", "naar", IDS, required=True, aliases=("doel_id", "target"),
           help_en="actor_id (or school number) of the actor the flow goes to.",
           help_nl="actor_id (of schoolnummer) van de actor waar de stroom naartoe gaat."),
    Column("direction", "richting", CODE, required=True, scheme="direction",
           help_en="one-way: from source to target only; two-way: both ways.",
           help_nl="one-way: enkel van bron naar doel; two-way: in beide richtingen."),
    Column("formality", "formaliteit", CODE, required=True, scheme="formality",
           aliases=("vorm",),
           help_en="structural (agreed, recurring) or ad-hoc (case by case).",
           help_nl="structural (afgesproken, terugkerend) of ad-hoc (per geval)."),
    Column("initiator", "initiatiefnemer", CODE, scheme="initiator",
           aliases=("initiatief",),
           help_en="Who took the initiative: source, target or both.",
           help_nl="Wie nam het initiatief: source, target of both."),
    Column("purposes", "doelen", CODES, scheme="purpose", aliases=("doeleinden", "purpose"),
           help_en="Purposes of the collaboration, codes separated by ;.",
           help_nl="Doelen van de samenwerking, codes gescheiden door ;."),
    Column("intensity", "intensiteit", CODE, scheme="intensity",
           help_en="How intense the collaboration is, from awareness to integration.",
           help_nl="Hoe intens de samenwerking is, van kennismaking tot integratie."),
    Column("frequency", "frequentie", CODE, scheme="frequency",
           help_en="How often the partners meet or exchange for this collaboration.",
           help_nl="Hoe vaak de partners elkaar voor deze samenwerking spreken."),
    Column("barriers", "drempels", CODES, scheme="barrier", aliases=("barrier",),
           help_en="What hinders the collaboration, codes separated by ;.",
           help_nl="Wat de samenwerking hindert, codes gescheiden door ;."),
    Column("facilitators", "hefbomen", CODES, scheme="facilitator",
           aliases=("facilitator", "succesfactoren"),
           help_en="What helps the collaboration, codes separated by ;.",
           help_nl="Wat de samenwerking helpt, codes gescheiden door ;."),
    Column("since", "sinds", YEAR, aliases=("vanaf", "start"),
           help_en="Year the collaboration started.",
           help_nl="Jaar waarin de samenwerking begon."),
    Column("until", "tot", YEAR, aliases=("tot_en_met", "einde", "end"),
           help_en="Year the collaboration ended, if it ended.",
           help_nl="Jaar waarin de samenwerking stopte, als ze stopte."),
    Column("reported_by", "gemeld_door", CODE, scheme="reporting-side",
           aliases=("gerapporteerd_door", "bron_melding"),
           help_en="Who reports this row: source, target or third-party.",
           help_nl="Wie deze rij meldt: source, target of third-party."),
    Column("wave", "bevragingsronde", aliases=("golf", "schooljaar", "survey_wave"),
           help_en="School year of the survey round, such as 2024-2025.",
           help_nl="Schooljaar van de bevragingsronde, zoals 2024-2025."),
    Column("reported_on", "ingevuld_op", DATE, aliases=("datum", "date"),
           help_en="Date this row was filled in.",
           help_nl="Datum waarop deze rij werd ingevuld."),
))

MEMBERSHIPS = SurveyTable("memberships", "lidmaatschappen", aliases=("netwerken",), columns=(
    Column("actor_id", "actor_id", IDS, required=True, aliases=("lid", "member", "id"),
           help_en="actor_id (or school number) of the member.",
           help_nl="actor_id (of schoolnummer) van het lid."),
    Column("network_id", "netwerk_id", IDS, required=True, aliases=("netwerk", "network"),
           help_en="actor_id of the network (an actor of kind network).",
           help_nl="actor_id van het netwerk (een actor van het soort network)."),
    Column("role", "rol", CODE, scheme="network-role",
           help_en="Role in the network: steering, coordinating or member (default).",
           help_nl="Rol in het netwerk: steering, coordinating of member (standaard)."),
    Column("since", "sinds", YEAR, aliases=("vanaf",),
           help_en="Year the membership started.", help_nl="Jaar waarin het lidmaatschap begon."),
    Column("until", "tot", YEAR, aliases=("tot_en_met",),
           help_en="Year the membership ended, if it ended.",
           help_nl="Jaar waarin het lidmaatschap stopte, als het stopte."),
))

ROLES = SurveyTable("roles", "functies", aliases=("posts", "rollen"), columns=(
    Column("post_id", "functie_id", required=True, aliases=("id",),
           help_en="Your own short id for the post.",
           help_nl="Een eigen korte code voor de functie."),
    Column("organisation_id", "organisatie_id", IDS, required=True,
           aliases=("organisatie", "organisation", "werkgever_id"),
           help_en="actor_id of the organisation the post belongs to.",
           help_nl="actor_id van de organisatie waar de functie bij hoort."),
    Column("role", "rol", CODE, required=True, scheme="post-role", aliases=("functie",),
           help_en="The role: principal, care-coordinator, bridge-figure, ... Never a "
                   "person's name.",
           help_nl="De rol: principal, care-coordinator, bridge-figure, ... Nooit de naam van "
                   "een persoon."),
    Column("serves", "werkt_voor", IDS, aliases=("scholen", "schools"),
           help_en="actor_ids (or school numbers) of the schools the post works for, "
                   "separated by ;.",
           help_nl="actor_id's (of schoolnummers) van de scholen waarvoor de functie werkt, "
                   "gescheiden door ;."),
    Column("employer_type", "soort_werkgever", CODE, scheme="employer-type",
           aliases=("werkgever",),
           help_en="Who employs the post: school, city or welfare-organisation.",
           help_nl="Wie de functie tewerkstelt: school, city of welfare-organisation."),
    Column("since", "sinds", YEAR, aliases=("vanaf",),
           help_en="Year the post was created.", help_nl="Jaar waarin de functie startte."),
    Column("until", "tot", YEAR, aliases=("tot_en_met",),
           help_en="Year the post ended, if it ended.",
           help_nl="Jaar waarin de functie stopte, als ze stopte."),
))

WAVES = SurveyTable("waves", "bevragingsrondes", aliases=("golven", "survey_waves"), columns=(
    Column("wave", "bevragingsronde", required=True, aliases=("schooljaar", "golf"),
           help_en="School year of the survey round, such as 2024-2025.",
           help_nl="Schooljaar van de bevragingsronde, zoals 2024-2025."),
    Column("date", "datum", DATE,
           help_en="Date the survey was filled in.",
           help_nl="Datum waarop de bevraging werd ingevuld."),
    Column("description", "omschrijving",
           help_en="Who filled it in (as a role) and how.",
           help_nl="Wie ze invulde (als rol) en hoe."),
))

TABLES = (ACTORS, LINKS, MEMBERSHIPS, ROLES, WAVES)
# Ids in these columns start an example row of the template, which is not read.
EXAMPLE_PREFIXES = ("voorbeeld-", "example-")


def table_named(name: str) -> SurveyTable | None:
    """Return the table a sheet or file name (without .csv) names, in either language."""
    normalised = normalise_header(name)
    return next((table for table in TABLES if normalised in table.names()), None)


def canonical_columns(table: SurveyTable, headers: list[str]) -> dict[str, str]:
    """Map each header that names a column of ``table`` to the column's name."""
    mapping = {}
    for header in headers:
        for column in table.columns:
            if header in column.headers():
                mapping[header] = column.name
                break
    return mapping

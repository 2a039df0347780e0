"""Dutch and English text of the survey template.

The tables contain the instructions, the sheet descriptions, the format
names and the validation messages, each under a language code (``nl`` or
``en``). :mod:`ecosystem.survey.template` writes them into the workbook and
fills in their ``{placeholders}``.
"""

from __future__ import annotations

from ecosystem.survey.columns import CODE, CODES, DATE, IDS, NUMBER, TEXT, YEAR

_KIND_TEXT = {
    "nl": {CODE: "één code uit de lijst", CODES: "codes, gescheiden door ;",
           YEAR: "jaartal (4 cijfers)", DATE: "datum", NUMBER: "getal",
           IDS: "actor_id of schoolnummer", TEXT: "tekst"},
    "en": {CODE: "one code from the list", CODES: "codes, separated by ;",
           YEAR: "year (4 digits)", DATE: "date", NUMBER: "number",
           IDS: "actor_id or school number", TEXT: "text"},
}

_TABLE_TEXT = {
    "actors": {
        "nl": "De scholen, welzijnsorganisaties, netwerken en lokale besturen, één rij "
              "per actor.",
        "en": "The schools, welfare organisations, networks and local governments, one row "
              "per actor.",
    },
    "links": {
        "nl": "Wie met wie samenwerkt: één rij per samenwerking tussen twee actoren, met "
              "richting, vorm, doelen en beginjaar.",
        "en": "Who works with whom: one row per collaboration between two actors, with its "
              "direction, formality, purposes and first year.",
    },
    "memberships": {
        "nl": "Welke actor lid is van welk netwerk (LOP, scholengemeenschap, brede school, "
              "...).",
        "en": "Which actor is a member of which network (LOP, school community, brede "
              "school, ...).",
    },
    "roles": {
        "nl": "Functies zoals brugfiguur of zorgcoördinator: bij welke organisatie ze horen "
              "en voor welke scholen ze werken.",
        "en": "Posts such as bridge figure or care coordinator: the organisation they belong "
              "to and the schools they work for.",
    },
    "waves": {
        "nl": "Het schooljaar van de bevraging, de datum en wie ze invulde (als rol).",
        "en": "The school year of the survey, its date and who filled it in (as a role).",
    },
}

_TEXT = {
    "nl": {
        "instructions": "instructies",
        "code_lists": "codelijsten",
        "title": "Bevraging: samenwerking tussen basisscholen en welzijn",
        "purpose": [
            "Met deze bevraging brengt u in kaart welke basisscholen en welzijnsorganisaties "
            "samenwerken, hoe en sinds wanneer.",
            "De antwoorden vormen samen een kennisgraaf van het lokale netwerk. Zo ziet het "
            "lokaal bestuur welke scholen geïsoleerd zijn en waar een samenwerking aan één "
            "partner hangt.",
        ],
        "sheets": "Tabbladen",
        "instructions_line": "Deze uitleg.",
        "code_lists_line": "De toegelaten codes van elke codekolom, met hun betekenis.",
        "actors_heading": "Naar actoren verwijzen",
        "actors": [
            "Geef elke actor op het tabblad {actors} een eigen korte {actor_id} (bijvoorbeeld "
            "school-1 of caw) en gebruik die code op de andere tabbladen.",
            "Voor een school uit het scholenregister mag u ook het officiële {school_number} "
            "(instellingsnummer) gebruiken.",
        ],
        "codes_heading": "Codes",
        "codes": [
            "Een codekolom aanvaardt alleen de codes van het tabblad {code_lists}: kies ze "
            "uit de keuzelijst in de cel.",
            "In de kolommen {several} scheidt u meerdere codes met een puntkomma, "
            "bijvoorbeeld {sample}.",
        ],
        "privacy_heading": "Privacy",
        "privacy": [
            "Beschrijf mensen alleen via hun rol, zoals zorgcoördinator of brugfiguur.",
            "Vul nooit namen, e-mailadressen of telefoonnummers van personen in.",
        ],
        "filling_heading": "Invullen",
        "filling": [
            "De grijze rijen bovenaan elk tabblad zijn een voorbeeld: hun codes beginnen met "
            "{prefix} en ze worden niet ingelezen. Vul uw gegevens in onder het voorbeeld.",
            "Kolommen met een oranje kop zijn verplicht: een rij zonder waarde in zo'n kolom "
            "wordt niet ingelezen. Kolommen met een blauwe kop zijn optioneel.",
            "Beweeg over een kop om de uitleg bij die kolom te zien. Wijzig de namen van de "
            "tabbladen en de koppen niet, want het inlezen herkent de tabellen daaraan.",
        ],
        "run_heading": "Inlezen",
        "run": [
            "Bewaar het bestand als .xlsx en lees het in met:",
            "ecosystem run --reference registers/ --survey bevraging.xlsx",
            "registers/ is de map met de officiële registers (municipalities-2025.csv, "
            "municipal-mergers-2025.csv en primary-schools-*.csv).",
            "Het laadverslag load-report.csv noemt elke rij die niet werd ingelezen, met de "
            "reden en wat u kunt aanpassen.",
        ],
        "columns_heading": "Kolommen",
        "columns_header": ("tabblad", "kolom", "verplicht", "invullen als", "uitleg"),
        "yes": "ja",
        "no": "nee",
        "code_lists_header": ("kolom", "code", "label", "omschrijving"),
        "invalid_code": ("Ongeldige code", "Kies een code uit de lijst (tabblad {code_lists})."),
        "invalid_year": ("Ongeldig jaar", "Geef een jaartal tussen 1900 en 2100, "
                                          "bijvoorbeeld 2019."),
        "invalid_date": ("Ongeldige datum", "Geef een datum tussen 1900 en 2100, "
                                            "bijvoorbeeld 15/11/2024."),
        "several_codes": ("Meerdere codes", "Codes gescheiden door ;. Toegelaten: {codes}.",
                          "Codes gescheiden door ;. Zie het tabblad {code_lists}."),
    },
    "en": {
        "instructions": "instructions",
        "code_lists": "code lists",
        "title": "Survey: collaboration between primary schools and welfare",
        "purpose": [
            "This survey maps which primary schools and welfare organisations work together, "
            "how and since when.",
            "Together the answers form a knowledge graph of the local network. It shows the "
            "local government which schools are isolated and where a collaboration depends on "
            "one partner.",
        ],
        "sheets": "Sheets",
        "instructions_line": "This explanation.",
        "code_lists_line": "The allowed codes of every coded column, with their meaning.",
        "actors_heading": "Referring to actors",
        "actors": [
            "Give every actor on the {actors} sheet its own short {actor_id} (for example "
            "school-1 or caw) and use that id on the other sheets.",
            "For a school in the school register you may also use its official "
            "{school_number} (instellingsnummer).",
        ],
        "codes_heading": "Codes",
        "codes": [
            "A coded column accepts only the codes of the {code_lists} sheet: pick them from "
            "the drop-down list in the cell.",
            "In the columns {several}, separate several codes with a semicolon, for example "
            "{sample}.",
        ],
        "privacy_heading": "Privacy",
        "privacy": [
            "Describe people only by their role, such as care coordinator or bridge figure.",
            "Never fill in names, e-mail addresses or phone numbers of persons.",
        ],
        "filling_heading": "Filling in",
        "filling": [
            "The grey rows at the top of each sheet are an example: their ids start with "
            "{prefix} and they are not read. Fill in your data below the example.",
            "Columns with an orange header are required: a row without a value in such a "
            "column is not read. Columns with a blue header are optional.",
            "Hover over a header to see the explanation of its column. Do not rename the "
            "sheets or the headers, because the reader finds the tables by these names.",
        ],
        "run_heading": "Reading the survey",
        "run": [
            "Save the file as .xlsx and read it with:",
            "ecosystem run --reference registers/ --survey survey.xlsx",
            "registers/ is the folder with the official registers (municipalities-2025.csv, "
            "municipal-mergers-2025.csv and primary-schools-*.csv).",
            "The load report load-report.csv names every row that was not read, with the "
            "reason and what to change.",
        ],
        "columns_heading": "Columns",
        "columns_header": ("sheet", "column", "required", "format", "explanation"),
        "yes": "yes",
        "no": "no",
        "code_lists_header": ("column", "code", "label", "definition"),
        "invalid_code": ("Invalid code", "Pick a code from the list (sheet {code_lists})."),
        "invalid_year": ("Invalid year", "Enter a year between 1900 and 2100, for example "
                                         "2019."),
        "invalid_date": ("Invalid date", "Enter a date between 1900 and 2100, for example "
                                         "2024-11-15."),
        "several_codes": ("Several codes", "Codes separated by ;. Allowed: {codes}.",
                          "Codes separated by ;. See the {code_lists} sheet."),
    },
}

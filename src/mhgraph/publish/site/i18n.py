"""The site in two languages: the words of its interface, and numbers, money and dates.

Every page exists in Dutch (at its path) and in English (under ``en/``); the data itself
carries both languages in its labels. Numbers, amounts and dates are written the way a
reader of each language expects (``€ 9,9 mln`` and ``mei 2021`` in Dutch, ``€ 9.9 million``
and ``May 2021`` in English), by Babel from the CLDR locale data.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal
from rdflib import XSD, Literal

LANGUAGES = ("nl", "en")
#: The folder of the English pages; the Dutch ones are at the root.
ENGLISH = "en/"
#: The CLDR locale of each language of the site (British English writes "3 May 2021").
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}

#: The words of the interface. A key missing in one language is a bug the tests catch.
MESSAGES: dict[str, dict[str, str]] = {
    "home": {"nl": "Home", "en": "Home"},
    "activities": {"nl": "Activiteiten", "en": "Activities"},
    "organisations": {"nl": "Organisaties", "en": "Organisations"},
    "network": {"nl": "Netwerk", "en": "Network"},
    "countries": {"nl": "Landen", "en": "Countries"},
    "ontology": {"nl": "Ontologie", "en": "Ontology"},
    "queries": {"nl": "Vragen", "en": "Queries"},
    "query_page": {"nl": "Bevragen", "en": "Query"},
    "endpoint": {"nl": "SPARQL-endpoint", "en": "SPARQL endpoint"},
    "search": {"nl": "Zoeken", "en": "Search"},
    "search_label": {
        "nl": "Zoek activiteiten, resultaten, organisaties, instrumenten, landen",
        "en": "Search activities, results, organisations, instruments, countries",
    },
    "search_placeholder": {"nl": "bijv. 24.7, IND, DT&V", "en": "e.g. 24.7, IND, DT&V"},
    "search_needs_script": {
        "nl": "Zoeken werkt met JavaScript. Zonder JavaScript vindt u alles via de lijsten:",
        "en": "Search needs JavaScript. Without it, everything is reachable from the lists:",
    },
    "search_none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "language": {"nl": "Taal", "en": "Language"},
    "other_language": {"nl": "English", "en": "Nederlands"},
    "main_navigation": {"nl": "Hoofdnavigatie", "en": "Main navigation"},
    "breadcrumbs": {"nl": "Kruimelpad", "en": "Breadcrumbs"},
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "status": {"nl": "Stand van zaken", "en": "Status"},
    "status_summary": {"nl": "Stand van zaken in het kort", "en": "Status at a glance"},
    "derived": {
        "nl": "Afgeleid uit de toelichting in het rapport, niet afgelezen.",
        "en": "Derived from the report's explanation, not read off the report.",
    },
    "confidence": {"nl": "Zekerheid", "en": "Confidence"},
    "number": {"nl": "Nr.", "en": "No."},
    "title": {"nl": "Titel", "en": "Title"},
    "role": {"nl": "Rol", "en": "Role"},
    "name": {"nl": "Naam", "en": "Name"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "count": {"nl": "Aantal", "en": "Count"},
    "total": {"nl": "Totaal", "en": "Total"},
    "action_line": {"nl": "Actielijn", "en": "Action line"},
    "result": {"nl": "Resultaat", "en": "Result"},
    "activity": {"nl": "Activiteit", "en": "Activity"},
    "results": {"nl": "Resultaten", "en": "Results"},
    "sub_items": {"nl": "Onderdelen", "en": "Parts"},
    "description": {"nl": "Toelichting", "en": "Explanation"},
    "organisations_by_role": {"nl": "Betrokken organisaties", "en": "Organisations involved"},
    "money": {"nl": "Geld", "en": "Money"},
    "timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    "figures": {"nl": "Kengetallen", "en": "Figures"},
    "instruments": {"nl": "Wet- en regelgeving", "en": "Legal instruments"},
    "official_text": {"nl": "officiële tekst", "en": "official text"},
    "places": {"nl": "Landen en regio's", "en": "Countries and regions"},
    "region": {"nl": "Regio", "en": "Region"},
    "classification": {"nl": "Indeling", "en": "Classification"},
    "related": {"nl": "Zie ook", "en": "See also"},
    "more": {"nl": "Meer gegevens", "en": "More details"},
    "raw": {
        "nl": "Alle triples over deze bron (RDF)",
        "en": "All triples about this resource (RDF)",
    },
    "asserted": {"nl": "Vastgelegd in de bronbestanden", "en": "Stated in the source files"},
    "inferred": {
        "nl": "Afgeleid door OWL RL-redeneren (niet in de bronbestanden)",
        "en": "Inferred by OWL RL reasoning (not in the source files)",
    },
    "incoming": {"nl": "Verwijzingen naar deze bron", "en": "Links to this resource"},
    "formats": {"nl": "Deze beschrijving als", "en": "This description as"},
    "source": {"nl": "Vindplaats in het rapport", "en": "Where the report says so"},
    "period": {"nl": "Periode", "en": "Period"},
    "funder": {"nl": "Financier", "en": "Funder"},
    "recipient": {"nl": "Ontvanger", "en": "Recipient"},
    "for_activity": {"nl": "Bij activiteit", "en": "Of activity"},
    "filters": {"nl": "Filters", "en": "Filters"},
    "chosen": {"nl": "gekozen", "en": "chosen"},
    "clear_filters": {"nl": "Alle filters wissen", "en": "Clear all filters"},
    "download_csv": {"nl": "Download als CSV", "en": "Download as CSV"},
    "of": {"nl": "van", "en": "of"},
    "words": {"nl": "Woorden in de titel", "en": "Words in the title"},
    "filters_need_script": {
        "nl": "De filters werken met JavaScript; zonder staan hieronder alle activiteiten.",
        "en": "The filters need JavaScript; without it, every activity is listed below.",
    },
    "organisation": {"nl": "Organisatie", "en": "Organisation"},
    "country_region": {"nl": "Land of regio", "en": "Country or region"},
    "exploitation": {"nl": "Vorm van uitbuiting", "en": "Form of exploitation"},
    "target_group": {"nl": "Doelgroep", "en": "Target group"},
    "activity_type": {"nl": "Soort activiteit", "en": "Activity type"},
    "activities_of": {"nl": "Activiteiten", "en": "Activities"},
    "involved_other": {"nl": "Ook betrokken", "en": "Also involved"},
    "found": {"nl": "gevonden", "en": "found"},
    "resources": {"nl": "bronnen", "en": "resources"},
    "violations": {"nl": "overtredingen", "en": "violations"},
    "warnings": {"nl": "waarschuwingen", "en": "warnings"},
    "report": {"nl": "rapport", "en": "report"},
    "whole_region": {"nl": "de regio als geheel", "en": "the region as a whole"},
    "browse": {"nl": "Bladeren", "en": "Browse"},
    "downloads": {"nl": "Downloads", "en": "Downloads"},
    "file": {"nl": "Bestand", "en": "File"},
    "graph": {"nl": "Graaf", "en": "Graph"},
    "format": {"nl": "Formaat", "en": "Format"},
    "bytes": {"nl": "Bytes", "en": "Bytes"},
    "checksums": {"nl": "Controlegetallen", "en": "Checksums"},
    "jsonld_context": {"nl": "JSON-LD-context", "en": "JSON-LD context"},
    "metadata": {"nl": "Metadata", "en": "Metadata"},
    "about": {"nl": "Over deze publicatie", "en": "About this publication"},
    "edition": {"nl": "Editie", "en": "Edition"},
    "licence": {"nl": "licentie", "en": "licence"},
    "matrix": {
        "nl": "Organisaties per actielijn",
        "en": "Organisations per action line",
    },
    "status_per_line": {
        "nl": "Stand van zaken van de activiteiten per actielijn",
        "en": "Status of the activities per action line",
    },
    "places_chart": {
        "nl": "Aantal activiteiten en bedragen per land, per regio",
        "en": "Number of activities and amounts per country, by region",
    },
    "no_region": {"nl": "Geen regio", "en": "No region given"},
}


#: Names of the properties of other vocabularies that the data uses, which name them in
#: English only.
PROPERTY_WORDS: dict[str, dict[str, str]] = {
    "http://www.w3.org/2004/02/skos/core#altLabel": {"nl": "korte naam", "en": "short name"},
    "http://www.w3.org/ns/org#subOrganizationOf": {"nl": "onderdeel van", "en": "part of"},
    "https://schema.org/sameAs": {"nl": "dezelfde als", "en": "same as"},
    "http://www.w3.org/2002/07/owl#sameAs": {"nl": "dezelfde als", "en": "same as"},
    "http://purl.org/dc/terms/identifier": {"nl": "kenmerk", "en": "identifier"},
    "http://purl.org/dc/terms/date": {"nl": "datum", "en": "date"},
    "http://purl.org/dc/terms/publisher": {"nl": "uitgever", "en": "publisher"},
    "http://purl.org/dc/terms/issued": {"nl": "uitgegeven", "en": "issued"},
    "http://purl.org/dc/terms/language": {"nl": "taal", "en": "language"},
    "http://purl.org/dc/terms/title": {"nl": "titel", "en": "title"},
    "http://purl.org/dc/terms/isReferencedBy": {"nl": "genoemd in", "en": "referenced by"},
    "http://www.w3.org/2004/02/skos/core#inScheme": {"nl": "in begrippenkader", "en": "in scheme"},
    "http://www.w3.org/2004/02/skos/core#notation": {"nl": "notatie", "en": "notation"},
    "http://www.w3.org/2004/02/skos/core#topConceptOf": {
        "nl": "topbegrip van",
        "en": "top concept of",
    },
    "http://www.w3.org/2004/02/skos/core#hasTopConcept": {"nl": "topbegrip", "en": "top concept"},
    "https://schema.org/position": {"nl": "volgorde", "en": "position"},
}


def message(key: str, language: str) -> str:
    return MESSAGES[key][language]


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: object, language: str) -> str:
    """``1234.5`` as ``1.234,5`` (nl) or ``1,234.5`` (en); whole numbers without decimals."""
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return format_decimal(amount, locale=LOCALES[language])


def money(value: object, currency: str, language: str) -> tuple[str, str]:
    """An amount short and in full: ``("€ 9,9 mln", "€ 9.900.000")``.

    Below a million the short form is the full one; the currency's symbol where the site
    knows it, else its ISO 4217 code.
    """
    amount = _decimal(value)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if amount is None:
        return (f"{symbol}\u00a0{value}", f"{symbol}\u00a0{value}")
    # A no-break space, so that a line never ends between the symbol and the number.
    full = f"{symbol}\u00a0{number(amount, language)}"
    if abs(amount) < 1_000_000:
        return (full, full)
    compact = format_compact_decimal(
        amount,
        format_type="short" if language == "nl" else "long",
        locale=LOCALES[language],
        fraction_digits=1,
    )
    # CLDR's Dutch abbreviation ends in a full stop ("mln."); Dutch style guides drop it.
    return (f"{symbol}\u00a0{compact.rstrip('.')}", full)


def date(literal: Literal, language: str) -> str:
    """An ``xsd:date``, ``gYearMonth`` or ``gYear`` as a reader writes it ("mei 2021")."""
    text = str(literal)
    locale = LOCALES[language]
    try:
        if literal.datatype == XSD.gYear:
            return str(int(text[:4]))
        if literal.datatype == XSD.gYearMonth:
            year, month = text[:7].split("-")
            return format_date(datetime.date(int(year), int(month), 1), "MMMM y", locale=locale)
        if literal.datatype in (XSD.date, XSD.dateTime):
            day = datetime.date.fromisoformat(text[:10])
            return format_date(day, "d MMMM y", locale=locale)
    except ValueError:
        pass  # an ill-typed literal is shown as it stands
    return text

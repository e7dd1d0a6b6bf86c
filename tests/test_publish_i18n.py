"""Numbers, amounts and dates on the site's pages, as Dutch and English readers write them."""

from __future__ import annotations

import pytest
from rdflib import Literal, namespace

from mhgraph.publish.site.i18n import date, money, number


@pytest.mark.parametrize(
    "value, language, expected",
    [
        (9_900_000, "nl", ("€ 9,9 mln", "€ 9.900.000")),
        (9_900_000, "en", ("€ 9.9 million", "€ 9,900,000")),
        ("1600000.0", "nl", ("€ 1,6 mln", "€ 1.600.000")),
        (40_000_000, "en", ("€ 40 million", "€ 40,000,000")),
        (150_000, "nl", ("€ 150.000", "€ 150.000")),
        ("2500.50", "en", ("€ 2,500.5", "€ 2,500.5")),
    ],
)
def test_amounts_short_and_in_full(value, language, expected):
    # No-break spaces keep "€", the number and "mln" on one line.
    short, full = money(value, "EUR", language)
    assert "\u00a0" in short and " " not in full
    assert (short.replace("\u00a0", " "), full.replace("\u00a0", " ")) == expected


def test_an_unknown_currency_shows_its_code_and_a_bad_amount_as_it_stands():
    assert money(1_000, "XYZ", "nl") == ("XYZ\u00a01.000", "XYZ\u00a01.000")
    assert money("veel", "EUR", "en") == ("€\u00a0veel", "€\u00a0veel")


@pytest.mark.parametrize(
    "literal, nl, en",
    [
        (Literal("2021-05", datatype=namespace.XSD.gYearMonth), "mei 2021", "May 2021"),
        (Literal("2021-11-03", datatype=namespace.XSD.date), "3 november 2021", "3 November 2021"),
        (Literal("2022", datatype=namespace.XSD.gYear), "2022", "2022"),
        (Literal("2021-13", datatype=namespace.XSD.gYearMonth), "2021-13", "2021-13"),  # ill-typed
        (Literal("eind 2021"), "eind 2021", "eind 2021"),
    ],
)
def test_dates_as_readers_write_them(literal, nl, en):
    assert date(literal, "nl") == nl
    assert date(literal, "en") == en


def test_numbers_drop_needless_decimals():
    assert number(Literal("1234.0", datatype=namespace.XSD.decimal), "nl") == "1.234"
    assert number("1234.5", "en") == "1,234.5"
    assert number("n.v.t.", "nl") == "n.v.t."

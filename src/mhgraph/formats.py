"""Every file format the toolchain reads or writes, one record each.

Parsers, exports, dumps, the catalogue record, VoID, the service description and content
negotiation all need some name of the same format: rdflib's plugin name, Oxigraph's
``RdfFormat``, a file suffix, a media type, the W3C format IRI, the EU file-type code. They are
all taken from here, so a format is added (or corrected) in one line of :data:`FORMATS`.

This module imports no RDF library: the command line lists format names before anything heavy
is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .errors import FormatError

Kind = Literal["graph", "dataset", "results", "page"]

W3C_FORMATS = "http://www.w3.org/ns/formats/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class Format:
    """One format: its name on the command line and the names other systems give it.

    ``graph`` formats hold triples, ``dataset`` formats named graphs too, ``results`` formats
    SELECT and ASK answers, and ``page`` is HTML. The first suffix and media type are the ones
    written; the others are accepted when reading or negotiating. ``aliases`` are other names a
    person may type for it (``?format=turtle``).
    """

    name: str
    label: str
    kind: Kind
    suffixes: tuple[str, ...]
    media_types: tuple[str, ...]
    #: rdflib's plugin name and the member of Oxigraph's ``RdfFormat`` ("" for non-RDF formats).
    rdflib: str = ""
    oxigraph: str = ""
    #: The local names in the W3C format namespace and the EU file-type table ("": none).
    w3c: str = ""
    eu_file_type: str = ""
    aliases: tuple[str, ...] = ()
    #: Whether exports write it (N3 is read, never written: Oxigraph cannot).
    writable: bool = True
    #: Whether its subjects start their block on a line, so findings can name that line.
    line_mapped: bool = False

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def also_accepts(self) -> tuple[str, ...]:
        return self.media_types[1:]

    @property
    def names(self) -> tuple[str, ...]:
        """What a client or a person may call it: its name, then its aliases."""
        return (self.name, *self.aliases)

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("json", "xml"))
        return self.media_type + ("; charset=utf-8" if text else "")

    @property
    def w3c_iri(self) -> str | None:
        return W3C_FORMATS + self.w3c if self.w3c else None

    @property
    def eu_file_type_iri(self) -> str | None:
        return EU_FILE_TYPE + self.eu_file_type if self.eu_file_type else None

    @property
    def is_rdf(self) -> bool:
        return self.kind in ("graph", "dataset")


# fmt: off
FORMATS: tuple[Format, ...] = (
    Format("ttl", "Turtle", "graph", (".ttl",), ("text/turtle", "application/x-turtle", "application/turtle"), "turtle", "TURTLE", "Turtle", "RDF_TURTLE", ("turtle", "n3"), line_mapped=True),  # noqa: E501
    Format("nt", "N-Triples", "graph", (".nt",), ("application/n-triples",), "nt", "N_TRIPLES", "N-Triples", "RDF_N_TRIPLES", ("ntriples", "n-triples"), line_mapped=True),  # noqa: E501
    Format("jsonld", "JSON-LD", "graph", (".jsonld",), ("application/ld+json", "application/json", "application/x-json+ld"), "json-ld", "JSON_LD", "JSON-LD", "JSON_LD", ("json-ld", "json")),  # noqa: E501
    Format("xml", "RDF/XML", "graph", (".rdf", ".owl"), ("application/rdf+xml", "application/xml", "text/xml"), "xml", "RDF_XML", "RDF_XML", "RDF_XML", ("rdf", "rdf+xml")),  # noqa: E501
    Format("n3", "Notation3", "graph", (".n3",), ("text/n3",), "n3", "N3", "N3", writable=False, line_mapped=True),  # noqa: E501
    Format("trig", "TriG", "dataset", (".trig",), ("application/trig",), "trig", "TRIG", "TriG", "RDF_TRIG", line_mapped=True),  # noqa: E501
    Format("nq", "N-Quads", "dataset", (".nq",), ("application/n-quads",), "nquads", "N_QUADS", "N-Quads", "RDF_N_QUADS", ("nquads", "n-quads")),  # noqa: E501
    Format("json", "SPARQL results in JSON", "results", (".srj",), ("application/sparql-results+json", "application/json"), w3c="SPARQL_Results_JSON", aliases=("srj",)),  # noqa: E501
    Format("xml", "SPARQL results in XML", "results", (".srx",), ("application/sparql-results+xml", "application/xml", "text/xml"), w3c="SPARQL_Results_XML", aliases=("srx",)),  # noqa: E501
    Format("csv", "SPARQL results in CSV", "results", (".csv",), ("text/csv",), w3c="SPARQL_Results_CSV", eu_file_type="CSV"),  # noqa: E501
    Format("tsv", "SPARQL results in TSV", "results", (".tsv",), ("text/tab-separated-values",), w3c="SPARQL_Results_TSV", eu_file_type="TSV"),  # noqa: E501
    Format("html", "HTML", "page", (".html",), ("text/html", "application/xhtml+xml"), eu_file_type="HTML"),  # noqa: E501
)
# fmt: on


def _by_name(kinds: Iterable[Kind]) -> dict[str, Format]:
    wanted = set(kinds)
    return {f.name: f for f in FORMATS if f.kind in wanted}


#: RDF formats by command-line name (graphs and datasets).
RDF_FORMATS: dict[str, Format] = _by_name(("graph", "dataset"))
#: The RDF formats an export, a query answer or a dump can be written in.
WRITABLE_RDF: dict[str, Format] = {n: f for n, f in RDF_FORMATS.items() if f.writable}
#: What `mhgraph validate --format` writes its findings as (:mod:`mhgraph.reports`).
REPORT_FORMATS = ("text", "turtle", "json", "junit", "github", "sarif")
#: What `mhgraph diff --format` writes the changes as (:mod:`mhgraph.diff`).
DIFF_FORMATS = ("text", "csv", "ttl", "nt", "json-ld")
#: SELECT and ASK answers, by name.
RESULT_FORMATS: dict[str, Format] = _by_name(("results",))
#: The RDF format each readable suffix stands for.
BY_SUFFIX: dict[str, Format] = {s: f for f in RDF_FORMATS.values() for s in f.suffixes}
RDF_SUFFIXES: tuple[str, ...] = tuple(BY_SUFFIX)
LINE_MAPPED_SUFFIXES: frozenset[str] = frozenset(s for s, f in BY_SUFFIX.items() if f.line_mapped)
HTML = next(f for f in FORMATS if f.kind == "page")


def rdf_format(name: str) -> Format:
    """The writable RDF format called ``name``, or :class:`~mhgraph.errors.FormatError`."""
    found = WRITABLE_RDF.get(name)
    if found is None:
        raise FormatError(f"unknown format {name!r}", hint="use one of " + ", ".join(WRITABLE_RDF))
    return found

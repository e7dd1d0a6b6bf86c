"""Content negotiation: which representation a client gets, from ``Accept`` or a name.

A name (the ``format`` parameter, or a file extension) wins over ``Accept``, because it is
what a person typed; ``Accept`` is weighed by its q-values, the most specific range deciding,
and ties go to the order the server offers them in.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..formats import RDF_FORMATS, Format
from ..formats import RESULT_FORMATS as _RESULTS
from .web import HTTPError

SPARQL_JSON = _RESULTS["json"]
SPARQL_XML = _RESULTS["xml"]
CSV = _RESULTS["csv"]
TSV = _RESULTS["tsv"]
TURTLE = RDF_FORMATS["ttl"]
NTRIPLES = RDF_FORMATS["nt"]
JSONLD = RDF_FORMATS["jsonld"]
RDFXML = RDF_FORMATS["xml"]

#: What the SPARQL endpoint answers: SELECT and ASK as results, CONSTRUCT and DESCRIBE as RDF.
RESULT_FORMATS = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
GRAPH_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)


def choose(offers: tuple[Format, ...], accept: str = "", names: Sequence[str] = ()) -> Format:
    """The offer a client asked for, or 406 Not Acceptable with what it could have had.

    ``names`` are the values of ``format`` parameters, first match wins; some clients
    (SPARQLWrapper) send several, one of them a comma-separated list of media types.
    """
    wanted = [piece.strip().lower() for name in names for piece in name.split(",")]
    for name in filter(None, wanted):
        for offer in offers:
            if name in offer.names or name in (offer.media_type, *offer.also_accepts):
                return offer
    if any(wanted):
        raise _not_acceptable(offers, f"format {', '.join(names)!r} is not available here")
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        # Another name of a format counts only when asked for by name, never through a range
        # such as text/*, which would pick SPARQL XML for text/xml.
        exact = [q for media_type, q in ranges if media_type in offer.also_accepts]
        q = max([_quality(offer.media_type, ranges), *exact])
        if q > best_q:
            best, best_q = offer, q
    if best is None:
        raise _not_acceptable(offers, f"nothing here matches Accept: {accept}")
    return best


def parse_accept(accept: str) -> list[tuple[str, float]]:
    """``text/html;q=0.9, */*;q=0.1`` as ``[("text/html", 0.9), ("*/*", 0.1)]``."""
    ranges = []
    for part in accept.split(","):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        if "/" not in media_range:
            continue
        q = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media_range.lower(), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range that covers ``media_type`` (RFC 9110, 12.5.1)."""
    major = media_type.split("/")[0]
    specificity = {media_type: 3, f"{major}/*": 2, "*/*": 1}
    matches = [(specificity[r], q) for r, q in ranges if r in specificity]
    return max(matches)[1] if matches else 0.0


def _not_acceptable(offers: tuple[Format, ...], message: str) -> HTTPError:
    choices = ", ".join(f"{offer.names[0]} ({offer.media_type})" for offer in offers)
    return HTTPError(406, message, hint="available: " + choices)

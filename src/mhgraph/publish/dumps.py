"""The downloadable dumps: the asserted and the inferred graph in four RDF formats.

Portals list each file with its size and SHA-256 checksum, so the dumps are written from
bytes computed here and the figures are taken from those same bytes. N-Triples is sorted and
gzipped without a timestamp, so an unchanged graph gives byte-identical dumps.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass

from rdflib import Graph

from ..export import serialize
from .output import Staging


@dataclass(frozen=True)
class DumpFormat:
    name: str
    export_format: str
    suffix: str
    media_type: str
    #: Code in the EU file-type table.
    file_type: str
    gzipped: bool = False


DUMP_FORMATS: tuple[DumpFormat, ...] = (
    DumpFormat("Turtle", "ttl", ".ttl", "text/turtle", "RDF_TURTLE"),
    DumpFormat(
        "N-Triples (gzip)", "nt", ".nt.gz", "application/n-triples", "RDF_N_TRIPLES", gzipped=True
    ),
    DumpFormat("JSON-LD", "jsonld", ".jsonld", "application/ld+json", "JSON_LD"),
    DumpFormat("RDF/XML", "xml", ".rdf", "application/rdf+xml", "RDF_XML"),
)

#: What each part of the graph holds, for the catalogue and the home page.
PARTS = {
    "asserted": ("zoals vastgelegd", "as asserted"),
    "inferred": ("afgeleid met OWL RL", "inferred with OWL RL"),
}


@dataclass(frozen=True)
class Dump:
    part: str
    format: DumpFormat
    path: str
    size: int
    sha256: str
    triples: int


def context_document(prefixes: dict[str, str]) -> bytes:
    """The JSON-LD context every JSON-LD file of the publication uses, published on its own."""
    return (json.dumps({"@context": prefixes}, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write_dumps(staging: Staging, parts: dict[str, Graph], prefixes: dict[str, str]) -> list[Dump]:
    dumps: list[Dump] = []
    for part, graph in parts.items():
        for fmt in DUMP_FORMATS:
            data = serialize(graph, fmt.export_format, prefixes=prefixes)
            if fmt.gzipped:
                data = gzip.compress(data, compresslevel=9, mtime=0)
            path = f"dumps/{part}{fmt.suffix}"
            staging.write(path, data)
            digest = hashlib.sha256(data).hexdigest()
            dumps.append(Dump(part, fmt, path, len(data), digest, len(graph)))
    sums = "".join(f"{d.sha256}  {d.path.removeprefix('dumps/')}\n" for d in dumps)
    staging.write_text("dumps/SHA256SUMS", sums)
    return dumps

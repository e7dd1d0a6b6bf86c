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
from typing import TYPE_CHECKING

from ..formats import WRITABLE_RDF, Format
from ..output import Staging

if TYPE_CHECKING:
    from rdflib import Graph

    from ..engines import Engine


@dataclass(frozen=True)
class DumpFormat:
    """A format of :mod:`mhgraph.formats` as a dump file: gzipped or not."""

    format: Format
    gzipped: bool = False

    @property
    def name(self) -> str:
        return self.format.label + (" (gzip)" if self.gzipped else "")

    @property
    def export_format(self) -> str:
        return self.format.name

    @property
    def suffix(self) -> str:
        return self.format.suffix + (".gz" if self.gzipped else "")

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def file_type(self) -> str:
        """Code in the EU file-type table."""
        return self.format.eu_file_type


#: N-Triples is the largest and the one loaders stream, so it is the one compressed.
DUMP_FORMATS: tuple[DumpFormat, ...] = tuple(
    DumpFormat(WRITABLE_RDF[name], gzipped=name == "nt") for name in ("ttl", "nt", "jsonld", "xml")
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


def write_dumps(
    staging: Staging, parts: dict[str, Graph], prefixes: dict[str, str], engine: Engine
) -> list[Dump]:
    """Each part in each dump format, written by ``engine``'s serialisers."""
    dumps: list[Dump] = []
    for part, graph in parts.items():
        written = engine.write_each(graph, [f.export_format for f in DUMP_FORMATS], prefixes)
        for fmt, data in zip(DUMP_FORMATS, written, strict=True):
            if fmt.gzipped:
                data = gzip.compress(data, compresslevel=9, mtime=0)
            path = f"dumps/{part}{fmt.suffix}"
            staging.write(path, data)
            digest = hashlib.sha256(data).hexdigest()
            dumps.append(Dump(part, fmt, path, len(data), digest, len(graph)))
    sums = "".join(f"{d.sha256}  {d.path.removeprefix('dumps/')}\n" for d in dumps)
    staging.write_text("dumps/SHA256SUMS", sums)
    return dumps

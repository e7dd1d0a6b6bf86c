"""Checking the catalogue record against the official DCAT-AP and DCAT-AP-NL shapes.

The shapes are not part of the project (their licences forbid changing them, and they are
published elsewhere); point at a folder laid out like the project's shared conformance
folder. The DCAT-AP 3.0.1 template refers to property shapes defined in its ``ranges.ttl``,
so both are loaded; ``ranges.ttl`` in turn lists a few shapes that neither file defines,
and pySHACL refuses to run with such a reference, so those references (constraints that do
not exist) are dropped before validating and counted in :attr:`Conformance.dropped`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import SH, Graph

from ..errors import UsageError
from ..findings import Findings
from ..shacl_report import findings_from_report

#: The DCAT-AP-NL 3.0.1 validation set (DCAT-AP-NL "Validaties"), relative to the folder.
DCAT_AP_NL = (
    "dcat-ap/3.0.1/shacl/dcat-ap-SHACL.ttl",
    "dcat-ap/3.0.1/shacl/ranges.ttl",
    "dcat-ap-nl/3.0.1-werkversie/dcat-ap-nl-SHACL.ttl",
    "dcat-ap-nl/3.0.1-werkversie/dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl/3.0.1-werkversie/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
)


@dataclass
class Conformance:
    findings: Findings
    dropped: int


def load_profile(folder: Path, files: tuple[str, ...] = DCAT_AP_NL) -> tuple[Graph, int]:
    shapes = Graph()
    for name in files:
        path = folder / name
        if not path.is_file():
            raise UsageError(
                f"no {name} in {folder}",
                hint="give the folder that holds dcat-ap/ and dcat-ap-nl/ with their shapes",
            )
        shapes.parse(path, format="turtle")
    dangling = [
        (shape, prop)
        for shape, prop in shapes.subject_objects(SH.property)
        if shapes.value(prop, SH.path) is None
    ]
    for shape, prop in dangling:
        shapes.remove((shape, SH.property, prop))
    return shapes, len(dangling)


def check_catalogue(
    record: Graph, folder: Path, files: tuple[str, ...] = DCAT_AP_NL
) -> Conformance:
    """Validate ``record`` as it stands (no inference, as the portals do)."""
    import pyshacl  # slow to import; only a publication checked against DCAT-AP needs it

    shapes, dropped = load_profile(folder, files)
    _conforms, report, _report_text = pyshacl.validate(
        record, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    return Conformance(findings_from_report(report, shapes), dropped)

"""One findings model for every check, so every renderer and exit code treats them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

_SH = "http://www.w3.org/ns/shacl#"


class Severity(IntEnum):
    """Ordered so that a threshold (``--fail-on``) is a comparison."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        """The severity a SHACL result names; a result without one is a violation (SHACL 2.1.4)."""
        levels = {_SH + "Info": cls.INFO, _SH + "Warning": cls.WARNING}
        return levels.get(str(iri), cls.VIOLATION)

    @classmethod
    def parse(cls, word: str) -> Severity:
        """The severity a person types (``warning``, ``Violation``), as ``--fail-on`` takes it."""
        return cls[word.strip().upper()]

    @property
    def label(self) -> str:
        """The name as SHACL spells it (``Violation``), for reports."""
        return self.name.capitalize()

    @property
    def iri(self) -> URIRef:
        """The SHACL term (``sh:Violation``) a validation report writes."""
        from rdflib import URIRef

        return URIRef(_SH + self.label)


@dataclass(frozen=True)
class Finding:
    """One thing wrong (or worth a look) in the graph, with where to mend it.

    Every report format (text, Turtle, JSON, JUnit, GitHub, SARIF) is made from these fields;
    ``file`` and ``line`` are filled whenever the focus node stands in a file of the project,
    so an editor or a CI annotation can point at the place. ``messages`` holds the message in
    each language the shape gives (``en``, ``nl``).
    """

    severity: Severity
    messages: dict[str, str]
    focus_node: str | None = None
    path: str | None = None
    value: str | None = None
    source_shape: str | None = None
    constraint: str | None = None
    file: str | None = None
    line: int | None = None

    def message(self, language: str = "en") -> str:
        """The message in ``language``, else in whichever language the shape gave one."""
        if language in self.messages:
            return self.messages[language]
        return next(iter(self.messages.values()), "")

    @property
    def rule(self) -> str:
        """A stable name for the rule, for dashboards that group findings."""
        return self.source_shape or self.constraint or "mhgraph"


@dataclass
class Findings:
    """All findings of one validation, in the order they were found.

    Conformance follows SHACL: only violations break it; warnings and infos are shown but do
    not fail a build unless ``--fail-on`` asks for it (:meth:`at_least`).
    """

    items: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """How many findings have exactly ``severity``."""
        return sum(1 for f in self.items if f.severity == severity)

    def at_least(self, threshold: Severity) -> list[Finding]:
        """The findings at ``threshold`` or worse: what ``--fail-on`` turns into exit 1."""
        return [f for f in self.items if f.severity >= threshold]

    @property
    def conforms(self) -> bool:
        """True when there is no violation, as ``sh:conforms`` means it."""
        return self.count(Severity.VIOLATION) == 0

    def sorted(self) -> list[Finding]:
        """By file and line, then node and severity: the order a person mends them in, and
        a stable one, so reports diff."""
        return sorted(
            self.items,
            key=lambda f: (
                f.file or "~",
                f.line or 0,
                f.focus_node or "",
                -f.severity,
                f.path or "",
                f.message(),
            ),
        )

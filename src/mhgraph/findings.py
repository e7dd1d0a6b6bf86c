"""One findings model for every check, so every renderer and exit code treats them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from rdflib import SH, URIRef


class Severity(IntEnum):
    """Ordered so that a threshold (``--fail-on``) is a comparison."""

    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def from_iri(cls, iri: URIRef | None) -> Severity:
        return {SH.Info: cls.INFO, SH.Warning: cls.WARNING}.get(iri, cls.VIOLATION)

    @classmethod
    def parse(cls, word: str) -> Severity:
        return cls[word.strip().upper()]

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @property
    def iri(self) -> URIRef:
        return {self.INFO: SH.Info, self.WARNING: SH.Warning}.get(self, SH.Violation)


@dataclass(frozen=True)
class Finding:
    """One thing wrong (or worth a look) in the graph."""

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
        if language in self.messages:
            return self.messages[language]
        return next(iter(self.messages.values()), "")

    @property
    def rule(self) -> str:
        """A stable name for the rule, for dashboards that group findings."""
        return self.source_shape or self.constraint or "mhgraph"


@dataclass
class Findings:
    items: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.items if f.severity == severity)

    def at_least(self, threshold: Severity) -> list[Finding]:
        return [f for f in self.items if f.severity >= threshold]

    @property
    def conforms(self) -> bool:
        return self.count(Severity.VIOLATION) == 0

    def sorted(self) -> list[Finding]:
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

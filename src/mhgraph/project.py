"""Where a graph project lives: a folder with `ontology/`, `data/`, `shapes/` and `queries/`.

The folder is a convention, not a configuration: point the tool at any folder with that
layout. Without one, the tool uses the graph that ships with the package (inside the wheel)
or, in a source checkout, the graph of the repository itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ProjectError
from .formats import RDF_SUFFIXES

REQUIRED_FOLDERS = ("ontology", "data", "shapes")

#: Files in data/ that belong to the model rather than to the report's facts: they are loaded
#: with the ontology when validating someone else's files against the project's shapes.
REFERENCE_DATA = ("vocabularies.ttl",)


@dataclass(frozen=True)
class Project:
    """A graph project on disk: the folder every command reads its graph, shapes, queries and
    settings from. Paths in reports are made relative to ``root``."""

    root: Path

    @classmethod
    def at(cls, folder: str | Path) -> Project:
        """The project in ``folder``; raises :class:`~mhgraph.errors.ProjectError` when the
        folder is missing or lacks ontology/, data/ or shapes/."""
        root = Path(folder).expanduser()
        if not root.is_dir():
            raise ProjectError(
                f"project folder {root} does not exist",
                hint="pass --project DIR with a folder that holds ontology/, data/ and shapes/",
            )
        missing = [name for name in REQUIRED_FOLDERS if not (root / name).is_dir()]
        if missing:
            raise ProjectError(
                f"project folder {root} has no {', '.join(name + '/' for name in missing)}",
                hint="a project holds ontology/, data/, shapes/ and optionally queries/",
            )
        return cls(root.resolve())

    @classmethod
    def default(cls) -> Project:
        """The graph that ships with the package, or the repository's in a source checkout."""
        packaged = Path(str(resources.files("mhgraph"))) / "_graph"
        if packaged.is_dir():
            return cls.at(packaged)
        checkout = Path(__file__).resolve().parents[2]
        return cls.at(checkout)

    @classmethod
    def resolve(cls, folder: str | Path | None) -> Project:
        """``folder`` when given (``--project``), else :meth:`default`."""
        return cls.default() if folder is None else cls.at(folder)

    def _rdf_files(self, folder: str) -> list[Path]:
        base = self.root / folder
        if not base.is_dir():
            return []
        return sorted(p for p in base.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())

    @property
    def ontology_files(self) -> list[Path]:
        """The RDF files of ontology/, sorted, so every run reads them in the same order."""
        return self._rdf_files("ontology")

    @property
    def data_files(self) -> list[Path]:
        """The RDF files of data/, sorted."""
        return self._rdf_files("data")

    @property
    def reference_files(self) -> list[Path]:
        """The ontology plus the vocabularies: what other people's data is checked against."""
        vocabularies = [p for p in self.data_files if p.name in REFERENCE_DATA]
        return self.ontology_files + vocabularies

    @property
    def shape_files(self) -> list[Path]:
        """The RDF files of shapes/, sorted."""
        return self._rdf_files("shapes")

    @property
    def queries_dir(self) -> Path:
        """Where the stored queries are; it may be missing (a project without queries)."""
        return self.root / "queries"

    def relative(self, path: Path) -> str:
        """A path as people see it in reports: relative to the project where possible."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

"""RDF terms as plain values: what a query answer and a bound parameter are, without an RDF
library.

``mhgraph query`` after a build reads the kept graph into Oxigraph and prints the answer; its
whole cost is starting the process, and importing rdflib alone would be most of that. So the
parameters it binds and the cells it renders are :class:`Term` values, written in SPARQL and
the results formats here, and turned into rdflib terms only where someone asks for those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rdflib.term import Node

Kind = Literal["uri", "bnode", "literal"]
#: A plain literal's datatype: written as no datatype, as rdflib and the results formats do.
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: What a SPARQL or Turtle IRI may not hold (rdflib refuses to write the same characters).
_NOT_IN_IRI = re.compile(r'[<>" {}|\\^`\x00-\x20]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True, slots=True)
class Term:
    """An IRI, a blank node or a literal, as the SPARQL results formats describe one.

    ``datatype`` is None for a plain or language-tagged literal, as in the JSON results
    format; ``value`` is the IRI, the blank node's label or the lexical form.
    """

    kind: Kind
    value: str
    language: str | None = None
    datatype: str | None = None

    def n3(self) -> str:
        """The term as one SPARQL (and Turtle) token: ``<iri>``, ``_:b0``, ``"text"@en``.

        Every character that could end a literal early, or break a line of a TSV answer, is
        escaped; an IRI that cannot be written as one token raises ValueError.
        """
        if self.kind == "uri":
            if _NOT_IN_IRI.search(self.value):
                raise ValueError(f"{self.value!r} cannot be written as an IRI")
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        quoted = '"' + "".join(_ESCAPES.get(char, char) for char in self.value) + '"'
        if self.language:
            return f"{quoted}@{self.language}"
        if self.datatype:
            return f"{quoted}^^<{self.datatype}>"
        return quoted

    def to_rdflib(self) -> Node:
        """The same term in rdflib, for the reference engine and the library's callers."""
        from rdflib import BNode, Literal, URIRef

        if self.kind == "uri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        datatype = URIRef(self.datatype) if self.datatype else None
        return Literal(self.value, lang=self.language, datatype=datatype)

    @classmethod
    def from_rdflib(cls, node: Node) -> Term:
        """The plain value of an rdflib term (an rdflib term means rdflib is loaded already)."""
        from rdflib import BNode, Literal, URIRef

        if isinstance(node, URIRef):
            return cls("uri", str(node))
        if isinstance(node, BNode):
            return cls("bnode", str(node))
        if isinstance(node, Literal):
            datatype = str(node.datatype) if node.datatype and not node.language else None
            return cls("literal", str(node), node.language or None, datatype)
        raise TypeError(f"{node!r} is not an IRI, a blank node or a literal")


def plain(term: Term | Node) -> Term:
    """``term`` as a :class:`Term`, whether it is one already or an rdflib term."""
    return term if isinstance(term, Term) else Term.from_rdflib(term)


#: Bound parameters: variable names (or rdflib ``Variable``\ s) to terms of either kind.
Bindings = Mapping[Any, "Term | Node"]

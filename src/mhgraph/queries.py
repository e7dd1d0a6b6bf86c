"""The stored-query catalogue: `queries/*.rq` with grlc-style headers and typed parameters.

A header is YAML behind ``#+`` (the grlc decorator convention), so the folder also serves
as a grlc API. Parameters follow grlc's variable naming: ``?_name_type`` is required,
``?__name_type`` optional, where the type is ``iri``, ``literal``, a language tag such as
``en``, or ``xsd_<datatype>``. Values are turned into RDF terms and bound to the variables;
they never become query text when mhgraph runs a query. Every parameter has a default, so a
query runs as it stands; an optional parameter whose value is empty stays unbound.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import ParameterError, QueryError
from .namespaces import PREFIXES
from .ordering import OrderKeys, natural
from .query_text import plain_form
from .results import QueryResult, short_name
from .values import Bindings, Term, plain

if TYPE_CHECKING:
    from rdflib import Variable
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.term import Node

#: grlc's decorators, plus Dutch versions of the two texts people read.
DECORATORS = frozenset(
    {
        "summary",
        "summary_nl",
        "description",
        "description_nl",
        "tags",
        "defaults",
        "enumerate",
        "endpoint",
        "endpoint_in_url",
        "method",
        "pagination",
        "transform",
    }
)

_PARAMETER = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*)((?:_[A-Za-z0-9]+)*)")

XSD = PREFIXES["xsd"]
_LEXICAL_FORMS = {
    XSD + "integer": r"[+-]?\d+",
    XSD + "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    XSD + "boolean": r"true|false|1|0",
    XSD + "gYear": r"-?\d{4}",
    XSD + "gYearMonth": r"-?\d{4}-(0[1-9]|1[0-2])",
    XSD + "date": r"-?\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])",
    XSD + "string": r"(?s).*",
}
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")


@dataclass(frozen=True)
class Parameter:
    """A query variable a user may bind: its name, type and default."""

    name: str
    variable: str
    kind: str  # "iri", "literal", "lang" or "datatype"
    datatype: str | None = None
    language: str | None = None
    required: bool = True
    default: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def type_label(self) -> str:
        """The type as the listing and the errors show it: ``iri``, ``xsd:date``, ``literal@nl``."""
        if self.kind == "datatype" and self.datatype is not None:
            return "xsd:" + self.datatype.removeprefix(XSD)
        if self.kind == "lang":
            return f"literal@{self.language}"
        return self.kind

    def to_term(self, value: str) -> Term:
        """Turn what a user typed into the RDF term the variable is bound to."""
        if self.kind == "iri":
            return _to_iri(self.name, value)
        if self.kind == "lang":
            return Term("literal", value, language=self.language)
        if self.kind == "datatype" and self.datatype is not None:
            pattern = _LEXICAL_FORMS.get(self.datatype)
            if pattern is not None and not re.fullmatch(pattern, value.strip()):
                raise ParameterError(
                    f"parameter {self.name}: {value!r} is not a valid {self.type_label}",
                    hint=f"give a value such as {self.default!r}" if self.default else None,
                )
            return Term("literal", value.strip(), datatype=self.datatype)
        return Term("literal", value)


def _to_iri(name: str, value: str) -> Term:
    value = value.strip()
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not _IRI.fullmatch(value):
        raise ParameterError(
            f"parameter {name}: {value!r} is not an IRI",
            hint="give a full IRI (https://…) or a prefixed name such as organisatie:comensha",
        )
    return Term("uri", value)


def sparql_term(term: Term | Node) -> str:
    """Write a bound term as SPARQL syntax, escaping every character that could end it early.

    IRIs were checked by :func:`_to_iri`, language tags and datatypes come from the variable
    name, so only the lexical form of a literal needs escaping.
    """
    value = plain(term)
    if value.kind == "bnode":
        raise QueryError(f"a parameter cannot be bound to {term!r}")
    return value.n3()


@dataclass(frozen=True)
class StoredQuery:
    """One ``.rq`` file of the catalogue: its SPARQL, its grlc header and its parameters.

    The header is grlc's (``#+ summary:``, ``defaults``, ``enumerate``), so the same files
    serve grlc, the CLI and ``mhgraph serve`` without a second description; the Dutch fields
    (``summary_nl``, ``description_nl``) are ours and grlc ignores them.
    """

    name: str
    path: Path
    text: str
    header: dict = field(default_factory=dict)
    parameters: tuple[Parameter, ...] = ()
    #: The ORDER BY keys, which :meth:`ordered` applies in natural order.
    order: OrderKeys = ()

    def ordered(self, result: QueryResult) -> QueryResult:
        """``result`` in the query's own order, numbers in identifiers compared as numbers."""
        return natural(result, self.order)

    def check_known(self, bindings: Bindings, known: Iterable[str]) -> None:
        """Refuse a bound resource the graph does not describe (``country:XYZ`` would give
        no rows, silently), naming the nearest resources of the same kind. ``known`` are the
        described IRIs: a set is used as it is (a server's, made once), anything else is
        read only when a resource parameter is bound."""
        described = None
        by_name = {str(variable): term for variable, term in bindings.items()}
        for parameter in self.parameters:
            bound = by_name.get(parameter.variable)
            term = plain(bound) if bound is not None else None
            if parameter.kind != "iri" or term is None or term.kind != "uri":
                continue
            if described is None:
                described = known if isinstance(known, AbstractSet) else set(known)
            if term.value in described:
                continue
            folder, _, name = term.value.rpartition("/")
            siblings = {
                iri.rpartition("/")[2]: iri for iri in described if iri.rpartition("/")[0] == folder
            }
            nearest = [
                siblings[close]
                for close in difflib.get_close_matches(name, siblings, n=3, cutoff=0.6)
            ]
            raise ParameterError(
                f"parameter {parameter.name}: the graph has no {short_name(term)}",
                hint=(
                    "did you mean " + ", ".join(short_name(Term("uri", n)) for n in nearest) + "?"
                    if nearest
                    else "see 'mhgraph sparql' for the resources of that kind"
                ),
            )

    @property
    def summary(self) -> str:
        """The question the query answers, in English."""
        return str(self.header.get("summary", "")).strip()

    @property
    def summary_nl(self) -> str:
        """The same question in Dutch."""
        return str(self.header.get("summary_nl", "")).strip()

    @property
    def description(self) -> str:
        """What the answer means and what it leaves out, in English."""
        return str(self.header.get("description", "")).strip()

    @property
    def description_nl(self) -> str:
        """The description in Dutch."""
        return str(self.header.get("description_nl", "")).strip()

    @property
    def tags(self) -> list[str]:
        """The families the catalogue page groups the query under."""
        return [str(tag) for tag in self.header.get("tags", []) or []]

    def bindings(self, values: dict[str, str] | None = None) -> dict[Variable, Node]:
        """Bind the given values (and the defaults of the rest) to the query's variables,
        as rdflib terms; :meth:`terms` gives the same without rdflib."""
        from rdflib import Variable

        return {Variable(name): term.to_rdflib() for name, term in self.terms(values).items()}

    def terms(self, values: dict[str, str] | None = None) -> dict[str, Term]:
        """Bind the given values (and the defaults of the rest) to the query's variables,
        by variable name."""
        values = dict(values or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"query {self.name} has no parameter {', '.join(unknown)}",
                hint="its parameters are " + (", ".join(known) or "none"),
            )
        bound: dict[str, Term] = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            if value is None or (value == "" and not parameter.required):
                if parameter.required:
                    raise ParameterError(
                        f"query {self.name} needs parameter {parameter.name}",
                        hint=f"add --param {parameter.name}=VALUE ({parameter.type_label})",
                    )
                continue
            if parameter.choices and value not in parameter.choices:
                raise ParameterError(
                    f"parameter {parameter.name}: {value!r} is not one of "
                    + ", ".join(parameter.choices)
                )
            bound[parameter.variable] = parameter.to_term(value)
        return bound

    def bound_text(self, bindings: Bindings) -> str:
        """The query with each bound parameter written in as its term, the way grlc sends it.

        For reading (``--explain``) and for engines that only substitute projected variables
        (pyoxigraph); mhgraph itself always runs :attr:`text` with the terms pre-bound.
        """
        written = {str(variable): sparql_term(term) for variable, term in bindings.items()}
        pieces: list[str] = []
        position = 0
        for match in _PARAMETER.finditer(_without_comments_and_strings(self.text)):
            term = written.get(match.group(0)[1:])
            if term is not None:
                pieces += [self.text[position : match.start()], term]
                position = match.end()
        return "".join(pieces) + self.text[position:]


def parse_stored_query(path: Path, *, parse_sparql: bool = True) -> StoredQuery:
    """Read one `.rq` file strictly: unknown decorators, untyped parameters or parameters
    without a default, bad SPARQL and FROM or SERVICE fail.

    ``parse_sparql=False`` leaves the SPARQL to whoever runs the query: every engine and the
    server parse it again, with the same refusals, before it runs (the parse is most of the
    time of a query on the cached graph).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError("no such query file", file=path) from None
    header = _header(path, text)
    if parse_sparql:
        _check_sparql(text, path)
    parameters = _parameters(path, text, header)
    return StoredQuery(path.stem, path, text, header, parameters, _order_keys(text))


def check_stored_query(stored: StoredQuery) -> None:
    """What `queries check` adds to parsing: the query still parses with its defaults written
    in, as grlc would send it."""
    try:
        _parse(stored.bound_text(stored.bindings()), stored.path)
    except QueryError as err:
        raise QueryError(
            "with its defaults written in, the query no longer parses: " + err.message,
            file=stored.path,
            hint="use a parameter only where a constant may stand (not in SELECT, GROUP BY, "
            "BOUND() or AS)",
        ) from None


def check_folder(folder: Path) -> tuple[int, list[QueryError]]:
    """Check every stored query in ``folder``; every problem is collected, not just the first."""
    files = _query_files(folder)
    problems: list[QueryError] = []
    for path in files:
        try:
            check_stored_query(parse_stored_query(path))
        except QueryError as err:
            problems.append(err)
    return len(files), problems


#: libyaml's safe loader where PyYAML was built with it: ten times quicker on the catalogue,
#: which ``mhgraph serve`` reads at every start.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _header(path: Path, text: str) -> dict:
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" "))
        elif line.strip() and not line.startswith("#"):
            break
    try:
        header = yaml.load("\n".join(header_lines), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise QueryError(
            f"the #+ header is not valid YAML: {getattr(err, 'problem', err)}",
            file=path,
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(header, dict):
        raise QueryError("the #+ header must be a mapping of decorators", file=path, line=1)
    unknown = sorted(set(header) - DECORATORS)
    if unknown:
        raise QueryError(
            f"unknown decorator {', '.join(unknown)}",
            file=path,
            hint="known decorators: " + ", ".join(sorted(DECORATORS)),
        )
    if not str(header.get("summary", "")).strip():
        raise QueryError("the header has no '#+ summary:'", file=path, line=1)
    return header


def _check_sparql(text: str, path: Path) -> None:
    """Refuse bad SPARQL, FROM and SERVICE. A query that names no guarded keyword and that
    Oxigraph parses is good (a tenth of the time of rdflib's grammar, for a catalogue read at
    every publish); any other goes through rdflib's parser, whose errors say where."""
    if plain_form(text) is not None and _oxigraph_parses(text):
        return
    from .sparql import refuse_external_access  # rdflib's SPARQL parser: only when needed

    refuse_external_access(_parse(text, path), str(path))


def _oxigraph_parses(text: str) -> bool:
    import pyoxigraph

    try:
        # On an empty store: the answer is never read, and would be empty.
        pyoxigraph.Store().query(text)
    except (SyntaxError, ValueError):
        return False
    return True


def _parse(text: str, path: Path) -> Query:
    """Parse without predeclared prefixes: a stored query declares its own, as grlc needs."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except Exception as err:  # pyparsing's exceptions carry the position
        line = getattr(err, "lineno", None)
        raise QueryError(
            f"SPARQL syntax error: {getattr(err, 'msg', err)}",
            file=path,
            line=line,
            hint="a stored query declares its own PREFIX lines, as grlc and YASGUI need",
        ) from None


def _parameters(path: Path, text: str, header: dict) -> tuple[Parameter, ...]:
    defaults = _mapping(header.get("defaults"), "defaults", path)
    choices = _mapping(header.get("enumerate"), "enumerate", path)
    found: dict[str, Parameter] = {}
    for match in _PARAMETER.finditer(_without_comments_and_strings(text)):
        underscores, name, suffix = match.groups()
        if name in found:
            continue
        kind, datatype, language = _parameter_type(path, name, suffix)
        if name not in defaults:
            raise QueryError(
                f"parameter ?{underscores}{name}{suffix} has no default",
                file=path,
                hint=f"add '- {name}: VALUE' under '#+ defaults:'; an empty value leaves an "
                "optional parameter unbound",
            )
        default = defaults[name]
        found[name] = Parameter(
            name=name,
            variable=match.group(0)[1:],
            kind=kind,
            datatype=datatype,
            language=language,
            required=underscores == "_",
            default=None if default is None else str(default),
            choices=_choices(choices.get(name), name, path),
        )
    stray = sorted(set(defaults) - set(found))
    if stray:
        raise QueryError(f"defaults name unknown parameter {', '.join(stray)}", file=path)
    return tuple(found.values())


def _parameter_type(path: Path, name: str, suffix: str) -> tuple[str, str | None, str | None]:
    parts = [p for p in suffix.split("_") if p]
    if parts == ["iri"]:
        return "iri", None, None
    if parts == ["literal"]:
        return "literal", None, None
    if len(parts) == 2 and parts[0] == "xsd":
        return "datatype", XSD + parts[1], None
    if len(parts) == 1 and re.fullmatch(r"[a-z]{2}", parts[0]):
        return "lang", None, parts[0]
    raise QueryError(
        f"parameter ?_{name}{suffix} has no type",
        file=path,
        hint="name it ?_NAME_iri, ?_NAME_literal, ?_NAME_xsd_TYPE or ?_NAME_LANG (grlc)",
    )


def _choices(value: object, name: str, path: Path) -> tuple[str, ...]:
    """The values ``enumerate`` allows for one parameter: a list, not a string to be split
    into its letters."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise QueryError(f"'enumerate' of {name} must be a list of values", file=path)
    return tuple(str(choice) for choice in value)


def _mapping(value: object, decorator: str, path: Path) -> dict[str, object]:
    """grlc writes defaults and enumerations as a list of one-key mappings."""
    if value is None:
        return {}
    items = value if isinstance(value, list) else [value]
    merged: dict[str, object] = {}
    for item in items:
        if not isinstance(item, dict):
            raise QueryError(f"'{decorator}' must list 'name: value' entries", file=path)
        merged.update({str(k): v for k, v in item.items()})
    return merged


def _without_comments_and_strings(text: str) -> str:
    """Blank out comments, strings and IRIs so a ``?_x`` inside them is not a parameter."""
    pattern = re.compile(
        r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
        r"|<[^<>\s]*>|#[^\n]*"
    )
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


_ORDER_BY = re.compile(r"\bORDER\s+BY\b(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", re.I | re.S)
_ORDER_KEY = re.compile(r"(ASC|DESC)\s*\(\s*\?(\w+)\s*\)|\?(\w+)", re.I)


def _order_keys(text: str) -> OrderKeys:
    """The top-level ORDER BY of a query when every key is a plain variable, else ().

    Read from the text, as the catalogue need not parse the SPARQL: the clause after the
    last closing brace, so a subquery's ORDER BY does not count."""
    code = _without_comments_and_strings(text)
    found = _ORDER_BY.search(code[code.rfind("}") + 1 :])
    if found is None:
        return ()
    clause, keys, position = found.group(1), [], 0
    for key in _ORDER_KEY.finditer(clause):
        if clause[position : key.start()].strip():
            return ()
        direction, wrapped, plain = key.groups()
        keys.append((wrapped or plain, (direction or "").upper() == "DESC"))
        position = key.end()
    return () if clause[position:].strip() else tuple(keys)


def _query_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


@dataclass
class Catalogue:
    """Every stored query of a project, by name."""

    queries: dict[str, StoredQuery]

    @classmethod
    def load(cls, folder: Path, *, parse_sparql: bool = True) -> Catalogue:
        """Every stored query in ``folder``; see :func:`parse_stored_query` for ``parse_sparql``."""
        return cls(
            {
                path.stem: parse_stored_query(path, parse_sparql=parse_sparql)
                for path in _query_files(folder)
            }
        )

    @classmethod
    def find(cls, folder: Path, name_or_path: str) -> StoredQuery:
        """One stored query, reading only its own file when the name is exact (parsing the
        whole catalogue takes longer than running a query on the cached graph)."""
        exact = folder / f"{name_or_path}.rq"
        if "/" not in name_or_path and exact.is_file():
            return parse_stored_query(exact, parse_sparql=False)
        return cls.load(folder).get(name_or_path)

    def get(self, name_or_path: str) -> StoredQuery:
        """The query by name, or an ``.rq`` file outside the catalogue; raises
        :class:`~mhgraph.errors.QueryError` with the closest names when there is none."""
        if name_or_path in self.queries:
            return self.queries[name_or_path]
        candidate = Path(name_or_path)
        if candidate.suffix == ".rq" and candidate.is_file():
            return parse_stored_query(candidate)
        close = [n for n in self.queries if name_or_path.lower() in n.lower()][:5]
        raise QueryError(
            f"no stored query named {name_or_path!r}",
            hint=("did you mean " + ", ".join(close) + "?")
            if close
            else "run 'mhgraph queries' to list them",
        )

    def __iter__(self) -> Iterator[StoredQuery]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

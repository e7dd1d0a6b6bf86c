"""Pictures for people who would rather look than read, drawn as SVG from query results.

No script, no web font, no external file: each chart is inline SVG in the page, built by
:mod:`.svg` so that every label from the data is escaped. Each chart is one image to
assistive technology and has a table next to it with the same figures and the links, for
screen readers, keyboards and copying.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from markupsafe import Markup
from rdflib import Literal, URIRef

from .document import Link, Reader
from .i18n import message
from .listing import key_of
from .model import SiteGraph, natural_key, page_link
from .svg import element, svg

#: Colours per status notation; a status the legend does not know gets a neutral colour.
STATUS_COLOURS = {
    "voltooid": "#1b7837",
    "doorlopend": "#5aae61",
    "volgens-planning": "#2166ac",
    "vertraagd": "#e08214",
    "niet-gestart": "#b2182b",
    "in-consultatie": "#8073ac",
    "niet-van-toepassing": "#9e9e9e",
    "gestopt": "#4d4d4d",
}
OTHER_COLOUR = "#636363"


def _prologue(graph: SiteGraph) -> str:
    mh = graph.base + "def/"
    return (
        f"PREFIX mh: <{mh}>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX schema: <https://schema.org/>\n"
    )


# The property paths do the reasoning themselves, so the charts are right on a graph
# published without the OWL RL closure too.
STATUS_QUERY = """
SELECT ?line ?status (COUNT(DISTINCT ?activity) AS ?count) WHERE {
  ?activity a mh:Activity ;
            mh:partOfActivity*/mh:partOfResult/mh:partOfActionLine ?line ;
            mh:status ?status .
} GROUP BY ?line ?status
"""

NETWORK_QUERY = """
SELECT DISTINCT ?activity ?organisation ?line WHERE {
  ?role rdfs:subPropertyOf* mh:involves .
  ?activity a mh:Activity ; ?role ?organisation ;
            mh:partOfActivity*/mh:partOfResult/mh:partOfActionLine ?line .
}
"""

PLACES_QUERY = """
SELECT ?place ?thing WHERE {
  { ?thing mh:country ?place } UNION { ?thing mh:region ?place }
}
"""

REGIONS_QUERY = """
SELECT ?place ?kind ?region WHERE {
  { ?place a mh:Country . BIND("country" AS ?kind) OPTIONAL { ?place mh:inRegion ?region } }
  UNION { ?place a mh:Region . BIND("region" AS ?kind) }
}
"""


def _select(graph: SiteGraph, query: str) -> list[dict]:
    return graph.graph.select(_prologue(graph) + query)


@dataclass
class Segment:
    status: URIRef
    label: str
    count: int
    colour: str


@dataclass
class Bar:
    line: URIRef
    label: str
    href: str | None
    segments: list[Segment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.segments)


@dataclass
class StatusChart:
    bars: list[Bar]
    statuses: list[Segment]
    svg: Markup


def status_chart(graph: SiteGraph, page: str, language: str) -> StatusChart:
    """Stacked bars: how many activities of each action line have which status."""
    counts: dict[URIRef, Counter] = defaultdict(Counter)
    for record in _select(graph, STATUS_QUERY):
        counts[record["line"]][record["status"]] += int(record["count"])
    order = _status_order(graph, {s for c in counts.values() for s in c})
    legend = [Segment(s, graph.label(s, language), 0, _status_colour(graph, s)) for s in order]
    bars = []
    for line in sorted(counts, key=lambda n: natural_key(_identifier(graph, n))):
        bar = Bar(line, graph.label(line, language), graph.href(line, page))
        bar.segments = [
            Segment(s.status, s.label, counts[line][s.status], s.colour)
            for s in legend
            if counts[line][s.status]
        ]
        bars.append(bar)
    title = message("status_per_line", language)
    return StatusChart(bars, legend, _draw_status(graph, bars, legend, title))


def _identifier(graph: SiteGraph, node: URIRef) -> str:
    identifier = graph.graph.value(node, URIRef("http://purl.org/dc/terms/identifier"))
    return str(identifier) if identifier is not None else graph.label(node)


def _status_order(graph: SiteGraph, statuses: set[URIRef]) -> list[URIRef]:
    position = URIRef("https://schema.org/position")

    def key(status: URIRef) -> tuple[int, str]:
        value = graph.graph.value(status, position)
        return (int(value) if isinstance(value, Literal) else 99, graph.label(status))

    return sorted(statuses, key=key)


def _status_colour(graph: SiteGraph, status: URIRef) -> str:
    notation = graph.graph.value(status, URIRef("http://www.w3.org/2004/02/skos/core#notation"))
    return STATUS_COLOURS.get(str(notation), OTHER_COLOUR)


def _draw_status(graph: SiteGraph, bars: list[Bar], legend: list[Segment], title: str) -> Markup:
    width, left, bar_height, gap = 800, 320, 26, 12
    longest = max((bar.total for bar in bars), default=1) or 1
    scale = (width - left - 50) / longest
    parts: list[Markup] = []
    y = 10
    for bar in bars:
        label = f"{_identifier(graph, bar.line)}. {bar.label}"
        text = element(
            "text",
            {"x": left - 8, "y": y + 17, "text-anchor": "end", "class": "axis"},
            _shorten(label, 38),
        )
        parts.append(text)
        x = float(left)
        for segment in bar.segments:
            w = segment.count * scale
            parts.append(
                element(
                    "rect",
                    {"x": x, "y": y, "width": w, "height": bar_height, "fill": segment.colour},
                    element("title", {}, f"{bar.label}: {segment.label}: {segment.count}"),
                )
            )
            if w > 18:
                parts.append(
                    element(
                        "text",
                        {"x": x + w / 2, "y": y + 17, "text-anchor": "middle", "class": "inbar"},
                        str(segment.count),
                    )
                )
            x += w
        parts.append(element("text", {"x": x + 6, "y": y + 17, "class": "axis"}, str(bar.total)))
        y += bar_height + gap
    y += 8
    x = 10.0
    for segment in legend:
        parts.append(
            element("rect", {"x": x, "y": y, "width": 14, "height": 14, "fill": segment.colour})
        )
        parts.append(element("text", {"x": x + 19, "y": y + 12, "class": "legend"}, segment.label))
        x += 30 + 7 * len(segment.label)
        if x > width - 150:
            x, y = 10.0, y + 22
    return svg(width, y + 26, title, *parts)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Place:
    iri: URIRef
    label: str
    href: str | None
    count: int


@dataclass
class RegionGroup:
    label: str
    href: str | None
    count: int
    countries: list[Place]


def places(graph: SiteGraph, page: str, language: str) -> list[RegionGroup]:
    """Countries grouped by region, each with how many activities or amounts name it."""
    things: dict[URIRef, set] = defaultdict(set)
    for record in _select(graph, PLACES_QUERY):
        things[record["place"]].add(record["thing"])
    regions: dict[URIRef | None, list[URIRef]] = defaultdict(list)
    region_nodes: set[URIRef] = set()
    for record in _select(graph, REGIONS_QUERY):
        if str(record["kind"]) == "region":
            region_nodes.add(record["place"])
        else:
            regions[record.get("region")].append(record["place"])

    def place(node: URIRef) -> Place:
        return Place(
            node,
            graph.label(node, language),
            graph.href(node, page),
            len(things.get(node, ())),
        )

    groups = []
    for region in sorted(
        region_nodes | {r for r in regions if r is not None},
        key=lambda r: graph.label(r, language),
    ):
        countries = sorted(
            {place(c).iri: place(c) for c in regions.get(region, [])}.values(),
            key=lambda p: (-p.count, p.label),
        )
        groups.append(
            RegionGroup(
                graph.label(region, language),
                graph.href(region, page),
                len(things.get(region, ())),
                countries,
            )
        )
    if regions.get(None):
        countries = sorted(
            {place(c).iri: place(c) for c in regions[None]}.values(),
            key=lambda p: (-p.count, p.label),
        )
        groups.append(RegionGroup(message("no_region", language), None, 0, countries))
    return groups


@dataclass
class MatrixRow:
    organisation: Link
    kind: str
    cells: list[tuple[int, str]]
    total: int


@dataclass
class Matrix:
    """Organisations against action lines: how many activities each has in each line."""

    lines: list[Link]
    rows: list[MatrixRow]
    activities: int
    links: int


def matrix(reader: Reader, page: str) -> Matrix:
    """The network as an adjacency table, legible at a glance where a drawing of a hundred
    organisations and as many activities is not; each cell links to the filtered list."""
    graph = reader.graph
    involved: dict[URIRef, dict[URIRef, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    edges = set()
    for record in _select(graph, NETWORK_QUERY):
        edges.add((record["activity"], record["organisation"]))
        involved[record["organisation"]][record["line"]].add(record["activity"])
    lines = sorted({line for by_line in involved.values() for line in by_line}, key=reader.sort)
    listing = page_link(page, "activities.html")
    rows = []
    for organisation, by_line in involved.items():
        key = key_of(organisation)
        cells = []
        for line in lines:
            count = len(by_line.get(line, ()))
            query = urlencode({"org": key, "line": reader.number(line)})
            cells.append((count, f"{listing}?{query}" if count else ""))
        total = len(set().union(*by_line.values()))
        rows.append(
            MatrixRow(reader.link(organisation, page), reader.kind(organisation), cells, total)
        )
    rows.sort(key=lambda r: (-r.total, r.organisation.text.lower()))
    return Matrix(
        [reader.link(line, page) for line in lines],
        rows,
        len({a for a, _ in edges}),
        len(edges),
    )


def places_chart(groups: list[RegionGroup], language: str) -> Markup:
    """Horizontal bars: how many activities and amounts name each country, by region; a
    region named as a whole has a bar of its own at the head of its countries."""
    width, left, bar_height, gap = 640, 190, 16, 6
    longest = max((c.count for g in groups for c in g.countries), default=1)
    longest = max([longest, *(g.count for g in groups)]) or 1
    scale = (width - left - 40) / longest
    parts: list[Markup] = []
    y = 4.0

    def bar(label: str, count: int, css: str) -> None:
        nonlocal y
        parts.append(
            element(
                "text",
                {"x": left - 8, "y": y + 12, "text-anchor": "end", "class": css},
                _shorten(label, 26),
            )
        )
        w = max(count * scale, 1.5)
        parts.append(
            element(
                "rect",
                {"x": left, "y": y, "width": w, "height": bar_height, "class": "placebar " + css},
                element("title", {}, f"{label}: {count}"),
            )
        )
        parts.append(element("text", {"x": left + w + 5, "y": y + 12, "class": "axis"}, str(count)))
        y += bar_height + gap

    for group in groups:
        parts.append(element("text", {"x": 0, "y": y + 14, "class": "group"}, group.label))
        y += 22
        if group.count:
            bar(message("whole_region", language), group.count, "axis region")
        for place in group.countries:
            bar(place.label, place.count, "axis")
        y += 6
    return svg(width, int(y) + 4, message("places_chart", language), *parts)

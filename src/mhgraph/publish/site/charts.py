"""Pictures for people who would rather look than read, drawn as SVG from query results.

No script, no web font, no external file: each chart is inline SVG in the page, built by
:mod:`.svg` so that every label from the data is escaped. Each chart has a table or list
next to it with the same figures, for screen readers and for copying.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup
from rdflib import URIRef

from ...sparql import execute
from .model import SiteGraph, natural_key
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
}
LINE_COLOURS = ("#2166ac", "#1b7837", "#b2182b", "#8073ac", "#e08214", "#35978f", "#7f3b08")
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
  ?activity a mh:Activity ; ?role ?organisation .
  OPTIONAL { ?activity mh:partOfActivity*/mh:partOfResult/mh:partOfActionLine ?line }
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
    return execute(graph.graph, _prologue(graph) + query).records()


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


def status_chart(graph: SiteGraph, page: str) -> StatusChart:
    """Stacked bars: how many activities of each action line have which status."""
    counts: dict[URIRef, Counter] = defaultdict(Counter)
    for record in _select(graph, STATUS_QUERY):
        counts[record["line"]][record["status"]] += int(record["count"])
    order = _status_order(graph, {s for c in counts.values() for s in c})
    legend = [Segment(s, graph.label(s), 0, _status_colour(graph, s)) for s in order]
    bars = []
    for line in sorted(counts, key=lambda n: natural_key(_identifier(graph, n))):
        bar = Bar(line, graph.label(line), graph.href(line, page))
        bar.segments = [
            Segment(s.status, s.label, counts[line][s.status], s.colour)
            for s in legend
            if counts[line][s.status]
        ]
        bars.append(bar)
    return StatusChart(bars, legend, _draw_status(graph, bars, legend))


def _identifier(graph: SiteGraph, node: URIRef) -> str:
    identifier = graph.graph.value(node, URIRef("http://purl.org/dc/terms/identifier"))
    return str(identifier) if identifier is not None else graph.label(node)


def _status_order(graph: SiteGraph, statuses: set[URIRef]) -> list[URIRef]:
    position = URIRef("https://schema.org/position")

    def key(status: URIRef) -> tuple:
        value = graph.graph.value(status, position)
        return (int(value) if value is not None else 99, graph.label(status))

    return sorted(statuses, key=key)


def _status_colour(graph: SiteGraph, status: URIRef) -> str:
    notation = graph.graph.value(status, URIRef("http://www.w3.org/2004/02/skos/core#notation"))
    return STATUS_COLOURS.get(str(notation), OTHER_COLOUR)


def _draw_status(graph: SiteGraph, bars: list[Bar], legend: list[Segment]) -> Markup:
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
        parts.append(element("a", {"href": bar.href}, text) if bar.href else text)
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
    return svg(width, y + 26, "Status of the activities per action line", *parts)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class NetworkNode:
    iri: URIRef
    label: str
    href: str | None
    x: float
    y: float
    degree: int
    colour: str


@dataclass
class Network:
    svg: Markup
    organisations: list[NetworkNode]
    activities: int
    links: int


def network(graph: SiteGraph, page: str) -> Network:
    """Activities on an outer ring grouped by action line, organisations on an inner ring
    placed near the activities they take part in; a line for each involvement."""
    edges: set[tuple[URIRef, URIRef]] = set()
    line_of: dict[URIRef, URIRef | None] = {}
    for record in _select(graph, NETWORK_QUERY):
        edges.add((record["activity"], record["organisation"]))
        line_of.setdefault(record["activity"], record.get("line"))
    lines = sorted(
        {line for line in line_of.values() if line is not None},
        key=lambda n: natural_key(_identifier(graph, n)),
    )
    colours = {line: LINE_COLOURS[i % len(LINE_COLOURS)] for i, line in enumerate(lines)}
    activities = sorted(
        line_of,
        key=lambda a: (
            natural_key(_identifier(graph, line_of[a])) if line_of[a] else ((2, 0, ""),),
            natural_key(_identifier(graph, a)),
        ),
    )
    # The rings sit right of the legend, which takes the top-left corner.
    width, height, cx, cy = 1060, 900, 610.0, 450.0
    angle = {a: 2 * math.pi * i / max(len(activities), 1) for i, a in enumerate(activities)}
    by_org: dict[URIRef, list[URIRef]] = defaultdict(list)
    for activity, organisation in sorted(edges):
        by_org[organisation].append(activity)

    def mean_angle(organisation: URIRef) -> float:
        xs = sum(math.cos(angle[a]) for a in by_org[organisation])
        ys = sum(math.sin(angle[a]) for a in by_org[organisation])
        return math.atan2(ys, xs) % (2 * math.pi)

    organisations = sorted(by_org, key=lambda o: (round(mean_angle(o), 6), str(o)))
    nodes: dict[URIRef, NetworkNode] = {}
    for activity in activities:
        a = angle[activity]
        nodes[activity] = NetworkNode(
            activity,
            graph.label(activity),
            graph.href(activity, page),
            cx + 400 * math.cos(a),
            cy + 400 * math.sin(a),
            0,
            colours.get(line_of[activity], OTHER_COLOUR),
        )
    for i, organisation in enumerate(organisations):
        a = 2 * math.pi * i / max(len(organisations), 1)
        radius = 230 if i % 2 else 280
        nodes[organisation] = NetworkNode(
            organisation,
            graph.label(organisation),
            graph.href(organisation, page),
            cx + radius * math.cos(a),
            cy + radius * math.sin(a),
            len(by_org[organisation]),
            "#333333",
        )
    parts: list[Markup] = []
    for activity, organisation in sorted(edges):
        a, o = nodes[activity], nodes[organisation]
        parts.append(
            element(
                "line",
                {"x1": a.x, "y1": a.y, "x2": o.x, "y2": o.y, "stroke": a.colour, "class": "edge"},
            )
        )
    ranked = sorted(organisations, key=lambda o: (-nodes[o].degree, nodes[o].label))
    labelled = set(ranked[:15])
    for iri in activities + organisations:
        node = nodes[iri]
        radius = 4.0 if iri in line_of else 3 + 1.6 * math.sqrt(node.degree)
        shape = element(
            "circle",
            {"cx": node.x, "cy": node.y, "r": radius, "fill": node.colour, "class": "node"},
            element(
                "title", {}, node.label + (f" ({node.degree} activities)" if iri in by_org else "")
            ),
        )
        parts.append(element("a", {"href": node.href}, shape) if node.href else shape)
        if iri in labelled:
            parts.append(
                element(
                    "text",
                    {"x": node.x + radius + 3, "y": node.y + 4, "class": "nodelabel"},
                    _shorten(node.label, 28),
                )
            )
    legend_y = 20.0
    for line in lines:
        parts.append(element("circle", {"cx": 20, "cy": legend_y, "r": 6, "fill": colours[line]}))
        parts.append(
            element(
                "text",
                {"x": 32, "y": legend_y + 4, "class": "legend"},
                f"{_identifier(graph, line)}. {_shorten(graph.label(line), 40)}",
            )
        )
        legend_y += 20
    picture = svg(width, height, "Network of organisations and activities", *parts)
    return Network(picture, [nodes[o] for o in ranked], len(activities), len(edges))


@dataclass
class Place:
    iri: URIRef
    label: str
    label_en: str
    href: str | None
    count: int


@dataclass
class RegionGroup:
    label: str
    href: str | None
    count: int
    countries: list[Place]


def places(graph: SiteGraph, page: str) -> list[RegionGroup]:
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
        labels = graph.labels(node)
        return Place(
            node,
            graph.label(node),
            labels.get("en", ""),
            graph.href(node, page),
            len(things.get(node, ())),
        )

    groups = []
    for region in sorted(region_nodes | {r for r in regions if r is not None}, key=graph.label):
        countries = sorted(
            {place(c).iri: place(c) for c in regions.get(region, [])}.values(),
            key=lambda p: (-p.count, p.label),
        )
        groups.append(
            RegionGroup(
                graph.label(region),
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
        groups.append(RegionGroup("No region given", None, 0, countries))
    return groups

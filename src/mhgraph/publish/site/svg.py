"""A tiny SVG writer in which every attribute and text from the data is escaped.

The charts are built from labels in the graph; building them through :func:`element` rather
than string formatting makes a label such as ``<script>`` harmless by construction.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def element(tag: str, attributes: dict[str, object] | None = None, *children: object) -> Markup:
    """One element; ``children`` that are not :class:`Markup` are escaped as text."""
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(_number(value))}"'
        for name, value in (attributes or {}).items()
        if value is not None
    )
    inner = Markup("").join(
        child if isinstance(child, Markup) else escape(child) for child in children
    )
    return Markup(f"<{tag}{attrs}>") + inner + Markup(f"</{tag}>")


def _number(value: object) -> object:
    """Coordinates rounded, so the SVG stays small and byte-stable."""
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return value


def svg(width: int, height: int, title: str, *children: Markup) -> Markup:
    """A chart's outer element: scalable, and announced to screen readers by ``title``."""
    return element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "role": "img",
            "aria-label": title,
            "class": "chart",
        },
        element("title", {}, title),
        *children,
    )

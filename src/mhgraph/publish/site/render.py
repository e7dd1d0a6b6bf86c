"""The templates, loaded from the package, with HTML autoescaping always on."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined

from ...iris import relative

_PACKAGE = resources.files(__package__)


def _template(name: str) -> str:
    return (_PACKAGE / "templates" / name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    # Autoescape every template: the data holds free text, and some of it may look like HTML.
    env = Environment(
        loader=FunctionLoader(_template),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(template: str, page: str, **context: object) -> str:
    """Render ``template`` as the page at ``page`` (a path relative to the site root)."""

    def link(path: str) -> str:
        return relative(page, path)

    return environment().get_template(template).render(page=page, link=link, **context)


def stylesheet() -> bytes:
    return (_PACKAGE / "static" / "style.css").read_bytes()

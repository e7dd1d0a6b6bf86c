"""The templates, loaded from the package, with HTML autoescaping always on."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined

from ...iris import relative
from .i18n import ENGLISH, message
from .model import page_link

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


def localised(page: str, language: str) -> str:
    """Where the page ``page`` (its Dutch path) stands in ``language``."""
    return ENGLISH + page if language == "en" else page


def render(template: str, page: str, language: str, **context: object) -> str:
    """Render ``template`` as the page at ``page`` (its Dutch path) in ``language``."""
    path = localised(page, language)

    def link(target: str) -> str:
        return page_link(path, target)

    def t(key: str) -> str:
        return message(key, language)

    other = "en" if language == "nl" else "nl"
    return (
        environment()
        .get_template(template)
        .render(
            page=path,
            link=link,
            t=t,
            lang=language,
            other=other,
            switch=relative(path, localised(page, other)),
            **context,
        )
    )


def asset(name: str) -> bytes:
    return (_PACKAGE / "static" / name).read_bytes()

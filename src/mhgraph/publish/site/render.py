"""The templates, loaded from the package, with HTML autoescaping always on."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FunctionLoader,
    StrictUndefined,
)

from ...cache import default_root
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
        bytecode_cache=_compiled(),
    )
    return env


def _compiled() -> BytecodeCache | None:
    """The templates as compiled once, kept with the cached graphs as Python keeps its
    bytecode: compiling them took a fifth of a second of every publication. Jinja2 compiles
    a template again whose text or Python version changed, and writes each whole; a folder
    that cannot be written is only a slower publication."""
    folder = default_root() / ".templates"  # a dot: not one of the graphs the cache prunes
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


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

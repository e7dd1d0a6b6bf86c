"""Endpoint settings: options over environment, store layouts, and secrets kept out of sight."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhgraph.errors import SettingsError
from mhgraph.remote import DEFAULT_GRAPH, STORES, public_url, resolve_settings
from mhgraph.settings import Config

DOC = Path(__file__).parent.parent / "docs" / "remote-stores.md"


def test_no_endpoint_means_the_local_graph() -> None:
    assert resolve_settings({}, environ={}) is None


def test_an_option_wins_over_the_environment() -> None:
    settings = resolve_settings(
        {"endpoint": "http://option:1/sparql"},
        environ={"MHGRAPH_ENDPOINT": "http://env:2/sparql", "MHGRAPH_TIMEOUT": "2.5"},
    )
    assert settings is not None
    assert settings.query_url == settings.update_url == "http://option:1/sparql"
    assert settings.gsp_url is None
    assert settings.timeout == 2.5
    assert settings.graph == DEFAULT_GRAPH


def test_every_setting_reads_its_environment_variable() -> None:
    environ = {
        "MHGRAPH_ENDPOINT": "http://h/q",
        "MHGRAPH_UPDATE_ENDPOINT": "http://h/u",
        "MHGRAPH_GSP_ENDPOINT": "http://h/g",
        "MHGRAPH_GRAPH": "urn:graph",
        "MHGRAPH_USER": "me",
        "MHGRAPH_PASSWORD": "pw",
        "MHGRAPH_AUTH": "digest",
        "MHGRAPH_TIMEOUT": "7",
    }
    settings = resolve_settings({}, environ=environ)
    assert settings is not None
    assert (settings.query_url, settings.update_url, settings.gsp_url) == (
        "http://h/q",
        "http://h/u",
        "http://h/g",
    )
    assert (settings.graph, settings.user, settings.password) == ("urn:graph", "me", "pw")
    assert (settings.auth, settings.timeout) == ("digest", 7.0)
    token = resolve_settings({}, environ={"MHGRAPH_ENDPOINT": "http://h/q", "MHGRAPH_TOKEN": "t"})
    assert token is not None and token.token == "t"


@pytest.mark.parametrize(
    ("store", "base", "query", "update", "gsp", "auth"),
    [
        (
            "oxigraph",
            "http://h:7878",
            "http://h:7878/query",
            "http://h:7878/update",
            "http://h:7878/store",
            "basic",
        ),
        (
            "fuseki",
            "http://h:3030/ds/",
            "http://h:3030/ds/sparql",
            "http://h:3030/ds/update",
            "http://h:3030/ds/data",
            "basic",
        ),
        (
            "graphdb",
            "http://h:7200/repositories/mh",
            "http://h:7200/repositories/mh",
            "http://h:7200/repositories/mh/statements",
            "http://h:7200/repositories/mh/rdf-graphs/service",
            "basic",
        ),
        (
            "virtuoso",
            "http://h:8890",
            "http://h:8890/sparql",
            "http://h:8890/sparql-auth",
            "http://h:8890/sparql-graph-crud-auth",
            "digest",
        ),
        ("qlever", "http://h:7001", "http://h:7001", "http://h:7001", None, "basic"),
    ],
)
def test_a_store_preset_fills_the_urls_it_expects(store, base, query, update, gsp, auth) -> None:
    settings = resolve_settings({"endpoint": base, "store": store}, environ={})
    assert settings is not None
    assert (settings.query_url, settings.update_url, settings.gsp_url) == (query, update, gsp)
    assert settings.auth == auth


def test_an_explicit_url_overrides_the_preset() -> None:
    settings = resolve_settings(
        {"endpoint": "http://h:7878", "store": "oxigraph", "gsp_endpoint": "http://h:1/gsp"},
        environ={},
    )
    assert settings is not None and settings.gsp_url == "http://h:1/gsp"


def test_credentials_in_the_url_move_out_of_it() -> None:
    settings = resolve_settings({"endpoint": "https://ann:p%40ss@h/sparql"}, environ={})
    assert settings is not None
    assert settings.query_url == "https://h/sparql"
    assert (settings.user, settings.password) == ("ann", "p@ss")


def test_the_password_and_token_are_not_in_repr() -> None:
    settings = resolve_settings(
        {"endpoint": "http://h/q", "user": "ann", "password": "hunter2-secret"}, environ={}
    )
    token = resolve_settings({"endpoint": "http://h/q", "token": "tok-secret"}, environ={})
    assert "hunter2-secret" not in repr(settings) and "hunter2-secret" not in str(settings)
    assert "tok-secret" not in repr(token)
    assert "ann" in repr(settings)


def test_public_urls_lose_userinfo_and_token_values() -> None:
    assert public_url("https://ann:pw@h:8/sparql?access-token=abc&x=1") == (
        "https://h:8/sparql?access-token=***&x=1"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"endpoint": "ftp://h/q"}, "is not an http(s) URL"),
        ({"endpoint": "http://h/q", "update_endpoint": "h/u"}, "--update-endpoint"),
        ({"endpoint": "http://h/q", "timeout": "soon"}, "--timeout 'soon' is not a number"),
        ({"endpoint": "http://h/q", "timeout": "-1"}, "positive number of seconds"),
        ({"endpoint": "http://h/q", "timeout": "nan"}, "--timeout 'nan' is not a number"),
        ({"endpoint": "http://h/q", "password": "x"}, "needs a user name"),
        ({"endpoint": "http://h/q", "user": "u", "password": "x", "token": "t"}, "not both"),
        ({"endpoint": "http://h/q", "store": "blazegraph"}, "unknown store kind"),
        ({"endpoint": "http://h/q", "auth": "ntlm"}, "unknown authentication scheme"),
        ({"endpoint": "http://h/q", "graph": "not an iri"}, "is not an IRI"),
    ],
)
def test_a_wrong_setting_is_one_clear_error(options, message) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve_settings(options, environ={})


def test_a_wrong_url_error_does_not_show_the_password() -> None:
    with pytest.raises(SettingsError) as caught:
        resolve_settings({"endpoint": "ftp://ann:hunter2@h/q"}, environ={})
    assert "hunter2" not in caught.value.one_line()


def test_graph_default_reads_the_stores_default_graph() -> None:
    settings = resolve_settings({"endpoint": "http://h/q", "graph": "default"}, environ={})
    assert settings is not None and settings.graph is None


def test_the_file_gives_the_store_kind_but_never_where_it_is_or_a_secret() -> None:
    config = Config({"remote": {"store": "oxigraph", "graph": "urn:g", "timeout": 5}})
    settings = resolve_settings({"endpoint": "http://h:7878"}, environ={}, config=config)
    assert settings is not None
    assert (settings.query_url, settings.graph, settings.timeout) == (
        "http://h:7878/query",
        "urn:g",
        5.0,
    )
    assert resolve_settings({}, environ={}, config=config) is None
    for key in ("endpoint", "password", "token"):
        with pytest.raises(SettingsError, match=f"unknown setting {key} in \\[remote\\]"):
            resolve_settings({}, environ={}, config=Config({"remote": {key: "x"}}))


def test_every_store_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for store, layout in STORES.items():
        assert f"`--store {store}`" in text, store
        for path in (layout.query, layout.update, layout.gsp):
            if path:
                assert path in text, (store, path)

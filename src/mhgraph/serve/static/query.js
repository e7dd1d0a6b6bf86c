// The query page: an editor with the data model's prefixes, the stored queries to pick from,
// and results as a table. Every value from the graph is put into the page as text nodes,
// never as HTML, and only http(s) IRIs become links. The page's language (nl or en) is the
// one its <html lang> says; the server writes the page in either.
"use strict";

document.documentElement.classList.add("js");

const state = { base: "", prefixes: {}, queries: {}, selected: null, lastUrl: null };
const $ = (id) => document.getElementById(id);
const LANGUAGE = document.documentElement.lang === "en" ? "en" : "nl";
const WORDS = {
  nl: {
    running: "bezig…",
    rows: (n, s) => `${n} ${n === 1 ? "rij" : "rijen"} in ${s} s`,
    graph: (s) => `graaf in ${s} s`,
    failed: (status, s) => `mislukt (${status}) na ${s} s`,
    unreadable: "Het antwoord kon niet worden gelezen",
    unreachable: "De server was niet bereikbaar",
    broken: "De pagina kon niet starten",
    optional: "optioneel",
    yes: "ja",
    no: "nee",
  },
  en: {
    running: "running…",
    rows: (n, s) => `${n} row${n === 1 ? "" : "s"} in ${s} s`,
    graph: (s) => `graph in ${s} s`,
    failed: (status, s) => `failed (${status}) after ${s} s`,
    unreadable: "The answer could not be read",
    unreachable: "The server could not be reached",
    broken: "The page could not start",
    optional: "optional",
    yes: "yes",
    no: "no",
  },
}[LANGUAGE];

const EXAMPLE = `SELECT ?activity ?label WHERE {
  ?activity a mh:Activity ;
            skos:prefLabel ?label .
  FILTER(LANG(?label) = "en")
}
LIMIT 20
`;

async function start() {
  const [context, catalogue] = await Promise.all([
    fetchJson("/api/prefixes"),
    fetchJson("/api/queries"),
  ]);
  state.base = context.base;
  state.prefixes = context.prefixes;
  const prologue = Object.entries(state.prefixes)
    .map(([prefix, namespace]) => `PREFIX ${prefix}: <${namespace}>`)
    .join("\n");
  const given = new URLSearchParams(window.location.search).get("query");
  // The other language's page opens on the same query.
  $("language").search = window.location.search;
  $("editor").value = given || `${prologue}\n\n${EXAMPLE}`;
  for (const query of catalogue.queries) {
    state.queries[query.name] = query;
    const option = document.createElement("option");
    option.value = query.name;
    const summary = summaryOf(query);
    option.textContent = summary ? `${query.name} — ${summary}` : query.name;
    $("stored").append(option);
  }
  $("stored").addEventListener("change", pick);
  $("query-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

function summaryOf(query) {
  return (LANGUAGE === "nl" && query.summary_nl) || query.summary;
}

function descriptionOf(query) {
  return (LANGUAGE === "nl" && query.description_nl) || query.description || summaryOf(query);
}

function pick() {
  const query = state.queries[$("stored").value] || null;
  state.selected = query;
  const fieldset = $("parameters");
  fieldset.replaceChildren(fieldset.querySelector("legend"));
  fieldset.hidden = !query || query.parameters.length === 0;
  $("stored-summary").textContent = query ? descriptionOf(query) : "";
  if (!query) return;
  $("editor").value = query.text;
  for (const parameter of query.parameters) {
    const label = document.createElement("label");
    label.htmlFor = `parameter-${parameter.name}`;
    const optional = parameter.required ? "" : `, ${WORDS.optional}`;
    label.textContent = `${parameter.name} (${parameter.type}${optional})`;
    const input = document.createElement("input");
    input.id = `parameter-${parameter.name}`;
    input.name = parameter.name;
    input.value = parameter.default || "";
    fieldset.append(label, input);
  }
}

function requestUrl(format) {
  const query = state.selected;
  if (query && $("editor").value === query.text) {
    const params = new URLSearchParams();
    for (const input of $("parameters").querySelectorAll("input")) {
      if (input.value !== "") params.set(input.name, input.value);
    }
    if (format) params.set("format", format);
    return `${query.url}?${params}`;
  }
  const params = new URLSearchParams({ query: $("editor").value });
  if (format) params.set("format", format);
  return `/sparql?${params}`;
}

// The form's data-state (running, done, failed) tells scripts and tests when an answer is in.
async function run() {
  $("query-form").dataset.state = "running";
  try {
    $("query-form").dataset.state = (await answer()) ? "done" : "failed";
  } catch (error) {
    $("query-form").dataset.state = "failed";
    showError(`${WORDS.unreadable}: ${error.message}`);
  }
}

async function answer() {
  showError(null);
  $("results").hidden = true;
  $("graph-result").hidden = true;
  $("downloads").hidden = true;
  $("status").textContent = WORDS.running;
  const started = performance.now();
  const url = requestUrl(null);
  let response;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    });
  } catch (error) {
    $("status").textContent = "";
    showError(`${WORDS.unreachable}: ${error.message}`);
    return false;
  }
  const seconds = ((performance.now() - started) / 1000).toLocaleString(LANGUAGE, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    $("status").textContent = WORDS.failed(response.status, seconds);
    showError(await errorText(response, type));
    return false;
  }
  if (type.startsWith("text/turtle")) {
    $("graph-result").textContent = await response.text();
    $("graph-result").hidden = false;
    $("status").textContent = WORDS.graph(seconds);
    return true;
  }
  const results = await response.json();
  const rows = renderResults(results);
  $("status").textContent = WORDS.rows(rows, seconds);
  $("download-csv").href = requestUrl("csv");
  $("download-json").href = requestUrl("json");
  $("downloads").hidden = false;
  return true;
}

async function errorText(response, type) {
  if (type.startsWith("application/json")) {
    const problem = await response.json();
    return problem.hint ? `${problem.error} (${problem.hint})` : problem.error;
  }
  return (await response.text()).trim();
}

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function renderResults(answer) {
  const head = $("results").tHead;
  const body = $("results").tBodies[0];
  head.replaceChildren();
  body.replaceChildren();
  if ("boolean" in answer) {
    const row = body.insertRow();
    row.insertCell().textContent = answer.boolean ? WORDS.yes : WORDS.no;
    $("results").hidden = false;
    return 1;
  }
  const variables = answer.head.vars;
  const header = head.insertRow();
  for (const variable of variables) {
    const cell = document.createElement("th");
    cell.textContent = variable;
    header.append(cell);
  }
  for (const binding of answer.results.bindings) {
    const row = body.insertRow();
    for (const variable of variables) {
      const cell = row.insertCell();
      if (binding[variable]) cell.append(...term(binding[variable]));
    }
  }
  $("results").hidden = false;
  return answer.results.bindings.length;
}

function term(value) {
  if (value.type === "uri") {
    const text = shorten(value.value);
    if (!/^https?:\/\//i.test(value.value)) return [document.createTextNode(text)];
    const link = document.createElement("a");
    const rest = value.value.startsWith(state.base) ? value.value.slice(state.base.length) : null;
    // A rest starting with a slash would make a link to another host ("//host/…").
    link.href = rest !== null && !/^[\/\\]/.test(rest) ? `/${rest}` : value.value;
    link.append(...breakable(text));
    link.title = value.value;
    return [link];
  }
  if (value.type === "bnode") return [document.createTextNode(`_:${value.value}`)];
  const literal = document.createElement("span");
  literal.className = "literal";
  literal.textContent = value.value;
  const nodes = [literal];
  const tag = value["xml:lang"] ? `@${value["xml:lang"]}` : value.datatype ? shorten(value.datatype) : "";
  if (tag) {
    const small = document.createElement("small");
    small.textContent = tag;
    nodes.push(small);
  }
  return nodes;
}

// A line may break after the colon of a CURIE and the slashes of an IRI, so that a narrow
// screen wraps an answer instead of scrolling it.
function breakable(text) {
  const nodes = [];
  for (const part of text.split(/(?<=[:\/])/)) {
    if (nodes.length) nodes.push(document.createElement("wbr"));
    nodes.push(document.createTextNode(part));
  }
  return nodes;
}

function shorten(iri) {
  let best = null;
  for (const [prefix, namespace] of Object.entries(state.prefixes)) {
    if (iri.startsWith(namespace) && iri !== namespace && (!best || namespace.length > best[1].length)) {
      best = [prefix, namespace];
    }
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}

start().catch((error) => showError(`${WORDS.broken}: ${error.message}`));

// The query page: an editor with the data model's prefixes, the stored queries to pick from,
// and results as a table. Every value from the graph is put into the page as text nodes,
// never as HTML, and only http(s) IRIs become links.
"use strict";

const state = { base: "", prefixes: {}, queries: {}, selected: null, lastUrl: null };
const $ = (id) => document.getElementById(id);

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
  $("editor").value = given || `${prologue}\n\n${EXAMPLE}`;
  for (const query of catalogue.queries) {
    state.queries[query.name] = query;
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = query.summary ? `${query.name} — ${query.summary}` : query.name;
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

function pick() {
  const query = state.queries[$("stored").value] || null;
  state.selected = query;
  const fieldset = $("parameters");
  fieldset.replaceChildren(fieldset.querySelector("legend"));
  fieldset.hidden = !query || query.parameters.length === 0;
  $("stored-summary").textContent = query ? query.description || query.summary : "";
  if (!query) return;
  $("editor").value = query.text;
  for (const parameter of query.parameters) {
    const label = document.createElement("label");
    label.htmlFor = `parameter-${parameter.name}`;
    label.textContent = `${parameter.name} (${parameter.type}${parameter.required ? "" : ", optional"})`;
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
    showError(`The answer could not be read: ${error.message}`);
  }
}

async function answer() {
  showError(null);
  $("results").hidden = true;
  $("graph-result").hidden = true;
  $("downloads").hidden = true;
  $("status").textContent = "running…";
  const started = performance.now();
  const url = requestUrl(null);
  let response;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    });
  } catch (error) {
    $("status").textContent = "";
    showError(`The server could not be reached: ${error.message}`);
    return false;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    $("status").textContent = `failed (${response.status}) after ${seconds} s`;
    showError(await errorText(response, type));
    return false;
  }
  if (type.startsWith("text/turtle")) {
    $("graph-result").textContent = await response.text();
    $("graph-result").hidden = false;
    $("status").textContent = `graph in ${seconds} s`;
    return true;
  }
  const results = await response.json();
  const rows = renderResults(results);
  $("status").textContent = `${rows} row${rows === 1 ? "" : "s"} in ${seconds} s`;
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
    row.insertCell().textContent = answer.boolean ? "yes" : "no";
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
    link.textContent = text;
    link.title = value.value;
    return [link];
  }
  if (value.type === "bnode") return [document.createTextNode(`_:${value.value}`)];
  const nodes = [document.createTextNode(value.value)];
  const tag = value["xml:lang"] ? `@${value["xml:lang"]}` : value.datatype ? shorten(value.datatype) : "";
  if (tag) {
    const small = document.createElement("small");
    small.textContent = tag;
    nodes.push(small);
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

start().catch((error) => showError(`The page could not start: ${error.message}`));

// Search and facets for the published site. The pages read without this script; it adds
// the search page's results and the filters of the activities list. Every value from the
// data goes into the page as text (textContent), never as HTML.
"use strict";

document.documentElement.classList.add("js");

// --- words ----------------------------------------------------------------------------

// Lower case, without accents; "DT&V", "24.7" and "IND" stay whole words.
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function words(text) {
  return fold(text)
    .split(/[^\p{L}\p{N}&.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ""))
    .filter(Boolean);
}

// --- search ---------------------------------------------------------------------------

function score(item, terms) {
  const number = item.n.toLowerCase();
  const names = [...Object.values(item.l), ...item.a].map(fold);
  const nameWords = new Set(names.flatMap(words));
  const all = item.words || (item.words = words(item.w + " " + item.n));
  // A name that is the query itself comes first ("Nigeria" the country, not a return to it).
  let total = names.some((name) => words(name).join(" ") === terms.join(" ")) ? 60 : 0;
  for (const term of terms) {
    if (!all.some((word) => word.startsWith(term))) return 0;
    if (number === term) total += 100;
    else if (number.startsWith(term + ".")) total += 30;
    if (item.a.some((alt) => fold(alt) === term)) total += 80;
    // A whole word anywhere outranks the start of a longer one in the name ("IND" the
    // service in a description, before "individuen" in a title).
    if (nameWords.has(term)) total += 20;
    else if (all.includes(term)) total += 12;
    else if ([...nameWords].some((word) => word.startsWith(term))) total += 10;
    total += 1;
  }
  return total;
}

function search(items, query) {
  const terms = words(query);
  if (terms.length === 0) return [];
  return items
    .map((item) => ({ item, score: score(item, terms) }))
    .filter((found) => found.score > 0)
    .sort((a, b) => b.score - a.score || a.item.u.localeCompare(b.item.u, "nl", { numeric: true }))
    .map((found) => found.item);
}

function startSearch(root) {
  const input = document.getElementById("search-words");
  const list = document.getElementById("search-results");
  const count = document.getElementById("search-count");
  const language = root.dataset.lang;
  const show = () => {
    const query = input.value;
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    const found = search(window.mhgraphSearch.items, query);
    list.replaceChildren(
      ...found.slice(0, 100).map((item) => {
        const entry = document.createElement("li");
        const link = document.createElement("a");
        link.href = root.dataset.root + item.u;
        link.textContent = (item.n ? item.n + " " : "") + item.l[language];
        const kind = document.createElement("span");
        kind.className = "kind note";
        kind.textContent = item.k[language] + (item.a.length ? " · " + item.a.join(", ") : "");
        entry.append(link, kind);
        return entry;
      }),
    );
    count.textContent = query
      ? found.length
        ? `${found.length} ${root.dataset.found}`
        : root.dataset.none
      : "";
  };
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  const header = document.getElementById("site-search");
  if (header) header.value = input.value;
  input.addEventListener("input", show);
  root.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    show();
  });
  const script = document.createElement("script");
  script.src = root.dataset.index;
  script.addEventListener("load", () => {
    root.dataset.ready = "true";
    show();
  });
  document.head.append(script);
}

// --- facets ---------------------------------------------------------------------------

function startFacets(form) {
  const rows = [...document.querySelectorAll("#activity-list tbody tr")];
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const facetNames = [...new Set(boxes.map((box) => box.name))];
  const wordsInput = document.getElementById("facet-words");
  const csvLink = document.getElementById("download-csv");
  const shown = document.getElementById("shown");
  const chosenCount = document.getElementById("chosen");
  form.hidden = false;

  const chosen = () => {
    const selection = {};
    for (const name of facetNames) {
      selection[name] = boxes.filter((b) => b.name === name && b.checked).map((b) => b.value);
    }
    return selection;
  };

  // Within a facet any chosen value will do; across facets all must hold. An organisation
  // and a role together mean that organisation in that role.
  const matches = (row, selection, skip) => {
    for (const name of facetNames) {
      if (name === skip || name === "org" || name === "role") continue;
      const wanted = selection[name];
      if (wanted.length === 0) continue;
      const values = (row.dataset[name] || "").split(" ");
      if (!wanted.some((value) => values.includes(value))) return false;
    }
    const orgs = skip === "org" ? [] : selection.org;
    const roles = skip === "role" ? [] : selection.role;
    if (orgs.length || roles.length) {
      const pairs = (row.dataset.org || "").split(" ").filter(Boolean).map((p) => p.split("@"));
      const fits = pairs.some(
        ([org, role]) =>
          (orgs.length === 0 || orgs.includes(org)) && (roles.length === 0 || roles.includes(role)),
      );
      if (!fits) return false;
    }
    const terms = words(wordsInput.value);
    if (terms.length) {
      const own = row.wordList || (row.wordList = words(row.cells[0].textContent + " " + row.cells[1].textContent));
      if (!terms.every((term) => own.some((word) => word.startsWith(term)))) return false;
    }
    return true;
  };

  const valuesOf = (row, name) => {
    if (name === "org" || name === "role") {
      const index = name === "org" ? 0 : 1;
      return new Set((row.dataset.org || "").split(" ").filter(Boolean).map((p) => p.split("@")[index]));
    }
    return new Set((row.dataset[name] || "").split(" ").filter(Boolean));
  };

  const apply = (write) => {
    const selection = chosen();
    let visible = 0;
    for (const row of rows) {
      row.hidden = !matches(row, selection, null);
      if (!row.hidden) visible += 1;
    }
    shown.textContent = String(visible);
    const used = boxes.filter((b) => b.checked).length + (wordsInput.value ? 1 : 0);
    chosenCount.textContent = used ? `(${used} ${chosenCount.dataset.word})` : "";
    // Counts: how many rows each value would show, given every other facet.
    for (const name of facetNames) {
      const counts = new Map();
      for (const row of rows) {
        if (!matches(row, selection, name)) continue;
        for (const value of valuesOf(row, name)) counts.set(value, (counts.get(value) || 0) + 1);
      }
      for (const box of boxes.filter((b) => b.name === name)) {
        const n = counts.get(box.value) || 0;
        const label = box.closest("label");
        label.querySelector(".n").textContent = String(n);
        label.classList.toggle("empty", n === 0);
      }
    }
    if (write) {
      const url = new URL(window.location.href);
      url.search = "";
      for (const name of facetNames) {
        for (const value of selection[name]) url.searchParams.append(name, value);
      }
      if (wordsInput.value) url.searchParams.set("q", wordsInput.value);
      window.history.replaceState(null, "", url);
    }
    updateCsv();
  };

  // A cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
  const quote = (text) => {
    const cell = text.trim();
    const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const updateCsv = () => {
    const header = [...document.querySelectorAll("#activity-list thead th")].map((th) => th.textContent);
    const lines = [[...header, "IRI"].map(quote).join(",")];
    for (const row of rows) {
      if (row.hidden) continue;
      const cells = [...row.cells].map((cell) => cell.textContent.replace(/\s+/g, " "));
      const link = row.querySelector("a");
      lines.push([...cells, link ? link.href : ""].map(quote).join(","));
    }
    if (csvLink.href.startsWith("blob:")) URL.revokeObjectURL(csvLink.href);
    const blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    csvLink.href = URL.createObjectURL(blob);
  };

  const params = new URLSearchParams(window.location.search);
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
  wordsInput.value = params.get("q") || "";
  for (const box of boxes) box.addEventListener("change", () => apply(true));
  wordsInput.addEventListener("input", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("clear-facets").addEventListener("click", () => {
    for (const box of boxes) box.checked = false;
    wordsInput.value = "";
    apply(true);
  });
  // Open the facets a shared link filters on. On a phone the filters wait behind their
  // heading (which says how many are chosen), so that the list comes first.
  const narrow = window.matchMedia("(max-width: 40rem)").matches;
  for (const details of form.querySelectorAll("details.facet")) {
    const used = details.querySelector("input:checked") !== null;
    if (used || narrow) details.open = used;
  }
  form.querySelector("details.filters").open = !narrow;
  apply(false);
  form.dataset.ready = "true";
}

// The other language's page opens on the same search or filters: the query string as it
// stands when the switch is followed (search and facets keep it up to date).
function keepViewAcrossLanguages(link) {
  const follow = () => {
    link.search = window.location.search;
  };
  link.addEventListener("click", follow);
  link.addEventListener("auxclick", follow);
}

document.addEventListener("DOMContentLoaded", () => {
  const language = document.querySelector("header.site a.language");
  if (language) keepViewAcrossLanguages(language);
  const searchPage = document.getElementById("search-page");
  if (searchPage) startSearch(searchPage);
  const facets = document.getElementById("facets");
  if (facets) startFacets(facets);
});

// Convert JSON-LD files to N-Quads with jsonld.js, never fetching anything.
// Usage: node to-nquads.mjs FILE...; prints one JSON line per file: {file, nquads} or {file, error}.
import { readFile } from "node:fs/promises";
import jsonld from "jsonld";

const refuse = async (url) => {
  throw new Error(`refusing to fetch ${url}: every context must be inline`);
};

for (const file of process.argv.slice(2)) {
  let line;
  try {
    const document = JSON.parse(await readFile(file, "utf8"));
    const nquads = await jsonld.toRDF(document, {
      format: "application/n-quads",
      documentLoader: refuse,
      safe: true,
    });
    line = { file, nquads };
  } catch (error) {
    line = { file, error: String(error.message || error) + (error.details ? " " + JSON.stringify(error.details).slice(0, 300) : "") };
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}

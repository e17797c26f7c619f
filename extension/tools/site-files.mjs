// What manifest.json and sites/index.js must say, derived from the site files in sites/ (one
// file per shop, its name the site's id): the content script's match patterns are every site's
// `matches`, its scripts list every site file right after lib/sites.js, and sites/index.js
// imports them all for the worker and the extension pages. `node tools/sync-sites.mjs` writes
// both; test/site-files.test.js fails when either is out of step.
import { readdir, readFile } from "node:fs/promises";

export const ROOT = new URL("../", import.meta.url);
const READER = "lib/sites.js";

/** The site files' names, sorted: amazon.js, bestbuy.js, … */
export async function siteFileNames() {
  const names = await readdir(new URL("sites/", ROOT));
  return names.filter((f) => f.endsWith(".js") && f !== "index.js").sort();
}

/** Each site file's definition by file name (a file registers one site, named like the file). */
export async function loadSiteFiles(names) {
  for (const name of names) await import(new URL(`sites/${name}`, ROOT));
  const defined = globalThis.Yanbao?.siteDefinitions ?? [];
  return new Map(names.map((name) => [name, defined.find((s) => `${s.id}.js` === name)]));
}

export async function readManifest() {
  return JSON.parse(await readFile(new URL("manifest.json", ROOT), "utf8"));
}

/** The manifest with its content script's matches and site files taken from the site files. */
export function manifestFor(manifest, sites) {
  const [script, ...others] = manifest.content_scripts;
  const js = script.js.filter((path) => !path.startsWith("sites/"));
  js.splice(js.indexOf(READER) + 1, 0, ...[...sites.keys()].map((name) => `sites/${name}`));
  const matches = [...sites.values()].flatMap((site) => site?.matches ?? []);
  return { ...manifest, content_scripts: [{ ...script, matches, js }, ...others] };
}

export const manifestText = (manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** sites/index.js: the reader and every site file, for ES modules to import in one line. */
export function indexFor(names) {
  return [
    "// Every site, for the service worker and the extension pages: `import \"../sites/index.js\"`.",
    "// Written by `node tools/sync-sites.mjs` from the files in this folder; do not edit by hand.",
    `import "../${READER}";`,
    ...names.map((name) => `import "./${name}";`),
    "",
  ].join("\n");
}

// `node extension/tools/sync-sites.mjs`: after adding or changing a file in extension/sites/,
// rewrites manifest.json's content-script matches and scripts and sites/index.js to match.
import { writeFile } from "node:fs/promises";
import { indexFor, loadSiteFiles, manifestFor, manifestText, readManifest, ROOT, siteFileNames } from "./site-files.mjs";

const names = await siteFileNames();
const sites = await loadSiteFiles(names);
for (const [name, site] of sites) {
  if (!site) throw new Error(`sites/${name} registers no site with the id "${name.replace(/\.js$/, "")}"`);
}
await writeFile(new URL("manifest.json", ROOT), manifestText(manifestFor(await readManifest(), sites)));
await writeFile(new URL("sites/index.js", ROOT), indexFor(names));
console.log(`manifest.json and sites/index.js now list ${names.join(", ")}`);

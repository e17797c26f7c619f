// One file per shop in sites/: each names itself, carries everything the extension knows about
// the shop, and manifest.json and sites/index.js say what the files say (tools/sync-sites.mjs
// writes them). tests/test_shops_agree.py checks the files against the service's site parsers.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { indexFor, loadSiteFiles, manifestFor, readManifest, ROOT, siteFileNames } from "../tools/site-files.mjs";

const names = await siteFileNames();
const sites = await loadSiteFiles(names);
const SYNC = "run `node extension/tools/sync-sites.mjs`";

test("every file in sites/ registers one site named like the file", () => {
  assert.ok(names.length >= 6, names.join());
  for (const [name, site] of sites) assert.ok(site, `sites/${name} registers no site "${name.slice(0, -3)}"`);
  const ids = globalThis.Yanbao.siteDefinitions.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, `a site registered twice: ${ids}`);
  assert.equal(ids.filter((id) => sites.get(`${id}.js`)?.fallback).length, 1, "one fallback");
});

test("manifest.json's content script: the sites' match patterns and files", async () => {
  const manifest = await readManifest();
  const expected = manifestFor(manifest, sites).content_scripts[0];
  assert.deepEqual(manifest.content_scripts[0].matches, expected.matches, SYNC);
  assert.deepEqual(manifest.content_scripts[0].js, expected.js, SYNC);
});

test("sites/index.js imports every site file", async () => {
  assert.equal(await readFile(new URL("sites/index.js", ROOT), "utf8"), indexFor(names), SYNC);
});

const withPages = (site) => (site.samePagesAs ? sites.get(`${site.samePagesAs}.js`) : site);

for (const [name, site] of sites) {
  test(`sites/${name}: identity, regions and data scripts`, () => {
    const own = withPages(site);
    assert.ok(own && !own.samePagesAs, `${site.id}: samePagesAs names a site with its own pages`);
    assert.ok(own.identity.title.length && own.identity.price.length && Array.isArray(own.identity.offers));
    assert.ok(Array.isArray(own.regions) && own.dataScripts.every((re) => re instanceof RegExp));
  });

  if (site.fallback) continue;
  test(`sites/${name}: hosts, match patterns and sample URLs agree`, () => {
    const toRegex = (p) => new RegExp(`^${p.replace(/[.?+^$()|[\]{}\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    assert.ok(site.hosts.length && site.matches.length && site.accepts.length && site.rejects.length);
    for (const pattern of site.matches) {
      assert.ok(pattern.startsWith("https://"), pattern);
      assert.ok(site.hosts.includes(new URL(pattern.replace(/\*/g, "x")).hostname), pattern);
    }
    for (const url of site.accepts) {
      assert.ok(site.matches.some((p) => toRegex(p).test(url)), `no match pattern reaches ${url}`);
      assert.ok(site.hosts.includes(new URL(url).hostname), url);
    }
    for (const domain of site.shortLinkDomains ?? []) {
      assert.ok(!site.hosts.some((h) => h === domain || h.endsWith(`.${domain}`)), domain);
    }
  });
}

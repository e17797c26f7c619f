// The extension as a whole: one manifest for Chrome and Firefox, least permissions, a strict CSP,
// no remote code, and no way for page or service text to become markup.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";

const root = new URL("../", import.meta.url);
const manifest = JSON.parse(await readFile(new URL("manifest.json", root), "utf8"));

async function files(dir = root, out = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if ([".tooling", "node_modules", "test"].includes(entry.name)) continue;
    const url = new URL(entry.name + (entry.isDirectory() ? "/" : ""), dir);
    if (entry.isDirectory()) await files(url, out);
    else out.push(url);
  }
  return out;
}
const all = await files();
const sources = await Promise.all(
  all.filter((u) => /\.(js|html)$/.test(u.pathname)).map(async (u) => [u.pathname.slice(root.pathname.length), await readFile(u, "utf8")]),
);

test("one background for both browsers, as a module", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, "background/service-worker.js");
  assert.deepEqual(manifest.background.scripts, ["background/service-worker.js"]);
  assert.equal(manifest.background.type, "module");
});

test("Firefox: an id and the data collection it declares", () => {
  const gecko = manifest.browser_specific_settings.gecko;
  assert.match(gecko.id, /@/);
  assert.deepEqual(gecko.data_collection_permissions.required, ["websiteContent"]);
});

test("least permissions: storage and alarms; hosts are the service and, optionally, shops", () => {
  assert.deepEqual(manifest.permissions, ["storage", "alarms"]);
  assert.deepEqual(manifest.host_permissions, ["http://127.0.0.1/*", "http://localhost/*"]);
  // Notifications are asked for on the options page's "Turn on reminders", never at install.
  assert.deepEqual(manifest.optional_permissions, ["scripting", "notifications"]);
  assert.ok(!("web_accessible_resources" in manifest), "pages must not be able to probe for us");
  assert.ok(manifest.content_scripts.every((c) => c.matches.every((m) => m.startsWith("https://"))));
});

test("a strict CSP for extension pages", () => {
  const csp = manifest.content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self';/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-|http:\/\/\*|https:\/\/\S+\.\S+/);
});

test("every file the manifest and the pages name exists", () => {
  const named = [
    manifest.background.service_worker,
    ...manifest.content_scripts.flatMap((c) => c.js),
    manifest.action.default_popup,
    manifest.options_ui.page,
    ...Object.values(manifest.icons),
  ];
  for (const [path, text] of sources.filter(([p]) => p.endsWith(".html"))) {
    for (const m of text.matchAll(/(?:src|href)="([^"#:]+)"/g)) named.push(new URL(m[1], new URL(path, root)).pathname.slice(root.pathname.length));
  }
  for (const path of named) assert.ok(existsSync(new URL(path, root)), path);
});

test("no inline or remote scripts in pages", () => {
  for (const [path, text] of sources.filter(([p]) => p.endsWith(".html"))) {
    assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${path} has an inline script`);
    assert.doesNotMatch(text, /<script[^>]*src="(https?:)?\/\//, `${path} loads remote code`);
    assert.doesNotMatch(text, /\son[a-z]+=/, `${path} has an inline handler`);
  }
});

test("no markup from strings anywhere, and no eval", () => {
  const forbidden = /\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*["'`]/;
  for (const [path, text] of sources.filter(([p]) => p.endsWith(".js"))) {
    assert.doesNotMatch(text, forbidden, path);
  }
});

test("no unfinished-work markers", () => {
  for (const [path, text] of sources) assert.doesNotMatch(text, /\b(TODO|FIXME|XXX)\b/, path);
});

test("no analytics and no calls to anything but the configured service", () => {
  for (const [path, text] of sources.filter(([p]) => p.endsWith(".js"))) {
    assert.doesNotMatch(text, /google-analytics|googletagmanager|sentry|mixpanel|segment\.io/i, path);
    if (/\bfetch\(/.test(text)) assert.ok(["background/client.js", "background/i18n.js"].includes(path), `${path} calls fetch`);
  }
});

test("content scripts never touch the page's links, cart or forms", () => {
  const content = sources.filter(([p]) => manifest.content_scripts[0].js.includes(p));
  for (const [path, text] of content) {
    assert.doesNotMatch(text, /\.href\s*=|setAttribute\(\s*["']href|\.submit\(\)|\.action\s*=/, path);
  }
});

test("notifications are asked for only on the options page, and only in a click", async () => {
  const asking = sources.filter(([, text]) => /permissions\.request\([^)]*notifications|permissions\.request\(NOTIFICATIONS/.test(text)).map(([p]) => p);
  assert.deepEqual(asking, ["options/reminders.js"]);
  const text = sources.find(([p]) => p === "options/reminders.js")[1];
  assert.match(text, /addEventListener\("click", async \(\) => \{\s*\/\/[^\n]*\n\s*const granted = await api\.permissions\.request\(NOTIFICATIONS\)/);
});

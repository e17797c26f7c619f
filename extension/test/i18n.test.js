import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";
import { Y } from "./load.js";

const { translator, resolveLanguage } = Y.i18n;
const root = new URL("../", import.meta.url);
const readJson = async (path) => JSON.parse(await readFile(new URL(path, root), "utf8"));

async function sources(dir = root, out = []) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if ([".tooling", "test", "node_modules", "_locales"].includes(entry.name)) continue;
    const path = new URL(entry.name + (entry.isDirectory() ? "/" : ""), dir);
    if (entry.isDirectory()) await sources(path, out);
    else if (/\.(js|html|json)$/.test(entry.name)) out.push([path, await readFile(path, "utf8")]);
  }
  return out;
}

test("en and zh_CN have the same keys, none empty", async () => {
  const en = await readJson("_locales/en/messages.json");
  const zh = await readJson("_locales/zh_CN/messages.json");
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) assert.ok(value.message.trim(), key);
});

test("the same substitutions appear in both languages", async () => {
  const en = await readJson("_locales/en/messages.json");
  const zh = await readJson("_locales/zh_CN/messages.json");
  const subs = (m) => (m.match(/\$\d/g) ?? []).sort().join();
  for (const key of Object.keys(en)) assert.equal(subs(zh[key].message), subs(en[key].message), key);
});

test("every message key the code uses exists", async () => {
  const en = await readJson("_locales/en/messages.json");
  const used = new Set();
  for (const [, text] of await sources()) {
    for (const m of text.matchAll(/\bt\(\s*"([A-Za-z_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
    for (const m of text.matchAll(/(?:titleKey|Key): "([A-Za-z_]+)"/g)) used.add(m[1]);
  }
  for (const s of ["upcoming", "active", "ending_soon", "ended", "refunded", "void"]) used.add(`status_${s}`);
  for (const k of ["manufacturer", "statutory", "card", "plan", "accidental"]) used.add(`layer_${k}`);
  for (const key of Object.values(Y.format.VERDICT_KEYS)) used.add(key);
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, []);
});

test("substitutions, named placeholders and $$", () => {
  const t = translator({
    a: { message: "$1 of $2" },
    b: { message: "Hi $NAME$, $$5", placeholders: { name: { content: "$1" } } },
  });
  assert.equal(t("a", "3", "4"), "3 of 4");
  assert.equal(t("b", "Li"), "Hi Li, $5");
  assert.equal(t("a", "$2", "x"), "$2 of x", "a value is never substituted again");
  assert.equal(t("missing"), "missing");
});

test("the language follows the browser unless chosen", () => {
  assert.equal(resolveLanguage("auto", "zh-CN"), "zh_CN");
  assert.equal(resolveLanguage("auto", "zh-TW"), "zh_CN");
  assert.equal(resolveLanguage("auto", "de"), "en");
  assert.equal(resolveLanguage("en", "zh-CN"), "en");
  assert.equal(resolveLanguage("zh_CN", "en-US"), "zh_CN");
});

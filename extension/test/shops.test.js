// Shops the shopper enabled by hand get the content script only where permission was granted.
import assert from "node:assert/strict";
import { test } from "node:test";
import "./helpers/fake-browser.js";

const granted = new Set(["https://shop.example/*"]);
let registered = [];
chrome.runtime.getManifest = () => ({ content_scripts: [{ js: ["lib/sites.js", "content/content.js"] }] });
chrome.permissions = { contains: async ({ origins }) => origins.every((o) => granted.has(o)) };
chrome.scripting = {
  getRegisteredContentScripts: async ({ ids }) => registered.filter((s) => ids.includes(s.id)),
  unregisterContentScripts: async ({ ids }) => {
    registered = registered.filter((s) => !ids.includes(s.id));
  },
  registerContentScripts: async (scripts) => {
    registered.push(...scripts);
  },
};

const { syncShopScripts } = await import("../background/shops.js");

test("registers the content script for granted shops only", async () => {
  await syncShopScripts(["https://shop.example", "https://not-granted.example"]);
  assert.equal(registered.length, 1);
  assert.deepEqual(registered[0].matches, ["https://shop.example/*"]);
  assert.deepEqual(registered[0].js, ["lib/sites.js", "content/content.js"]);
});

test("re-syncing replaces the registration; no shops, no script", async () => {
  await syncShopScripts(["https://shop.example"]);
  assert.equal(registered.length, 1);
  await syncShopScripts([]);
  assert.deepEqual(registered, []);
});

// The panel may open exactly two extension pages (the all-plans view for its market, the card
// setting), and only the extension's own pages may list the catalog.
import assert from "node:assert/strict";
import { test } from "node:test";
import "./helpers/fake-browser.js";

const opened = [];
globalThis.chrome.tabs = { create: async ({ url }) => opened.push(url) };

const { createRouter } = await import("../background/router.js");
const { handlers, pageFor } = await import("../background/handlers/catalog.js");

const ORIGIN = "chrome-extension://test";
const router = createRouter(handlers, { origin: ORIGIN });
const tab = { url: "https://www.bestbuy.com/site/x/1.p", tab: { id: 1 } };

test("the panel opens the all-plans view for its market and kind of product", async () => {
  opened.length = 0;
  const answer = await router.dispatch({ type: "panel.open", payload: { page: "plans", market: "US", category: "digital" } }, tab);
  assert.deepEqual(answer, { ok: true, data: null });
  assert.deepEqual(opened, ["chrome-extension://test/dashboard/dashboard.html#plans?market=US&category=digital"]);
});

test("a product warranties do not cover opens the market's plans, with no category", async () => {
  opened.length = 0;
  await router.dispatch({ type: "panel.open", payload: { page: "plans", market: "CN", category: "not_eligible" } }, tab);
  assert.deepEqual(opened, ["chrome-extension://test/dashboard/dashboard.html#plans?market=CN"]);
  assert.equal(pageFor({ page: "card" }), "options/options.html#cardExtensionMonths");
});

test("nothing else can be opened, and a content script cannot list the catalog", async () => {
  opened.length = 0;
  for (const payload of [{ page: "https://evil.example/" }, { page: "plans", market: "XX" }, { page: "plans", category: "../x" }]) {
    assert.equal((await router.dispatch({ type: "panel.open", payload }, tab)).error.status, 400, JSON.stringify(payload));
  }
  assert.deepEqual(opened, []);
  assert.equal((await router.dispatch({ type: "catalog.plans", payload: { market: "US" } }, tab)).error.status, 403);
});

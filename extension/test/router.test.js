// The one message router: named handlers, validated payloads, content scripts kept to the
// handlers meant for them, and service errors passed on in one shape.
import assert from "node:assert/strict";
import { test } from "node:test";
import "./helpers/fake-browser.js";

const { createRouter, fromExtensionPage } = await import("../background/router.js");
const { ServiceError } = await import("../background/client.js");

const ORIGIN = "chrome-extension://abc";
const page = { url: `${ORIGIN}/dashboard/dashboard.html` };
const tab = { url: "https://item.jd.com/1.html", tab: { id: 3, url: "https://item.jd.com/1.html" } };

const router = createRouter(
  [
    { name: "echo.open", fromContent: true, fields: { n: { type: "integer", required: true } }, run: ({ n }) => ({ n }) },
    { name: "echo.closed", fields: {}, run: () => "secret" },
    { name: "echo.down", fields: {}, run: () => { throw new ServiceError({ status: 0, title: "unreachable" }); } },
    { name: "echo.bug", fields: {}, run: () => { throw new Error("oops"); } },
  ],
  { origin: ORIGIN },
);

test("a valid message reaches its handler", async () => {
  assert.deepEqual(await router.dispatch({ type: "echo.open", payload: { n: 2 } }, tab), { ok: true, data: { n: 2 } });
  assert.deepEqual(await router.dispatch({ type: "echo.closed" }, page), { ok: true, data: "secret" });
});

test("unknown messages and bad payloads are refused with the field named", async () => {
  assert.equal((await router.dispatch({ type: "nope" }, page)).error.status, 400);
  const bad = await router.dispatch({ type: "echo.open", payload: { n: "2", x: 1 } }, tab);
  assert.deepEqual(bad.error.errors.map((e) => e.field).sort(), ["n", "x"]);
});

test("a content script cannot call the extension pages' handlers", async () => {
  assert.equal((await router.dispatch({ type: "echo.closed" }, tab)).error.status, 403);
  assert.ok(fromExtensionPage(page, ORIGIN));
  assert.ok(!fromExtensionPage({ url: "https://evil.example/chrome-extension://abc/" }, ORIGIN));
  assert.ok(!fromExtensionPage({ url: `${ORIGIN}.evil/x` }, ORIGIN));
});

test("service errors keep their status; other failures become 500", async () => {
  assert.equal((await router.dispatch({ type: "echo.down" }, page)).error.status, 0);
  assert.equal((await router.dispatch({ type: "echo.bug" }, page)).error.status, 500);
});

test("two handlers with one name are a programming error", () => {
  assert.throws(() => createRouter([{ name: "a.b", run() {} }, { name: "a.b", run() {} }]));
});

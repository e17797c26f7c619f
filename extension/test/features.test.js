// Every feature module is registered: message handlers, dashboard sections and background jobs.
// Adding a feature is one new module and one line in its index; this catches the forgotten line.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";

const here = (path) => new URL(`../${path}`, import.meta.url);
const modules = async (dir) => (await readdir(here(dir))).filter((f) => f.endsWith(".js") && f !== "index.js");

for (const dir of ["background/handlers", "dashboard/sections", "background/jobs"]) {
  test(`every module in ${dir} is listed in its index`, async () => {
    const index = await readFile(here(`${dir}/index.js`), "utf8");
    for (const file of await modules(dir)) assert.match(index, new RegExp(`from "\\./${file}"`), file);
  });
}

test("handlers have unique names, declared fields and a run function", async () => {
  const { HANDLERS } = await import("../background/handlers/index.js");
  const names = HANDLERS.map((h) => h.name);
  assert.equal(new Set(names).size, names.length);
  for (const handler of HANDLERS) {
    assert.match(handler.name, /^[a-z]+\.[A-Za-z]+$/);
    assert.equal(typeof handler.fields, "object", handler.name);
    assert.equal(typeof handler.run, "function", handler.name);
  }
});

test("content scripts may call only the page's own handlers", async () => {
  const { HANDLERS } = await import("../background/handlers/index.js");
  const open = HANDLERS.filter((h) => h.fromContent).map((h) => h.name).sort();
  assert.deepEqual(open, ["coverage.buy", "page.detect", "page.history", "page.left", "panel.init",
    "panel.open", "panel.prefs"]);
});

test("sections and jobs have the shape the shells expect", async () => {
  const { SECTIONS } = await import("../dashboard/sections/index.js");
  for (const s of SECTIONS) assert.ok(s.id && s.titleKey && typeof s.mount === "function", s.id);
  const { JOBS } = await import("../background/jobs/index.js");
  for (const j of JOBS) assert.ok(j.name && j.periodInMinutes >= 0.5 && typeof j.run === "function", j.name);
});

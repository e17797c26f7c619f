import assert from "node:assert/strict";
import { test } from "node:test";
import { applyUpdate, DEFAULTS, migrate } from "../lib/settings.js";

test("nothing stored gives the defaults at the current version", () => {
  const s = migrate(undefined);
  assert.equal(s.version, DEFAULTS.version);
  assert.equal(s.serviceUrl, "http://127.0.0.1:8000");
  assert.equal(s.language, "auto");
  assert.deepEqual(s.panel, { collapsed: false, corner: "bottom-right" });
});

test("a version-0 object is carried through every migration", () => {
  const s = migrate({ serviceUrl: "http://localhost:9000/", disabledSites: ["Item.JD.com", "item.jd.com"], panelCorner: "top-left", panelCollapsed: 1 });
  assert.equal(s.version, 2);
  assert.equal(s.serviceUrl, "http://localhost:9000");
  assert.deepEqual(s.disabledHosts, ["item.jd.com"]);
  assert.deepEqual(s.panel, { collapsed: true, corner: "top-left" });
  assert.ok(!("disabledSites" in s) && !("panelCorner" in s));
});

test("migrations already applied are not run again", () => {
  let runs = 0;
  const steps = [{ to: 1, up: (s) => (runs++, s) }, { to: 2, up: (s) => ({ ...s, added: true }) }];
  const s = migrate({ version: 1, kept: "x" }, steps, { version: 2 });
  assert.equal(runs, 0);
  assert.equal(s.added, true);
  assert.equal(s.kept, "x");
});

test("the stored object is not modified", () => {
  const stored = { version: 1, disabledSites: ["a.example"] };
  migrate(stored);
  assert.deepEqual(stored, { version: 1, disabledSites: ["a.example"] });
});

test("updates are validated field by field", () => {
  const base = migrate(undefined);
  assert.equal(applyUpdate(base, { cardExtensionMonths: "12" }).value.cardExtensionMonths, 12);
  const bad = applyUpdate(base, { serviceUrl: "javascript:alert(1)", cardExtensionMonths: -1, language: "fr", panel: { corner: "middle" } });
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ["cardExtensionMonths", "language", "panel.corner", "serviceUrl"]);
  assert.deepEqual(applyUpdate(base, { disabledHosts: ["B.example", " b.example", ""] }).value.disabledHosts, ["b.example"]);
  assert.equal(applyUpdate(base, { panel: { collapsed: true } }).value.panel.corner, "bottom-right");
});

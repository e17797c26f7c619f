// The dashboard's layer editing: stored layers back to the request shape, edits applied to one
// layer, the service's error paths sorted by layer, and the worker's check of the PATCH payload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { editedLayer, errorsByLayer, layerRequest, layersRequest, newLayer, termOf } from "../lib/layers.js";
import { validate } from "../lib/validate.js";
import "./helpers/fake-browser.js";

const { handlers } = await import("../background/handlers/coverages.js");
const update = handlers.find((h) => h.name === "coverages.update");

// A layer as GET /api/v1/coverages/<id> answers it.
const storedPlan = {
  id: "lyr-3", kind: "plan", component: "whole unit", provider: "京东", name: "延长保修2年", plan_kind: "extended",
  term_months: 24, end_date: null, lifetime: false, starts: "after_manufacturer", start_date: null,
  price: "169.00", currency: "CNY", cancellation: { full_refund_days: 30, after: "prorated", fee: null, less_claims: false },
  state: "in_force", notes: "bought with the TV", starts_on: "2027-01-15", ends_on: "2029-01-14", status: "upcoming",
  days_left: null, added_months: "12",
};
const storedMaker = {
  id: "lyr-1", kind: "manufacturer", component: "whole unit", provider: null, name: null, plan_kind: null, term_months: 12,
  end_date: null, lifetime: false, starts: "purchase", start_date: null, price: null, currency: null, cancellation: null,
  state: "in_force", notes: null, starts_on: "2026-01-15", ends_on: "2027-01-14", status: "active", days_left: 100, added_months: "12",
};

test("a stored layer goes back without what the service computes, and keeps what the form does not show", () => {
  assert.deepEqual(layerRequest(storedPlan), {
    id: "lyr-3", kind: "plan", component: "whole unit", provider: "京东", name: "延长保修2年", plan_kind: "extended", term_months: 24,
    starts: "after_manufacturer", price: "169.00", currency: "CNY",
    cancellation: { full_refund_days: 30, after: "prorated", less_claims: false }, state: "in_force", notes: "bought with the TV",
  });
  assert.deepEqual(layerRequest(storedMaker), { id: "lyr-1", kind: "manufacturer", component: "whole unit", term_months: 12, starts: "purchase", state: "in_force" });
  assert.deepEqual(layerRequest({ ...storedMaker, term_months: null, lifetime: true }).lifetime, true);
  assert.deepEqual(layersRequest({ layers: [storedMaker, storedPlan] }).map((l) => l.kind), ["manufacturer", "plan"]);
  assert.deepEqual(layersRequest({}), []);
});

test("every stored layer in the request shape passes the worker's check", () => {
  const changes = { purchase_date: "2026-01-15", layers: layersRequest({ layers: [storedMaker, storedPlan] }) };
  assert.deepEqual(validate({ id: "cov-1", changes }, update.fields), []);
  // Sent as stored, read-only fields are refused with their path; a layer's id is taken (the
  // service keeps layer ids on edit, issue 14).
  const raw = validate({ id: "cov-1", changes: { layers: [storedMaker] } }, update.fields).map((e) => e.field);
  assert.ok(raw.includes("changes.layers.0.starts_on") && raw.includes("changes.layers.0.days_left"), raw.join());
  assert.ok(!raw.includes("changes.layers.0.id"), "a stored layer's id goes back with it");
});

test("the term is exactly the one chosen", () => {
  const base = layerRequest(storedPlan);
  assert.equal(termOf(base), "months");
  const dated = editedLayer(base, { term: "end_date", term_months: "24", end_date: "2029-06-30" });
  assert.equal(dated.end_date, "2029-06-30");
  assert.ok(!("term_months" in dated) && !("lifetime" in dated));
  assert.equal(termOf(dated), "end_date");
  const forever = editedLayer(dated, { term: "lifetime", end_date: "2029-06-30" });
  assert.deepEqual([forever.lifetime, forever.end_date, forever.term_months], [true, undefined, undefined]);
  assert.equal(termOf(forever), "lifetime");
  assert.equal(editedLayer(forever, { term: "months", term_months: " 36 " }).term_months, 36);
  assert.ok(!("term_months" in editedLayer(base, { term: "months", term_months: "" })), "empty months leave no term for the service to refuse");
  assert.equal(editedLayer(base, { term: "months", term_months: "1.5" }).term_months, 1.5);
});

test("state, provider, name and price edits; empty text clears; the rest is kept", () => {
  const base = layerRequest(storedPlan);
  const edited = editedLayer(base, { state: "refunded", provider: " ", name: "Gold plan", price: "99.50", currency: "usd", term: "months", term_months: "24" });
  assert.equal(edited.state, "refunded");
  assert.ok(!("provider" in edited));
  assert.equal(edited.name, "Gold plan");
  assert.deepEqual([edited.price, edited.currency], ["99.50", "USD"]);
  assert.deepEqual(edited.cancellation, base.cancellation);
  assert.deepEqual([edited.notes, edited.component, edited.starts, edited.plan_kind], ["bought with the TV", "whole unit", "after_manufacturer", "extended"]);
  assert.equal(base.state, "in_force", "the base layer is not changed");
  assert.ok(!("price" in editedLayer(base, { price: "" })));
});

test("plan_kind goes only with plans; new layers start sensibly", () => {
  const plan = newLayer("plan", "CNY");
  assert.deepEqual(plan, { kind: "plan", component: "whole unit", starts: "after_manufacturer", state: "in_force", term_months: 12, plan_kind: "extended", currency: "CNY" });
  assert.equal(newLayer("statutory").starts, "purchase");
  const card = editedLayer(plan, { kind: "card", plan_kind: "replace", starts: "after_manufacturer" });
  assert.ok(!("plan_kind" in card));
  assert.equal(editedLayer(plan, { plan_kind: "replace" }).plan_kind, "replace");
  assert.deepEqual(validate({ id: "c", changes: { layers: [plan, card] } }, update.fields), []);
});

test("the worker refuses a malformed layer with its path", () => {
  const bad = { kind: "plan", state: "cancelled", term_months: 1.5, cancellation: { after: "never" } };
  const fields = validate({ id: "c", changes: { layers: [layerRequest(storedMaker), bad], tags: ["ok", 3] } }, update.fields).map((e) => e.field).sort();
  assert.deepEqual(fields, ["changes.layers.1.cancellation.after", "changes.layers.1.state", "changes.layers.1.term_months", "changes.tags.1"]);
  assert.equal(validate({ id: "c", changes: { layers: [null] } }, update.fields)[0].field, "changes.layers.0");
  assert.equal(validate({ id: "c", changes: { layers: [{ term_months: 3 }] } }, update.fields)[0].field, "changes.layers.0.kind");
});

test("errors are sorted to the layer they name", () => {
  const { layers, other } = errorsByLayer([
    { field: "layers.2.term_months", message: "Give exactly one" },
    { field: "layers.2.end_date", message: "before start" },
    { field: "layers.0", message: "whole layer" },
    { field: "changes.layers.1.state", message: "must be one of" },
    { field: "purchase_date", message: "bad date" },
    { field: "layers", message: "too many" },
  ]);
  assert.deepEqual([...layers.keys()].sort(), [0, 1, 2]);
  assert.deepEqual(layers.get(2), [{ field: "term_months", message: "Give exactly one" }, { field: "end_date", message: "before start" }]);
  assert.deepEqual(layers.get(0), [{ field: "", message: "whole layer" }]);
  assert.deepEqual(layers.get(1), [{ field: "state", message: "must be one of" }]);
  assert.deepEqual(other, [{ field: "purchase_date", message: "bad date" }, { field: "layers", message: "too many" }]);
  assert.deepEqual(errorsByLayer(undefined), { layers: new Map(), other: [] });
});

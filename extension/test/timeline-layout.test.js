import assert from "node:assert/strict";
import { test } from "node:test";
import { coveredAtDepth, gapsWithin, layout } from "../lib/timeline-layout.js";

test("depth-1 cover merges touching ranges; depth 2 finds overlaps", () => {
  assert.deepEqual(coveredAtDepth([[0, 9], [10, 19]], 1), [[0, 19]]);
  assert.deepEqual(coveredAtDepth([[0, 9], [5, 19]], 2), [[5, 9]]);
  assert.deepEqual(coveredAtDepth([[0, 9], [20, 29]], 2), []);
});

test("gaps are the days nothing covers", () => {
  assert.deepEqual(gapsWithin([[0, 9], [20, 29]], 0, 29), [[10, 19]]);
  assert.deepEqual(gapsWithin([[0, 29]], 0, 29), []);
});

const record = {
  purchase_date: "2026-01-01",
  layers: [
    { kind: "manufacturer", starts_on: "2026-01-01", ends_on: "2026-12-31", state: "in_force" },
    { kind: "plan", plan_kind: "extended", starts_on: "2027-03-01", ends_on: "2028-02-29", state: "in_force" },
    { kind: "card", starts_on: "2027-01-01", ends_on: "2027-06-30", state: "in_force" },
    { kind: "plan", plan_kind: "accidental_damage", starts_on: "2026-01-01", ends_on: "2026-12-31", state: "in_force" },
  ],
};

test("rows for every layer, a gap-free chain with one overlap", () => {
  const plan = layout(record, "2026-06-01");
  assert.equal(plan.rows.length, 4);
  assert.equal(plan.rows[0].left, 0);
  assert.deepEqual(plan.gaps, []);
  assert.deepEqual(plan.overlaps.map((o) => [o.from, o.to, o.days]), [["2027-03-01", "2027-06-30", 122]]);
  assert.ok(plan.today > 0 && plan.today < 25);
});

test("a refunded layer leaves a gap; accident cover never fills one", () => {
  const refunded = { ...record, layers: record.layers.map((l, i) => (i === 2 ? { ...l, state: "refunded" } : l)) };
  const plan = layout(refunded, "2026-06-01");
  assert.deepEqual(plan.gaps.map((g) => [g.from, g.to]), [["2027-01-01", "2027-02-28"]]);
  assert.deepEqual(plan.overlaps, []);
});

test("lifetime layers reach the right edge", () => {
  const plan = layout({ purchase_date: "2026-01-01", layers: [{ kind: "manufacturer", starts_on: "2026-01-01", ends_on: null }] }, "2026-01-01");
  assert.equal(Math.round(plan.rows[0].left + plan.rows[0].width), 100);
});

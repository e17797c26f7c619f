import assert from "node:assert/strict";
import { test } from "node:test";
import { Y } from "./load.js";

const { sparklinePoints } = Y.sparkline;

test("points span the box, lowest price at the bottom, in date order", () => {
  const points = sparklinePoints(
    [{ date: "2026-03-01", price: "99.00" }, { date: "2026-01-01", price: "199.00" }, { date: "2026-02-01", price: "149.00" }],
    100, 20, 0,
  );
  assert.equal(points, "0,0 52.5,10 100,20");
});

test("one point or a flat line sits in the middle; bad points are skipped", () => {
  assert.equal(sparklinePoints([{ date: "2026-01-01", price: "5" }], 100, 20), "50,10");
  assert.equal(sparklinePoints([{ date: "x", price: "5" }, { date: "2026-01-01", price: "n/a" }], 100, 20), "");
  assert.equal(sparklinePoints([{ date: "2026-01-01", price: "5" }, { date: "2026-01-02", price: "5" }], 100, 20, 0), "0,10 100,10");
});

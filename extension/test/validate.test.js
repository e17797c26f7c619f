import assert from "node:assert/strict";
import { test } from "node:test";
import { DATE, validate } from "../lib/validate.js";

const spec = {
  url: { type: "string", required: true, max: 10 },
  n: { type: "integer", min: 1 },
  kind: { type: "string", enum: ["a", "b"] },
  date: { type: "string", pattern: DATE },
  offer: { type: "object", nullable: true },
};

test("a valid payload has no errors", () => {
  assert.deepEqual(validate({ url: "x", n: 2, kind: "a", date: "2026-01-02", offer: null }, spec), []);
});

test("each problem names its field", () => {
  const errors = validate({ n: 0, kind: "c", date: "tomorrow", extra: 1, offer: "no" }, spec);
  assert.deepEqual(errors.map((e) => e.field).sort(), ["date", "extra", "kind", "n", "offer", "url"]);
});

test("types are strict: no strings for numbers, no arrays for objects", () => {
  assert.equal(validate({ url: "x", n: "2" }, spec)[0].field, "n");
  assert.equal(validate({ url: "x", offer: [] }, spec)[0].field, "offer");
  assert.equal(validate({ url: "x".repeat(11) }, spec)[0].message, "must be at most 10");
  assert.equal(validate(null, spec)[0].message, "payload must be an object");
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { afterFailure, backoffMs, due, enqueue, isPermanent, MAX_BACKOFF_MS, newEntry, remove, retry } from "../lib/queue.js";

const entry = (id, now = 0) => newEntry({ kind: "coverage.create", body: { n: id }, now, id });

test("a new entry gets a UUID once, which is its idempotency key for every retry", () => {
  const e = newEntry({ kind: "coverage.create", body: {}, now: 5 });
  assert.match(e.id, /^[0-9a-f-]{36}$/);
  const after = afterFailure([e], e.id, { now: 10, error: "down" });
  assert.equal(after[0].id, e.id);
});

test("enqueueing the same entry twice keeps one", () => {
  const e = entry("a");
  assert.equal(enqueue(enqueue([], e), e).length, 1);
});

test("due entries come oldest first and wait out their backoff", () => {
  let q = [entry("b", 2), entry("a", 1)];
  assert.deepEqual(due(q, 5).map((e) => e.id), ["a", "b"]);
  q = afterFailure(q, "a", { now: 10, error: "unreachable" });
  assert.deepEqual(due(q, 10).map((e) => e.id), ["b"]);
  assert.deepEqual(due(q, 10 + backoffMs(1)).map((e) => e.id), ["a", "b"]);
});

test("backoff doubles and is capped", () => {
  assert.equal(backoffMs(1), 30_000);
  assert.equal(backoffMs(2), 60_000);
  assert.equal(backoffMs(50), MAX_BACKOFF_MS);
});

test("a refusal stays in the queue as rejected, never silently dropped", () => {
  const q = afterFailure([entry("a")], "a", { now: 1, error: "bad date", permanent: true });
  assert.equal(q.length, 1);
  assert.equal(q[0].state, "rejected");
  assert.deepEqual(due(q, Infinity), []);
  assert.equal(retry(q, "a", 7)[0].state, "pending");
});

test("an entry leaves only when removed", () => {
  assert.deepEqual(remove([entry("a"), entry("b")], "a").map((e) => e.id), ["b"]);
});

test("which answers are permanent", () => {
  for (const s of [400, 404, 409, 422]) assert.ok(isPermanent(s), String(s));
  for (const s of [0, 401, 408, 429, 500, 503]) assert.ok(!isPermanent(s), String(s));
});

// The worker's real save-and-flush path ("I bought this" -> queue -> service) over fake storage
// and a fake service that can be switched off: nothing lost, nothing sent twice.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { local, service } from "./helpers/fake-browser.js";

const { handlers: panel } = await import("../background/handlers/panel.js");
const { handlers: queue } = await import("../background/handlers/queue.js");
const { flushQueue } = await import("../background/jobs/queue-flush.js");
const buy = panel.find((h) => h.name === "coverage.buy");
const sendNow = queue.find((h) => h.name === "queue.flush");

const purchase = {
  site: "jd",
  product: { title: "海信电视", price: "2999.00", currency: "CNY", warranty_months: 12 },
  offer: { name: "延长保修2年", kind: "extended", term_months: 24, price: "169.00", currency: "CNY" },
  purchaseDate: "2026-05-01",
  orderRef: "JD-1",
};

beforeEach(() => {
  for (const key of Object.keys(local.data)) delete local.data[key];
  Object.assign(service, { requests: [], up: true, coverageStatus: 201 });
});

test("saved at once when the service is up, with an Idempotency-Key", async () => {
  const result = await buy.run(purchase);
  assert.equal(result.state, "saved");
  const [post] = service.posts("/api/v1/coverages");
  assert.equal(post.headers["Idempotency-Key"], result.id);
  assert.equal(post.headers.Authorization, "Bearer tok-1");
  assert.deepEqual(JSON.parse(post.body).layers.map((l) => l.kind), ["manufacturer", "plan"]);
  assert.deepEqual(local.data.queue, []);
});

test("queued while the service is down, then sent once with the same key", async () => {
  await chrome.storage.local.set({ auth: { token: "tok-1", serviceUrl: "http://127.0.0.1:8000" } });
  service.up = false;
  const queued = await buy.run(purchase);
  assert.equal(queued.state, "queued");
  assert.equal(local.data.queue.length, 1);
  assert.equal(local.data.queue[0].attempts, 1);

  await flushQueue(); // still in backoff: no attempt
  assert.equal(service.posts("/api/v1/coverages").length, 1);

  service.up = true;
  const { outcome, items } = await sendNow.run({});
  assert.equal(outcome[queued.id].state, "saved");
  assert.deepEqual(items, []);
  const posts = service.posts("/api/v1/coverages");
  assert.equal(posts.length, 2);
  assert.deepEqual(posts.map((p) => p.headers["Idempotency-Key"]), [queued.id, queued.id]);
  await sendNow.run({});
  assert.equal(service.posts("/api/v1/coverages").length, 2, "nothing left to send twice");
});

test("flushes started together send each entry once", async () => {
  service.up = false;
  await buy.run(purchase);
  service.up = true;
  local.data.queue[0].nextAttemptAt = 0;
  await Promise.all([flushQueue(), flushQueue(), flushQueue()]);
  // Down at first, the worker could not even register: only the one real send reached it.
  assert.equal(service.posts("/api/v1/coverages").length, 1);
  assert.deepEqual(local.data.queue, []);
});

test("a refusal is kept as rejected, not dropped and not retried on its own", async () => {
  service.coverageStatus = 400;
  const result = await buy.run(purchase);
  assert.equal(result.state, "rejected");
  assert.equal(local.data.queue[0].state, "rejected");
  assert.match(local.data.queue[0].lastError, /purchase_date/);
  await sendNow.run({});
  assert.equal(service.posts("/api/v1/coverages").length, 1);
});

test("a replayed answer (200) also empties the queue", async () => {
  service.coverageStatus = 200;
  const result = await buy.run(purchase);
  assert.equal(result.state, "saved");
  assert.equal(result.replayed, true);
});

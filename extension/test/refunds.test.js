// Refund cases and repair claims in the extension (issue 14): every word the service uses has a
// label in both languages, a move's amount, the checklist, the callback clock, the base64 that
// carries a file to the worker, and the worker's multipart upload of it.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import "./helpers/fake-browser.js";
import { service } from "./helpers/fake-browser.js";

const R = await import("../lib/refunds.js");
const { createRouter } = await import("../background/router.js");
const { handlers } = await import("../background/handlers/refunds.js");
const { handlers: claimHandlers } = await import("../background/handlers/claims.js");

const root = new URL("../", import.meta.url);
const locale = async (lang) => JSON.parse(await readFile(new URL(`_locales/${lang}/messages.json`, root), "utf8"));

test("every state, route, evidence kind, amount and claim event has a label in both languages", async () => {
  const [en, zh] = [await locale("en"), await locale("zh_CN")];
  const labels = [
    [R.REFUND_STATES, R.STATE_LABELS],
    [R.REFUND_ROUTES, R.ROUTE_LABELS],
    [R.EVIDENCE_KINDS, R.EVIDENCE_LABELS],
    [["asked", "offered", "received"], R.AMOUNT_LABELS],
    [R.CLAIM_EVENTS, R.CLAIM_EVENT_LABELS],
  ];
  for (const [words, map] of labels) {
    assert.deepEqual(Object.keys(map).sort(), [...words].sort());
    for (const word of words) {
      assert.ok(en[map[word]]?.message, `en ${map[word]}`);
      assert.ok(zh[map[word]]?.message, `zh_CN ${map[word]}`);
    }
  }
});

test("a move's amount: asked, offered or received, required only when money came back", () => {
  assert.deepEqual(R.amountFor("requested"), { means: "asked", required: false, labelKey: "refundAmountAsked" });
  assert.deepEqual(R.amountFor("negotiating"), { means: "offered", required: false, labelKey: "refundAmountOffered" });
  assert.deepEqual(R.amountFor("refunded"), { means: "received", required: true, labelKey: "refundAmountReceived" });
  assert.deepEqual(R.amountFor("withdrawn"), { means: null, required: false, labelKey: null });
});

test("the checklist names each kind once, with every step that wants it and the files there are", () => {
  const label = (en) => ({ en, zh: en });
  const record = {
    checklist: [
      { to: "negotiating", evidence: [{ kind: "chat_screenshots", label: label("Chat"), source: "seed:" }] },
      { to: "complaint", evidence: [{ kind: "call_recordings", label: label("Calls"), source: "seed:" },
        { kind: "chat_screenshots", label: label("Chat"), source: "seed:" }] },
    ],
  };
  const rows = R.checklist(record, [{ kind: "chat_screenshots" }, { kind: "chat_screenshots" }, { kind: "contract" }]);
  assert.deepEqual(rows.map((r) => [r.kind, r.steps, r.have]),
    [["chat_screenshots", ["negotiating", "complaint"], 2], ["call_recordings", ["complaint"], 0]]);
  assert.deepEqual(R.checklist({}, []), []);
  // Without the files, the service's own count.
  const counted = { checklist: [{ to: "complaint", evidence: [{ kind: "contract", label: label("Contract"), source: "seed:", files: 3 }] }] };
  assert.deepEqual(R.checklist(counted).map((r) => r.have), [3]);
  assert.deepEqual(R.checklist(counted, []).map((r) => r.have), [0], "the files listed win");
});

// The service counts a callback promise in days (server/domain/refunds/claims.py): reported on
// 29 November under 24 hours, due by the end of 30 November; 36 hours: the end of 1 December.
// The clock runs to the end of that day in the shopper's time zone (here, the test machine's).
const endOf = (y, m, d) => new Date(y, m - 1, d + 1).getTime();
const local = (y, m, d, h, min = 0) => new Date(y, m - 1, d, h, min).getTime();

test("the callback clock counts down to the end of the promised day", () => {
  const claim = { reported_on: "2026-11-29", callback_promised_hours: 24, events: [] };
  assert.deepEqual(R.callbackClock(claim, local(2026, 11, 29, 20, 30)),
    { state: "waiting", dueOn: "2026-11-30", dueAt: endOf(2026, 11, 30), left: { hours: 27, minutes: 30 } });
  assert.deepEqual(R.callbackClock(claim, local(2026, 11, 30, 23, 59)).left, { hours: 0, minutes: 1 });
  assert.deepEqual(R.callbackClock({ ...claim, callback_promised_hours: 36 }, local(2026, 11, 29, 0)).dueOn, "2026-12-01");
  // Partial minutes are dropped: 30 s left shows 0 h 0 min, still waiting.
  assert.deepEqual(R.callbackClock(claim, endOf(2026, 11, 30) - 30_000).left, { hours: 0, minutes: 0 });
});

test("past the promised day the clock is overdue, by how long; the service's word wins", () => {
  const claim = { reported_on: "2026-11-26", callback_promised_hours: 24, events: [] };
  // Due by the end of 27 November; at 09:15 on 29 November, 33 h 15 min late.
  assert.deepEqual(R.callbackClock(claim, local(2026, 11, 29, 9, 15)),
    { state: "overdue", dueOn: "2026-11-27", dueAt: endOf(2026, 11, 27), late: { hours: 33, minutes: 15 } });
  assert.equal(R.callbackClock(claim, endOf(2026, 11, 27)).state, "overdue", "at the very end of the day");
  // The service (its day is UTC) already calls it overdue: so does the clock, late by nothing yet.
  const told = { ...claim, callback: { promised_hours: 24, due_on: "2026-11-27", overdue: true } };
  assert.deepEqual(R.callbackClock(told, local(2026, 11, 27, 22)).late, { hours: 0, minutes: 0 });
  assert.equal(R.callbackClock(told, local(2026, 11, 27, 22)).state, "overdue");
  // Its due day is used as it gives it.
  const given = { ...claim, callback: { promised_hours: 24, due_on: "2026-11-28", overdue: false } };
  assert.equal(R.callbackClock(given, local(2026, 11, 28, 12)).state, "waiting");
});

test("any answer stops the clock, kept or late; no promise means no clock", () => {
  const base = { reported_on: "2026-11-26", callback_promised_hours: 24 };
  const answered = R.callbackClock({ ...base, events: [{ kind: "visit", on: "2026-11-27" }] }, local(2026, 12, 5, 0));
  assert.deepEqual([answered.state, answered.answeredOn, answered.kept], ["answered", "2026-11-27", true]);
  const late = R.callbackClock({ ...base, events: [{ kind: "called_back", on: "2026-11-29" }] }, local(2026, 12, 5, 0));
  assert.deepEqual([late.state, late.kept], ["answered", false]);
  assert.equal(R.callbackClock({ ...base, callback_promised_hours: null, events: [] }, 0).state, "none");
  assert.equal(R.callbackClock({ ...base, callback: { promised_hours: null }, callback_promised_hours: null, events: [] }, 0).state, "none");
});

test("the escalation is the service's escalate step", () => {
  const step = { action: "escalate", title: { en: "Escalate", zh: "催办" }, due_on: "2026-11-27", overdue: true };
  assert.equal(R.escalation({ next_steps: [{ action: "other" }, step] }), step);
  assert.equal(R.escalation({ next_steps: [] }), null);
});

test("file sizes in bytes, KB and MB", () => {
  assert.deepEqual(R.fileSize(1023), { key: "evidenceBytes", value: "1023" });
  assert.deepEqual(R.fileSize(2200), { key: "evidenceKilobytes", value: "2.1" });
  assert.deepEqual(R.fileSize(10 * 1048576), { key: "evidenceMegabytes", value: "10.0" });
  assert.equal(R.fileSize(undefined), null);
});

test("base64 carries every byte value, across the chunk boundary, as Node's own does", () => {
  const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 37 + 11) % 256);
  const text = R.toBase64(bytes);
  assert.equal(text, Buffer.from(bytes).toString("base64"));
  assert.deepEqual(R.fromBase64(text), bytes);
  assert.equal(R.toBase64(bytes.buffer), text, "an ArrayBuffer too");
  assert.equal(text.length, R.base64Length(bytes.length));
  assert.throws(() => R.fromBase64("not base64!"));
});

const ORIGIN = "chrome-extension://test";
const page = { url: `${ORIGIN}/dashboard/dashboard.html` };
const router = createRouter([...handlers, ...claimHandlers], { origin: ORIGIN });

test("an upload reaches the service as multipart: the kind, and the file's own bytes and name", async () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
  const handle = service.handle;
  let sent = null;
  service.handle = async function (url, init) {
    if (new URL(url).pathname === "/api/v1/refund-cases/case-1/evidence") {
      sent = init;
      return new Response(JSON.stringify({ id: "ev-1", kind: "chat_screenshots" }), { status: 201, headers: { "Content-Type": "application/json" } });
    }
    return handle.call(this, url, init);
  };
  try {
    const answer = await router.dispatch({ type: "evidence.upload", payload: {
      caseId: "case-1", kind: "chat_screenshots", name: "聊天.png", type: "image/png", data: R.toBase64(png) } }, page);
    assert.deepEqual(answer, { ok: true, data: { id: "ev-1", kind: "chat_screenshots" } });
  } finally {
    service.handle = handle;
  }
  assert.equal(sent.method, "POST");
  assert.equal(sent.headers.Authorization, "Bearer tok-1");
  assert.equal(sent.headers["Content-Type"], undefined, "fetch writes the multipart boundary itself");
  assert.ok(sent.body instanceof FormData);
  assert.equal(sent.body.get("kind"), "chat_screenshots");
  const file = sent.body.get("file");
  assert.equal(file.name, "聊天.png");
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), png);
});

test("bad uploads and moves are refused in the worker, before the service", async () => {
  const before = service.requests.length;
  const refuse = async (type, payload) => (await router.dispatch({ type, payload }, page)).error;
  assert.equal((await refuse("evidence.upload", { caseId: "c", kind: "selfie", name: "a.png", data: "AAAA" })).errors[0].field, "kind");
  assert.equal((await refuse("evidence.upload", { caseId: "c", kind: "contract", name: "a.png", data: "<script>" })).errors[0].field, "data");
  assert.equal((await refuse("evidence.upload", { caseId: "../x", kind: "contract", name: "a.png", data: "AAAA" })).errors[0].field, "caseId");
  const tooBig = "A".repeat(R.base64Length(R.MAX_EVIDENCE_BYTES) + 4);
  assert.equal((await refuse("evidence.upload", { caseId: "c", kind: "contract", name: "a.png", data: tooBig })).errors[0].field, "data");
  assert.equal((await refuse("refunds.move", { id: "c", to: "sideways" })).errors[0].field, "to");
  assert.equal((await refuse("refunds.open", { coverageId: "c", route: "by_post" })).errors[0].field, "route");
  assert.equal((await refuse("claims.event", { id: "c", kind: "shrugged" })).errors[0].field, "kind");
  assert.equal((await refuse("claims.open", { coverageId: "c", layer_id: "l", fault: "x", reported_on: "yesterday" })).errors[0].field, "reported_on");
  assert.equal(service.requests.length, before);
  // A web page's content script may call none of them.
  const tab = { url: "https://item.jd.com/1.html", tab: { id: 1 } };
  assert.equal((await router.dispatch({ type: "refunds.list", payload: {} }, tab)).error.status, 403);
});

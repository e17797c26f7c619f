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

test("the callback clock counts down from the moment a same-day claim was recorded", () => {
  const claim = { reported_on: "2026-11-29", created_at: "2026-11-29T08:00:00Z", callback_promised_hours: 24, events: [] };
  const at = (iso) => Date.parse(iso);
  // Due 2026-11-30 08:00 UTC; at 20:30 the day before, 11 h 30 min are left.
  assert.deepEqual(R.callbackClock(claim, at("2026-11-29T20:30:00Z")),
    { state: "waiting", dueAt: at("2026-11-30T08:00:00Z"), left: { hours: 11, minutes: 30 } });
  // 25 h 15 min after it was recorded: 1 h 15 min late.
  assert.deepEqual(R.callbackClock(claim, at("2026-11-30T09:15:00Z")),
    { state: "overdue", dueAt: at("2026-11-30T08:00:00Z"), late: { hours: 1, minutes: 15 } });
  // Exactly at the promise it is overdue by nothing, not "0 min left".
  assert.equal(R.callbackClock(claim, at("2026-11-30T08:00:00Z")).state, "overdue");
  // Partial minutes are dropped: 59.5 s left shows 0 h 0 min, still waiting.
  assert.deepEqual(R.callbackClock(claim, at("2026-11-30T07:59:00.500Z")).left, { hours: 0, minutes: 0 });
});

test("a claim reported days before it was recorded runs from the start of that day", () => {
  const claim = { reported_on: "2026-11-20", created_at: "2026-11-29T08:00:00Z", callback_promised_hours: 48, events: [] };
  const clock = R.callbackClock(claim, Date.parse("2026-11-29T08:00:00Z"));
  // Due 2026-11-22 00:00 UTC: 7 days 8 hours late.
  assert.deepEqual([clock.state, clock.late], ["overdue", { hours: 7 * 24 + 8, minutes: 0 }]);
});

test("an answer stops the clock, no promise means no clock, and the service's due time wins", () => {
  const base = { reported_on: "2026-11-29", created_at: "2026-11-29T08:00:00Z", callback_promised_hours: 24 };
  const answered = R.callbackClock({ ...base, events: [{ kind: "called_back", on: "2026-11-29" }] }, Date.parse("2026-12-05T00:00:00Z"));
  assert.equal(answered.state, "answered");
  assert.equal(answered.answeredAt, Date.parse("2026-11-29T00:00:00Z"));
  assert.equal(R.callbackClock({ ...base, callback_promised_hours: null, events: [] }, 0).state, "none");
  const given = R.callbackClock({ ...base, callback_due_at: "2026-11-29T12:00:00Z", events: [] }, Date.parse("2026-11-29T11:00:00Z"));
  assert.deepEqual(given.left, { hours: 1, minutes: 0 });
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

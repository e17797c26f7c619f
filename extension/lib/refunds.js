// Pure helpers for refund cases and repair claims (issue 14): the message keys of the service's
// words, what a move's amount means, the callback clock of a claim, and the base64 that carries
// an evidence file from a page to the worker. No DOM, no browser APIs: Node tests import it.
import { CLAIM_EVENT_KINDS, EVIDENCE_KINDS, REFUND_AMOUNT_MEANS, REFUND_AMOUNT_REQUIRED, REFUND_ROUTES, REFUND_STATES } from "./vocabulary.js";

// Message keys per word, written out so the locale test sees every key used; the words come
// from the service's vocabulary (lib/vocabulary.js) and test/refunds.test.js checks each has one.
export const STATE_LABELS = {
  draft: "refundStateDraft",
  requested: "refundStateRequested",
  negotiating: "refundStateNegotiating",
  platform_intervention: "refundStatePlatformIntervention",
  complaint: "refundStateComplaint",
  refunded: "refundStateRefunded",
  partly_refunded: "refundStatePartlyRefunded",
  rejected: "refundStateRejected",
  withdrawn: "refundStateWithdrawn",
};
export const ROUTE_LABELS = { with_goods: "refundRouteWithGoods", plan_only: "refundRoutePlanOnly" };
export const EVIDENCE_LABELS = {
  call_recordings: "evidenceCallRecordings",
  chat_screenshots: "evidenceChatScreenshots",
  contract: "evidenceContract",
  transfer_records: "evidenceTransferRecords",
  order_screenshot: "evidenceOrderScreenshot",
  plan_terms: "evidencePlanTerms",
  plan_receipt: "evidencePlanReceipt",
};
export const AMOUNT_LABELS = { asked: "refundAmountAsked", offered: "refundAmountOffered", received: "refundAmountReceived" };
// The claim events the service records (POST /api/v1/claims/<id>/events).
export const CLAIM_EVENT_LABELS = {
  called_back: "claimEventCalledBack",
  visit: "claimEventVisit",
  repaired: "claimEventRepaired",
  replaced: "claimEventReplaced",
  refused: "claimEventRefused",
};
export const CLAIM_EVENTS = CLAIM_EVENT_KINDS;

export { EVIDENCE_KINDS, REFUND_ROUTES, REFUND_STATES };

/** What the amount sent with a move to `to` means, and whether it must be given. */
export function amountFor(to) {
  const means = REFUND_AMOUNT_MEANS[to] ?? null;
  return { means, required: REFUND_AMOUNT_REQUIRED.includes(to), labelKey: means ? AMOUNT_LABELS[means] : null };
}

/** A {en, zh} text in the shopper's language (the other one when one is missing). */
export const pick = (text, lang) => (text == null ? "" : typeof text === "string" ? text : (lang === "zh_CN" ? text.zh ?? text.en : text.en ?? text.zh) ?? "");

/**
 * The evidence the next steps want, once per kind, with the steps that want it, in the order
 * the steps give them; `have` counts the uploaded files of each kind (from `uploaded`, the
 * case's files, when given; else from the count the service puts in the checklist).
 */
export function checklist(caseRecord, uploaded = null) {
  const kinds = new Map();
  for (const step of caseRecord.checklist ?? []) {
    for (const item of step.evidence ?? []) {
      if (!kinds.has(item.kind)) kinds.set(item.kind, { kind: item.kind, label: item.label, source: item.source, steps: [], have: Number(item.files ?? 0) });
      kinds.get(item.kind).steps.push(step.to);
    }
  }
  if (uploaded) {
    for (const entry of kinds.values()) entry.have = uploaded.filter((file) => file.kind === entry.kind).length;
  }
  return [...kinds.values()];
}

/** Whole hours and minutes of a span of milliseconds, rounded down to the minute. */
export function span(ms) {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** The first moment after a YYYY-MM-DD day, in the shopper's own time zone. */
export function endOfDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() : null;
}

/** YYYY-MM-DD plus n days. */
const addDays = (iso, n) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/**
 * A claim's callback clock at `now` (ms). The service counts the promise in days: a fault
 * reported on 1 March under a 24-hour promise must be called back by the end of 2 March
 * (reported_on + ceil(hours / 24) days, `callback.due_on`), and calls it overdue after that
 * day. The clock runs to the end of that day in the shopper's time zone:
 * - "none": no callback was promised;
 * - "answered": the provider was in touch (any event: a call, a visit, an outcome);
 * - "waiting" with the time `left`, or "overdue" with how `late` (the service's word wins).
 */
export function callbackClock(claim, now) {
  const promise = claim?.callback ?? {};
  const hours = promise.promised_hours ?? claim?.callback_promised_hours ?? null;
  if (hours == null) return { state: "none", dueOn: null, dueAt: null };
  const dueOn = promise.due_on ?? (claim.reported_on ? addDays(claim.reported_on, Math.ceil(Number(hours) / 24)) : null);
  const dueAt = endOfDay(dueOn);
  const events = (claim.events ?? []).filter((e) => CLAIM_EVENTS.includes(e.kind));
  if (events.length) {
    const first = promise.called_back_on ?? events.map((e) => e.on).filter(Boolean).sort()[0] ?? null;
    return { state: "answered", dueOn, dueAt, answeredOn: first, kept: promise.kept ?? (first != null && dueOn != null ? first <= dueOn : null) };
  }
  if (dueAt == null) return { state: "none", dueOn: null, dueAt: null };
  const left = dueAt - now;
  if (promise.overdue || left <= 0) return { state: "overdue", dueOn, dueAt, late: span(-left) };
  return { state: "waiting", dueOn, dueAt, left: span(left) };
}

/** The escalation step a claim's next_steps give for a missed callback, or null. */
export const escalation = (claim) => (claim?.next_steps ?? []).find((s) => s.kind === "escalate" || s.action === "escalate") ?? null;

// Evidence goes from a page to the worker as base64 text: Chrome passes extension messages as
// JSON (an ArrayBuffer would arrive as {}), Firefox by structured clone; a string survives both.
const CHUNK = 0x8000;

/** Bytes (Uint8Array or ArrayBuffer) as base64. */
export function toBase64(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (let i = 0; i < view.length; i += CHUNK) binary += String.fromCharCode(...view.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Base64 text back to bytes; throws on text that is not base64. */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The largest evidence file the dashboard sends; the service applies its own limit (413).
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** A file's size as a message key and its number: bytes, KB or MB (1024-based, one decimal). */
export function fileSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return null;
  if (n < 1024) return { key: "evidenceBytes", value: String(n) };
  if (n < 1024 * 1024) return { key: "evidenceKilobytes", value: (n / 1024).toFixed(1) };
  return { key: "evidenceMegabytes", value: (n / 1048576).toFixed(1) };
}

/** The base64 length of n bytes: the message limit for a file of at most n bytes. */
export const base64Length = (n) => 4 * Math.ceil(n / 3);

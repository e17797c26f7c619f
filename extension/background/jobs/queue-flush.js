// Sends queued entries to the service, oldest first, each with its Idempotency-Key. Stops at the
// first "unreachable" (no point hammering a stopped service); runs on an alarm and after saves.
import { afterFailure, due, isPermanent, remove } from "../../lib/queue.js";
import { request } from "../client.js";
import { getQueue, updateQueue } from "../storage.js";

// How each kind of queued entry is sent; a new kind of offline write adds one line here.
const SENDERS = {
  "coverage.create": (entry) =>
    request("POST", "/api/v1/coverages", { body: entry.body, headers: { "Idempotency-Key": entry.id }, withStatus: true }),
  "reminder.ack": (entry) =>
    request("POST", `/api/v1/reminders/${encodeURIComponent(entry.body.id)}/ack`, { withStatus: true }),
  "reminder.snooze": (entry) =>
    request("POST", `/api/v1/reminders/${encodeURIComponent(entry.body.id)}/snooze`, { body: { until: entry.body.until }, withStatus: true }),
};

// Flushes run one after another, never side by side, so one worker never sends an entry twice.
let chain = Promise.resolve();

/** Flushes due entries; resolves to {entryId: {state: "saved"|"queued"|"rejected", ...}}. */
export function flushQueue() {
  const run = chain.then(flushOnce);
  chain = run.catch(() => {});
  return run;
}

async function flushOnce() {
  const outcome = {};
  for (const entry of due(await getQueue(), Date.now())) {
    const sender = SENDERS[entry.kind];
    try {
      if (!sender) throw Object.assign(new Error(`unknown kind ${entry.kind}`), { status: 400 });
      const { status, data: record } = await sender(entry);
      await updateQueue((q) => remove(q, entry.id));
      outcome[entry.id] = { state: "saved", replayed: status === 200, record };
    } catch (error) {
      const permanent = isPermanent(error.status ?? 0);
      const detail = error.detail ?? error.message;
      await updateQueue((q) => afterFailure(q, entry.id, { now: Date.now(), error: detail, permanent }));
      outcome[entry.id] = { state: permanent ? "rejected" : "queued", error: error.toJSON?.() ?? { detail } };
      if (error.status === 0) break;
    }
  }
  return outcome;
}

export const job = { name: "queue-flush", periodInMinutes: 1, run: flushQueue };

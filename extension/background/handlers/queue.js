// The offline queue as the dashboard shows it: what is waiting, and "send now".
import { remove, retry } from "../../lib/queue.js";
import { ID } from "../../lib/validate.js";
import { flushQueue } from "../jobs/queue-flush.js";
import { getQueue, updateQueue } from "../storage.js";

const summary = (e) => ({
  id: e.id,
  kind: e.kind,
  title: e.body?.product?.title ?? e.body?.title ?? "",
  createdAt: e.createdAt,
  attempts: e.attempts,
  state: e.state,
  lastError: e.lastError,
});

const list = { name: "queue.list", fields: {}, run: async () => ({ items: (await getQueue()).map(summary) }) };

const flush = {
  name: "queue.flush",
  fields: {},
  async run() {
    const now = Date.now();
    // "Send now" means now: waiting entries skip their backoff.
    await updateQueue((q) => q.map((e) => (e.state === "pending" ? { ...e, nextAttemptAt: now } : e)));
    const outcome = await flushQueue();
    return { outcome, items: (await getQueue()).map(summary) };
  },
};

const drop = {
  name: "queue.discard",
  fields: { id: { type: "string", required: true, pattern: ID } },
  run: async ({ id }) => ({ items: (await updateQueue((q) => remove(q, id))).map(summary) }),
};

const again = {
  name: "queue.retry",
  fields: { id: { type: "string", required: true, pattern: ID } },
  async run({ id }) {
    await updateQueue((q) => retry(q, id, Date.now()));
    await flushQueue();
    return { items: (await getQueue()).map(summary) };
  },
};

export const handlers = [list, flush, drop, again];

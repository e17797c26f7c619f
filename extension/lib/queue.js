// The offline queue as pure functions over an array of entries. An entry's id doubles as the
// Idempotency-Key sent with every attempt, so a retry after a lost answer cannot create a
// second record. Entries leave the queue only when the service has answered for them.
export const MAX_BACKOFF_MS = 30 * 60 * 1000;
const BASE_BACKOFF_MS = 30 * 1000;

/** A new queued entry; `id` is a fresh UUID generated once and kept for every retry. */
export function newEntry({ kind, body, now, id = crypto.randomUUID() }) {
  return { id, kind, body, createdAt: now, attempts: 0, nextAttemptAt: now, lastError: null, state: "pending" };
}

export const enqueue = (entries, entry) => [...entries.filter((e) => e.id !== entry.id), entry];

/** Pending entries whose time has come, oldest first. */
export const due = (entries, now) =>
  entries.filter((e) => e.state === "pending" && e.nextAttemptAt <= now).sort((a, b) => a.createdAt - b.createdAt);

export const backoffMs = (attempts) => Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));

/** After a failed attempt: transient failures wait longer each time; a refusal stays, marked. */
export function afterFailure(entries, id, { now, error, permanent = false }) {
  return entries.map((e) => {
    if (e.id !== id) return e;
    const attempts = e.attempts + 1;
    return {
      ...e,
      attempts,
      lastError: error,
      state: permanent ? "rejected" : "pending",
      nextAttemptAt: now + backoffMs(attempts),
    };
  });
}

export const remove = (entries, id) => entries.filter((e) => e.id !== id);

/** Puts a rejected entry back for another try (after the shopper fixed what was wrong). */
export const retry = (entries, id, now) =>
  entries.map((e) => (e.id === id ? { ...e, state: "pending", nextAttemptAt: now } : e));

/** Service answers that will not change on a retry: bad input, gone, conflict. */
export const isPermanent = (status) => status >= 400 && status < 500 && ![401, 408, 425, 429].includes(status);

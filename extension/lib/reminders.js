// Expiry reminders in the browser, as pure functions: which due reminders become notifications,
// what the badge says, whether now is inside the account's quiet hours, and the day a snooze
// ends. The worker's job (background/jobs/reminders.js) keeps the state these functions take.

/** Kinds of queued writes that settle a reminder (sent by the queue-flush job). */
export const QUEUED_KINDS = ["reminder.ack", "reminder.snooze"];

/** Days a notification's "snooze" button puts a reminder off. */
export const SNOOZE_DAYS = 7;


/** Due reminders minus those the shopper already acknowledged or snoozed while offline. */
export function withoutQueued(items, queue) {
  const settled = new Set(
    queue.filter((e) => QUEUED_KINDS.includes(e.kind) && e.state !== "rejected").map((e) => e.body?.id),
  );
  return items.filter((r) => !settled.has(r.id));
}

/**
 * One poll's outcome. `due` is the service's due list (already without queued settlements),
 * `shown` the ids notified before ({id: time}). Answers the reminders to notify now (each once,
 * never one notified before), the ids whose notification should go (no longer due: acknowledged
 * elsewhere, snoozed, muted, deleted) and the shown map to keep. An id leaves `shown` when it is no
 * longer due, so a snoozed reminder notifies again when it comes back, and an acknowledged one,
 * never due again, never does.
 */
export function plan(due, shown, { now, quiet = false, allowed = true }) {
  const dueIds = new Set(due.map((r) => r.id));
  const gone = Object.keys(shown).filter((id) => !dueIds.has(id));
  const kept = Object.fromEntries(Object.entries(shown).filter(([id]) => dueIds.has(id)));
  const notify = allowed && !quiet ? due.filter((r) => !(r.id in kept)) : [];
  for (const r of notify) kept[r.id] = now;
  return { notify, gone, shown: kept };
}

/** The action badge for a number of due reminders: nothing for none, "99+" past 99. */
export const badgeText = (count) => (count <= 0 ? "" : count > 99 ? "99+" : String(count));

/** The state after the shopper acknowledged or snoozed one reminder in this browser. */
export function settle(state, id) {
  const { [id]: _, ...shown } = state.shown;
  return { ...state, due: state.due.filter((r) => r.id !== id), shown };
}

/** The part of a reminder the worker keeps (enough to open its coverage and label a queue entry). */
export const keep = (r) => ({ id: r.id, coverage_id: r.coverage_id, kind: r.kind, event_on: r.event_on, title: r.title, message: r.message });

/** "HH:MM" wall-clock time of `now` in an IANA time zone (falls back to UTC for a bad name). */
export function clockIn(now, timeZone) {
  const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  let parts;
  try {
    parts = new Intl.DateTimeFormat("en-GB", { ...options, timeZone }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).formatToParts(now);
  }
  const get = (type) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("hour")}:${get("minute")}`;
}

/** True when `now` falls in quiet hours {start, end} ("22:00"–"08:00" wraps midnight) there. */
export function inQuietHours(now, quietHours, timeZone) {
  if (!quietHours?.start || !quietHours?.end || quietHours.start === quietHours.end) return false;
  const clock = clockIn(now, timeZone);
  const { start, end } = quietHours;
  return start < end ? clock >= start && clock < end : clock >= start || clock < end;
}

/** The day (YYYY-MM-DD) `days` after today in the time zone: what a snooze sends as "until". */
export function dayAfter(now, days, timeZone) {
  let today;
  try {
    today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    today = now.toISOString().slice(0, 10);
  }
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The lead-days list from the options page's text ("30, 7, 0"): numbers, each once, largest first. */
export function parseLeadDays(text) {
  const parts = String(text).split(/[\s,，、]+/).filter(Boolean);
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
  if (numbers.some((n) => Number.isNaN(n))) return null;
  return [...new Set(numbers)].sort((a, b) => b - a);
}

// Expiry reminders: polls the service's due reminders, shows one notification per reminder (its
// id is the notification id; never shown again once acknowledged), keeps the action badge at the
// due count, and acknowledges or snoozes through the offline queue. Notifications need the
// optional `notifications` permission (asked on the options page); without it only the badge shows.
import { api } from "../../lib/api.js";
import { enqueue, newEntry } from "../../lib/queue.js";
import { SNOOZE_DAYS, badgeText, dayAfter, inQuietHours, keep, plan, settle, withoutQueued } from "../../lib/reminders.js";
import { request } from "../client.js";
import { languageOf, loadMessages } from "../i18n.js";
import { getQueue, getReminderState, getSettings, updateQueue, updateReminderState } from "../storage.js";
import { flushQueue } from "./queue-flush.js";

const ICON = "icons/icon-128.png";
const ACCOUNT_MAX_AGE_MS = 6 * 60 * 60 * 1000;
const DEFAULT_ZONE = "Asia/Shanghai";

/** True when the `notifications` permission is held (and the API present in this browser). */
export async function canNotify() {
  if (!api.notifications) return false;
  return api.permissions?.contains ? api.permissions.contains({ permissions: ["notifications"] }) : true;
}

/** Chrome's notifications take buttons; Firefox's do not (it has no onButtonClicked either). */
const hasButtons = () => Boolean(api.notifications?.onButtonClicked);

export async function setBadge(count) {
  if (!api.action?.setBadgeText) return;
  await api.action.setBadgeText({ text: badgeText(count) });
  if (count > 0) await api.action.setBadgeBackgroundColor?.({ color: "#b45309" });
}

async function notify(reminder, t) {
  const options = { type: "basic", iconUrl: api.runtime.getURL(ICON), title: reminder.title, message: reminder.message, priority: 1 };
  if (hasButtons()) options.buttons = [{ title: t.ack }, { title: t.snooze }];
  await api.notifications.create(reminder.id, options);
}

/** The account's preferences, read again when older than a few hours (time zone, quiet hours). */
async function account(state) {
  if (state.account && Date.now() - (state.account.readAt ?? 0) < ACCOUNT_MAX_AGE_MS) return state.account;
  try {
    return { ...(await request("GET", "/api/v1/account")), readAt: Date.now() };
  } catch {
    return state.account;
  }
}

/** The buttons' words in the language the shopper chose for the extension. */
async function buttonTitles() {
  const t = globalThis.Yanbao.i18n.translator(await loadMessages(languageOf(await getSettings())));
  return { ack: t("remAck"), snooze: t("remSnooze", String(SNOOZE_DAYS)) };
}

// Polls run one after another, so two alarms never notify the same reminder twice.
let chain = Promise.resolve();

/** One poll: due reminders → notifications for new ones, gone ones cleared, the badge set. */
export function pollReminders() {
  const run = chain.then(pollOnce);
  chain = run.catch(() => {});
  return run;
}

async function pollOnce() {
  const before = await getReminderState();
  let items;
  try {
    ({ items } = await request("GET", "/api/v1/reminders?state=due&limit=500"));
  } catch (error) {
    // Offline: the badge keeps the last count known (less what was settled here since).
    await updateReminderState((st) => ({ ...st, polledAt: Date.now(), reachable: false }));
    await setBadge(before.due.length);
    return { state: "offline", due: before.due.length, error: error.toJSON?.() ?? { detail: String(error) } };
  }
  const due = withoutQueued(items, await getQueue()).map(keep);
  const prefs = await account(before);
  const quiet = inQuietHours(new Date(), prefs?.quiet_hours, prefs?.time_zone ?? DEFAULT_ZONE);
  const allowed = await canNotify();
  const outcome = plan(due, before.shown, { now: Date.now(), quiet, allowed });
  const t = outcome.notify.length && hasButtons() ? await buttonTitles() : {};
  const shown = { ...outcome.shown };
  for (const reminder of outcome.notify) {
    try {
      await notify(reminder, t);
    } catch {
      delete shown[reminder.id]; // not shown: try again next time
    }
  }
  if (allowed) for (const id of outcome.gone) await api.notifications.clear(id).catch(() => false);
  const at = Date.now();
  await updateReminderState((st) => ({ ...st, due, shown, account: prefs ?? null, checkedAt: at, polledAt: at, reachable: true }));
  await setBadge(due.length);
  return { state: "checked", due: due.length, notified: outcome.notify.map((r) => r.id), cleared: outcome.gone, quiet, allowed };
}

/**
 * Acknowledges or snoozes one reminder: gone from the badge and the screen at once, then sent
 * through the offline queue (kept and retried when the service cannot be reached).
 */
async function settleReminder(kind, id, body) {
  const state = await getReminderState();
  const title = state.due.find((r) => r.id === id)?.title ?? "";
  const next = await updateReminderState((s) => settle(s, id));
  await setBadge(next.due.length);
  if (await canNotify()) await api.notifications.clear(id).catch(() => false);
  const entry = newEntry({ kind, body: { id, ...body, title }, now: Date.now() });
  await updateQueue((q) => enqueue(q, entry));
  const outcome = await flushQueue();
  return { id, due: next.due.length, ...(outcome[entry.id] ?? { state: "queued" }) };
}

export const ackReminder = (id) => settleReminder("reminder.ack", id, {});

export async function snoozeReminder(id, until) {
  const { account: prefs } = await getReminderState();
  const day = until ?? dayAfter(new Date(), SNOOZE_DAYS, prefs?.time_zone ?? DEFAULT_ZONE);
  return settleReminder("reminder.snooze", id, { until: day });
}

/** The dashboard page that shows a reminder's coverage. */
export const coveragePage = (coverageId) => `dashboard/dashboard.html#coverages?id=${encodeURIComponent(coverageId)}`;

async function openCoverage(id) {
  const { due } = await getReminderState();
  const reminder = due.find((r) => r.id === id);
  await api.tabs.create({ url: api.runtime.getURL(reminder ? coveragePage(reminder.coverage_id) : "dashboard/dashboard.html#coverages") });
  await api.notifications.clear(id).catch(() => false);
}

let listening = false;

/**
 * Notification clicks and buttons. Called at the worker's top level, and again when the
 * permission arrives (the API exists only once it is granted).
 */
export function listen() {
  if (listening || !api.notifications) return;
  listening = true;
  api.notifications.onClicked.addListener((id) => {
    openCoverage(id).catch(() => {});
  });
  api.notifications.onButtonClicked?.addListener((id, index) => {
    (index === 0 ? ackReminder(id) : snoozeReminder(id)).catch(() => {});
  });
}

export const job = { name: "reminders", periodInMinutes: 30, run: pollReminders };

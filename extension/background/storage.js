// Everything the extension keeps: settings (migrated on read), the device token, the offline
// queue in storage.local; per-tab page state in storage.session (the worker can be evicted).
import { api } from "../lib/api.js";
import { migrate } from "../lib/settings.js";

export async function getSettings() {
  const { settings } = await api.storage.local.get("settings");
  return migrate(settings);
}

export const saveSettings = (settings) => api.storage.local.set({ settings });

// Settings changes are serialised too: two quick clicks in the panel must both be kept.
let settingsChain = Promise.resolve();
export function updateSettings(change) {
  const run = settingsChain.then(async () => {
    const before = await getSettings();
    const result = await change(before);
    if (result?.value) await saveSettings(result.value);
    return { before, ...result };
  });
  settingsChain = run.catch(() => {});
  return run;
}

export async function getAuth() {
  const { auth } = await api.storage.local.get("auth");
  return auth ?? null;
}

export const saveAuth = (auth) => api.storage.local.set({ auth });
export const clearAuth = () => api.storage.local.remove("auth");

export async function getQueue() {
  const { queue } = await api.storage.local.get("queue");
  return Array.isArray(queue) ? queue : [];
}

// Queue writes are serialised: an alarm and a click can flush at the same time.
let chain = Promise.resolve();
export function updateQueue(change) {
  const run = chain.then(async () => {
    const next = await change(await getQueue());
    await api.storage.local.set({ queue: next });
    return next;
  });
  chain = run.catch(() => {});
  return run;
}

const tabKey = (tabId) => `tab:${tabId}`;
const session = () => api.storage.session ?? api.storage.local;

export async function getTabState(tabId) {
  const key = tabKey(tabId);
  return (await session().get(key))[key] ?? null;
}

export const setTabState = (tabId, state) => session().set({ [tabKey(tabId)]: state });
export const clearTabState = (tabId) => session().remove(tabKey(tabId));

// Reminders: the last due list, the ids already notified, and the account's preferences as last
// read (the job needs the time zone and quiet hours without asking every time). Serialised too.
export async function getReminderState() {
  const { reminders } = await api.storage.local.get("reminders");
  // checkedAt: the last poll the service answered; polledAt: the last poll tried.
  return { due: [], shown: {}, checkedAt: null, polledAt: null, reachable: null, account: null, ...reminders };
}

let reminderChain = Promise.resolve();
export function updateReminderState(change) {
  const run = reminderChain.then(async () => {
    const next = await change(await getReminderState());
    await api.storage.local.set({ reminders: next });
    return next;
  });
  reminderChain = run.catch(() => {});
  return run;
}

// The worker's reminders job over fake storage, fake notifications and a fake service: one
// notification per due reminder, the badge at the due count, acknowledge and snooze through the
// offline queue, and nothing shown twice.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { beforeEach, test } from "node:test";
import { local, service } from "./helpers/fake-browser.js";

const shown = new Map();
const badge = { text: "" };
const opened = [];
const listeners = { clicked: [], button: [] };
let granted = true;
let buttons = true;

chrome.permissions = { contains: async () => granted };
chrome.action = { setBadgeText: async ({ text }) => { badge.text = text; }, setBadgeBackgroundColor: async () => {} };
chrome.tabs = { create: async ({ url }) => { opened.push(url); } };
chrome.notifications = {
  create: async (id, options) => { shown.set(id, options); return id; },
  clear: async (id) => shown.delete(id),
  getAll: async () => Object.fromEntries([...shown.keys()].map((k) => [k, true])),
  onClicked: { addListener: (f) => listeners.clicked.push(f) },
  get onButtonClicked() {
    return buttons ? { addListener: (f) => listeners.button.push(f) } : undefined;
  },
};

const { ackReminder, listen, pollReminders, snoozeReminder } = await import("../background/jobs/reminders.js");
const { flushQueue } = await import("../background/jobs/queue-flush.js");
const { JOBS } = await import("../background/jobs/index.js");

const reminder = (id, coverage = "cov-1") => ({
  id, coverage_id: coverage, kind: "manufacturer_end", event_on: "2026-12-19", lead_days: 30,
  fires_at: "2026-11-19T01:00:00Z", title: `Free repairs end (${id})`, message: "Have any fault repaired now.",
});

let due = [];
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  for (const key of Object.keys(local.data)) delete local.data[key];
  Object.assign(service, { requests: [], up: true });
  shown.clear();
  opened.length = 0;
  badge.text = "";
  granted = true;
  buttons = true;
  due = [reminder("rem-1"), reminder("rem-2", "cov-2")];
  service.routes = (method, path, init) => {
    if (path.startsWith("/_locales/")) return json(200, JSON.parse(readFileSync(new URL(`..${path}`, import.meta.url), "utf8")));
    if (method === "GET" && path === "/api/v1/reminders") return json(200, { items: due });
    if (method === "GET" && path === "/api/v1/account") {
      return json(200, { id: "acc-1", lead_days: [30, 7, 0], time_zone: "UTC", quiet_hours: null, language: "en" });
    }
    const m = path.match(/^\/api\/v1\/reminders\/([^/]+)\/(ack|snooze)$/);
    if (method === "POST" && m) {
      if (!due.some((r) => r.id === m[1])) return json(404, { title: "Not Found", status: 404, detail: "No reminder with this id in your account." });
      due = due.filter((r) => r.id !== m[1]);
      return json(200, { id: m[1], state: m[2] === "ack" ? "acked" : "snoozed", snoozed_until: m[2] === "snooze" ? JSON.parse(init.body).until : null });
    }
    return undefined;
  };
});

const posts = (suffix) => service.requests.filter((r) => r.method === "POST" && r.path.endsWith(suffix));

test("the job is registered on an alarm of half an hour", () => {
  const job = JOBS.find((j) => j.name === "reminders");
  assert.equal(job.periodInMinutes, 30);
  assert.equal(job.run, pollReminders);
});

test("one notification per due reminder, its id the reminder's; the badge is the count", async () => {
  const outcome = await pollReminders();
  assert.deepEqual(outcome.notified, ["rem-1", "rem-2"]);
  assert.deepEqual([...shown.keys()], ["rem-1", "rem-2"]);
  const options = shown.get("rem-1");
  assert.equal(options.title, "Free repairs end (rem-1)");
  assert.deepEqual(options.buttons.map((b) => b.title), ["Done, remove", "Remind me in 7 days"]);
  assert.equal(badge.text, "2");

  shown.clear(); // the shopper closed them without acting
  await pollReminders();
  assert.equal(shown.size, 0, "a reminder is never notified twice");
  assert.equal(badge.text, "2", "still due");
});

test("acknowledging clears the notification, lowers the badge and reaches the service", async () => {
  await pollReminders();
  const result = await ackReminder("rem-1");
  assert.equal(result.state, "saved");
  assert.deepEqual([...shown.keys()], ["rem-2"]);
  assert.equal(badge.text, "1");
  assert.equal(posts("/rem-1/ack").length, 1);
  await pollReminders();
  assert.deepEqual([...shown.keys()], ["rem-2"], "not shown again");
  assert.equal(badge.text, "1");
});

test("snooze sends a day a week from today in the account's zone", async () => {
  await pollReminders();
  await snoozeReminder("rem-2");
  const [post] = posts("/rem-2/snooze");
  const expected = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  expected.setUTCDate(expected.getUTCDate() + 7);
  assert.deepEqual(JSON.parse(post.body), { until: expected.toISOString().slice(0, 10) });
  assert.equal(badge.text, "1");
  assert.equal(shown.has("rem-2"), false);
});

test("offline: the acknowledgement waits in the queue, the badge drops at once, then it is sent once", async () => {
  await pollReminders();
  service.up = false;
  const result = await ackReminder("rem-1");
  assert.equal(result.state, "queued");
  assert.equal(badge.text, "1");
  assert.equal(local.data.queue.length, 1);
  assert.equal(local.data.queue[0].kind, "reminder.ack");

  assert.equal((await pollReminders()).state, "offline");
  assert.equal(badge.text, "1", "offline keeps the count known here");

  service.up = true;
  await pollReminders(); // the service still lists it: left out while the queue holds it
  assert.equal(badge.text, "1");
  assert.equal(shown.has("rem-1"), false);

  local.data.queue[0].nextAttemptAt = 0;
  await flushQueue();
  assert.deepEqual(local.data.queue, []);
  assert.equal(posts("/rem-1/ack").filter((r) => r.headers.Authorization).length, 2, "one failed try, one sent");
  await flushQueue();
  assert.equal(posts("/rem-1/ack").length, 2, "nothing sent twice");
  await pollReminders();
  assert.equal(badge.text, "1");
});

test("an acknowledgement of a reminder the service no longer has is not retried", async () => {
  await pollReminders();
  due = due.filter((r) => r.id !== "rem-1"); // gone on the service (its coverage deleted, say)
  const result = await ackReminder("rem-1");
  assert.equal(result.state, "rejected");
  assert.equal(posts("/rem-1/ack").length, 1);
});

test("without the permission only the badge shows; granted later, the due ones notify", async () => {
  granted = false;
  await pollReminders();
  assert.equal(shown.size, 0);
  assert.equal(badge.text, "2");
  granted = true;
  await pollReminders();
  assert.deepEqual([...shown.keys()], ["rem-1", "rem-2"]);
});

test("reminders acknowledged elsewhere leave the screen and the badge at the next poll", async () => {
  await pollReminders();
  due = [reminder("rem-2", "cov-2")];
  const outcome = await pollReminders();
  assert.deepEqual(outcome.cleared, ["rem-1"]);
  assert.deepEqual([...shown.keys()], ["rem-2"]);
  assert.equal(badge.text, "1");
  due = [];
  await pollReminders();
  assert.equal(badge.text, "");
});

test("a click opens the coverage on the dashboard; the buttons acknowledge and snooze", async () => {
  listen();
  await pollReminders();
  await listeners.clicked[0]("rem-2");
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(opened, ["chrome-extension://test/dashboard/dashboard.html#coverages?id=cov-2"]);
  listeners.button[0]("rem-1", 0);
  listeners.button[0]("rem-2", 1);
  for (let i = 0; i < 50 && (posts("/ack").length < 1 || posts("/snooze").length < 1); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(posts("/rem-1/ack").length, 1);
  assert.equal(posts("/rem-2/snooze").length, 1);
});

test("Firefox: no buttons on the notification", async () => {
  buttons = false;
  await pollReminders();
  assert.equal(shown.get("rem-1").buttons, undefined);
  assert.equal(shown.get("rem-1").title, "Free repairs end (rem-1)");
});

test("quiet hours hold notifications back, the badge still counts", async () => {
  service.routes = ((inner) => (method, path, init) => {
    if (path === "/api/v1/account") {
      const now = new Date();
      const hh = (h) => String((now.getUTCHours() + h + 24) % 24).padStart(2, "0");
      return json(200, { id: "acc-1", lead_days: [30, 7, 0], time_zone: "UTC", quiet_hours: { start: `${hh(-1)}:00`, end: `${hh(2)}:00` }, language: "en" });
    }
    return inner(method, path, init);
  })(service.routes);
  const outcome = await pollReminders();
  assert.equal(outcome.quiet, true);
  assert.equal(shown.size, 0);
  assert.equal(badge.text, "2");
});

test("the pages' messages: account changes checked before they leave, the feed's address made absolute", async () => {
  const { createRouter } = await import("../background/router.js");
  const { HANDLERS } = await import("../background/handlers/index.js");
  const router = createRouter(HANDLERS, { origin: "chrome-extension://test" });
  const options = { url: "chrome-extension://test/options/options.html" };
  const send = (type, payload) => router.dispatch({ type, payload }, options);

  const refused = await send("account.set", { changes: { lead_days: [400, 7], quiet_hours: { start: "9pm", end: "08:00" } } });
  assert.equal(refused.error.status, 400);
  assert.deepEqual(refused.error.errors.map((e) => e.field), ["changes.lead_days.0", "changes.quiet_hours.start"]);
  assert.equal(service.requests.filter((r) => r.path === "/api/v1/account").length, 0, "nothing sent");

  const prev = service.routes;
  service.routes = (method, path, init) => {
    if (path === "/api/v1/calendar" && method === "GET") return json(200, { url: "/calendar/abc.ics" });
    if (path === "/api/v1/account" && method === "PATCH") return json(200, { id: "acc-1", ...JSON.parse(init.body), time_zone: "UTC", quiet_hours: null, language: "en" });
    return prev(method, path, init);
  };
  assert.deepEqual((await send("calendar.get", {})).data, { url: "http://127.0.0.1:8000/calendar/abc.ics" });
  const saved = await send("account.set", { changes: { lead_days: [14, 3] } });
  assert.deepEqual(saved.data.lead_days, [14, 3]);
  assert.deepEqual(local.data.reminders.account.lead_days, [14, 3], "the job reads the preferences kept here");

  const channel = await send("channels.add", { url: "javascript:alert(1)" });
  assert.deepEqual(channel.error.errors.map((e) => e.field), ["url"]);
  assert.equal((await send("reminders.snooze", { id: "rem-1", until: "next week" })).error.status, 400);
});

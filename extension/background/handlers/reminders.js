// Reminders for the extension's pages: the due or upcoming list, acknowledge, snooze, a poll now
// (after the options page turned notifications on), and muting one coverage's reminders.
import { ID } from "../../lib/validate.js";
import { REMINDER_QUERY, SNOOZE } from "../../lib/vocabulary.js";
import { query, request } from "../client.js";
import { ackReminder, pollReminders, snoozeReminder } from "../jobs/reminders.js";

const id = { type: "string", required: true, pattern: ID };

const list = {
  name: "reminders.list",
  fields: { ...REMINDER_QUERY, coverage_id: { type: "string", pattern: ID } },
  async run({ coverage_id: coverageId, ...params }) {
    const { items } = await request("GET", `/api/v1/reminders${query(params)}`);
    return { items: coverageId ? items.filter((r) => r.coverage_id === coverageId) : items };
  },
};

const ack = { name: "reminders.ack", fields: { id }, run: ({ id: reminderId }) => ackReminder(reminderId) };

const snooze = {
  name: "reminders.snooze",
  fields: { id, until: { ...SNOOZE.until, required: false } },
  run: ({ id: reminderId, until }) => snoozeReminder(reminderId, until),
};

const poll = { name: "reminders.poll", fields: {}, run: () => pollReminders() };

const mute = {
  name: "reminders.mute",
  fields: { coverage_id: id, muted: { type: "boolean", required: true } },
  async run({ coverage_id: coverageId, muted }) {
    const record = await request("PATCH", `/api/v1/coverages/${encodeURIComponent(coverageId)}`, { body: { reminders_muted: muted } });
    await pollReminders(); // its reminders leave (or rejoin) the due list and the badge now
    return record;
  },
};

export const handlers = [list, ack, snooze, poll, mute];

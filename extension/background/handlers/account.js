// The account's reminder preferences (lead times, time zone, quiet hours, language), relayed to
// GET/PATCH /api/v1/account and checked first against the service's own limits.
import { ACCOUNT_CHANGES } from "../../lib/vocabulary.js";
import { request } from "../client.js";
import { updateReminderState } from "../storage.js";

const remember = async (account) => {
  // The reminders job reads the time zone and quiet hours from here.
  await updateReminderState((s) => ({ ...s, account: { ...account, readAt: Date.now() } }));
  return account;
};

const get = { name: "account.get", fields: {}, run: async () => remember(await request("GET", "/api/v1/account")) };

const set = {
  name: "account.set",
  fields: { changes: { type: "object", required: true, fields: ACCOUNT_CHANGES } },
  run: async ({ changes }) => remember(await request("PATCH", "/api/v1/account", { body: changes })),
};

export const handlers = [get, set];

// Options, the device registration and pairing, and the tab state the popup reads.
import { applyUpdate } from "../../lib/settings.js";
import { clearAuth, getAuth, getSettings, getTabState, updateSettings } from "../storage.js";
import { register, request } from "../client.js";
import { languageOf, loadMessages } from "../i18n.js";
import { syncShopScripts } from "../shops.js";

const get = {
  name: "settings.get",
  fields: {},
  async run() {
    const settings = await getSettings();
    const lang = languageOf(settings);
    return { settings, lang, messages: await loadMessages(lang) };
  },
};

const set = {
  name: "settings.set",
  fields: { patch: { type: "object", required: true } },
  async run({ patch }) {
    const { before, value, errors } = await updateSettings((settings) => applyUpdate(settings, patch));
    if (errors) return { errors };
    if (value.serviceUrl !== before.serviceUrl) await clearAuth(); // a token belongs to one service
    if ("shopOrigins" in patch) await syncShopScripts(value.shopOrigins);
    return { settings: value };
  },
};

const publicAuth = (auth) =>
  auth && { accountId: auth.accountId, deviceId: auth.deviceId, serviceUrl: auth.serviceUrl, registeredAt: auth.registeredAt };

const status = {
  name: "device.status",
  fields: {},
  async run() {
    // A token for another service URL (the setting changed since) does not count.
    const [auth, { serviceUrl }] = await Promise.all([getAuth(), getSettings()]);
    return { auth: auth?.serviceUrl === serviceUrl ? publicAuth(auth) : null };
  },
};

const registerNow = {
  name: "device.register",
  fields: {},
  run: async () => ({ auth: publicAuth(await register()) }),
};

const pairingCode = {
  name: "device.pairingCode",
  fields: {},
  run: () => request("POST", "/api/v1/devices/pairing-codes"),
};

const pair = {
  name: "device.pair",
  fields: { code: { type: "string", required: true, max: 64, pattern: /^[A-Za-z0-9-]+$/ } },
  run: async ({ code }) => ({ auth: publicAuth(await register({ pairingCode: code })) }),
};

const tab = {
  name: "tab.state",
  fields: { tabId: { type: "integer", required: true, min: 0 } },
  run: ({ tabId }) => getTabState(tabId),
};

export const handlers = [get, set, status, registerNow, pairingCode, pair, tab];

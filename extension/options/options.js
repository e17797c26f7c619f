// Options: service URL, language, card extension months, sites where the panel is off, enabled
// schema.org shops, pairing this browser with another device's account, and reminders
// (options/reminders.js).
import { api } from "../lib/api.js";
import { call, describeError, setup } from "../lib/page.js";
import { mountReminders } from "./reminders.js";

const { t, lang, settings } = await setup();
const form = document.getElementById("settings");
const lines = (text) => text.split(/\s+/).map((s) => s.trim()).filter(Boolean);

form.serviceUrl.value = settings.serviceUrl;
form.language.value = settings.language;
form.cardExtensionMonths.value = String(settings.cardExtensionMonths);
form.disabledHosts.value = settings.disabledHosts.join("\n");
form.shopOrigins.value = settings.shopOrigins.join("\n");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("save-status");
  const shopOrigins = lines(form.shopOrigins.value).flatMap((o) => {
    try {
      return [new URL(o).origin];
    } catch {
      return [];
    }
  });
  // Shops dropped from the list give their permission back.
  const dropped = settings.shopOrigins.filter((o) => !shopOrigins.includes(o));
  if (dropped.length) await api.permissions.remove({ origins: dropped.map((o) => `${o}/*`) }).catch(() => false);
  const result = await call("settings.set", {
    patch: {
      serviceUrl: form.serviceUrl.value,
      language: form.language.value,
      cardExtensionMonths: Number(form.cardExtensionMonths.value || 0),
      disabledHosts: lines(form.disabledHosts.value),
      shopOrigins,
    },
  });
  if (result.errors) {
    status.className = "error";
    status.textContent = result.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
    return;
  }
  status.className = "ok";
  status.textContent = t("saved");
  if (result.settings.language !== settings.language) location.reload(); // redraw in the new language
});

async function showDevice() {
  const { auth } = await call("device.status");
  document.getElementById("device-status").textContent = auth
    ? t("optDeviceRegistered", auth.serviceUrl, auth.accountId ?? "")
    : t("optDeviceNotRegistered");
}

document.getElementById("pair-code").addEventListener("click", async () => {
  const shown = document.getElementById("pair-code-shown");
  try {
    const { code, expires_at: expires } = await call("device.pairingCode");
    shown.textContent = code;
    shown.title = t("optPairExpires", new Date(expires).toLocaleTimeString(lang === "zh_CN" ? "zh-CN" : "en-US"));
  } catch (error) {
    shown.textContent = describeError(t, error);
  }
});

document.getElementById("pair-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("pair-status");
  try {
    await call("device.pair", { code: event.target.code.value.trim() });
    status.textContent = t("optPaired");
    await showDevice();
mountReminders({ t, lang, call });
  } catch (error) {
    status.textContent = describeError(t, error);
  }
});

showDevice();
mountReminders({ t, lang, call });

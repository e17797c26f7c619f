// The options page's reminder part: turning notifications on (the optional permission, asked only
// here, on the shopper's click), the account's lead times, quiet hours, time zone and language,
// push channels with a test send, and the calendar feed's address with copy and "new link".
import { api } from "../lib/api.js";
import { describeError } from "../lib/page.js";
import { parseLeadDays } from "../lib/reminders.js";
import "../lib/dom.js";

const { el, clear } = globalThis.Yanbao.dom;
const NOTIFICATIONS = { permissions: ["notifications"] };
const $ = (id) => document.getElementById(id);

function say(node, text, ok = true) {
  node.className = ok ? "ok" : "error";
  node.textContent = text;
}

const fieldErrors = (t, error) =>
  error.errors?.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join("; ") : describeError(t, error);

async function permission({ t, call }) {
  const on = $("reminders-on");
  const off = $("reminders-off");
  const status = $("reminders-permission");

  async function show() {
    const granted = await api.permissions.contains(NOTIFICATIONS).catch(() => false);
    on.hidden = granted;
    off.hidden = !granted;
    say(status, t(granted ? "optRemindersAreOn" : "optRemindersBadgeOnly"));
  }

  on.addEventListener("click", async () => {
    // Asked here, in the click: the browser allows the prompt only on a user gesture.
    const granted = await api.permissions.request(NOTIFICATIONS).catch(() => false);
    await show();
    if (!granted) return say(status, t("optRemindersDeclined"), false);
    try {
      const { due } = await call("reminders.poll");
      say(status, t("optRemindersOnNow", String(due)));
    } catch (error) {
      say(status, describeError(t, error), false);
    }
  });

  off.addEventListener("click", async () => {
    await api.permissions.remove(NOTIFICATIONS).catch(() => false);
    await show();
  });

  await show();
}

function zones() {
  const list = $("time-zones");
  for (const zone of Intl.supportedValuesOf?.("timeZone") ?? []) list.append(el("option", { value: zone }));
}

async function accountForm({ t, call }) {
  const form = $("account");
  const status = $("account-status");
  const quietInputs = [form.quietStart, form.quietEnd];
  const syncQuiet = () => quietInputs.forEach((input) => { input.disabled = !form.quietOn.checked; });
  form.quietOn.addEventListener("change", syncQuiet);

  function fill(account) {
    form.leadDays.value = account.lead_days.join(", ");
    form.quietOn.checked = Boolean(account.quiet_hours);
    form.quietStart.value = account.quiet_hours?.start ?? "22:00";
    form.quietEnd.value = account.quiet_hours?.end ?? "08:00";
    form.timeZone.value = account.time_zone;
    form.reminderLanguage.value = account.language;
    syncQuiet();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const leadDays = parseLeadDays(form.leadDays.value);
    if (!leadDays) return say(status, t("optLeadDaysInvalid"), false);
    const changes = {
      lead_days: leadDays,
      time_zone: form.timeZone.value.trim(),
      quiet_hours: form.quietOn.checked ? { start: form.quietStart.value, end: form.quietEnd.value } : null,
      language: form.reminderLanguage.value,
    };
    try {
      fill(await call("account.set", { changes }));
      say(status, t("saved"));
    } catch (error) {
      say(status, fieldErrors(t, error), false);
    }
  });

  try {
    fill(await call("account.get"));
  } catch (error) {
    say(status, describeError(t, error), false);
  }
}

async function channels({ t, call }) {
  const list = $("channel-list");
  const form = $("channel-form");
  const status = $("channel-status");

  function row(channel) {
    const line = el("span", { className: "muted" });
    return el("li", { dataset: { id: channel.id } },
      el("strong", {}, channel.name || t("optChannelUnnamed")),
      el("span", { className: "masked" }, channel.url),
      el("button", {
        type: "button",
        className: "channel-test",
        async onclick() {
          line.textContent = t("optChannelSending");
          try {
            const { sent, error } = await call("channels.test", { id: channel.id });
            say(line, sent ? t("optChannelSent") : t("optChannelNotSent", error ?? ""), sent);
          } catch (error) {
            say(line, describeError(t, error), false);
          }
        },
      }, t("optChannelTest")),
      el("button", {
        type: "button",
        className: "channel-delete",
        async onclick() {
          if (!confirm(t("optChannelConfirmDelete", channel.name || channel.url))) return;
          try {
            await call("channels.delete", { id: channel.id });
            await refresh();
          } catch (error) {
            say(line, describeError(t, error), false);
          }
        },
      }, t("delete")),
      line);
  }

  async function refresh() {
    try {
      const { items } = await call("channels.list");
      clear(list, items.length ? items.map(row) : el("li", { className: "muted empty" }, t("optChannelsNone")));
    } catch (error) {
      clear(list, el("li", { className: "error" }, describeError(t, error)));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = form.name.value.trim();
    try {
      await call("channels.add", { url: form.url.value.trim(), ...(name ? { name } : {}) });
      form.reset(); // the secret leaves the page as soon as the service has it
      say(status, t("saved"));
      await refresh();
    } catch (error) {
      say(status, fieldErrors(t, error), false);
    }
  });

  await refresh();
}

async function calendar({ t, call }) {
  const input = $("calendar-url");
  const status = $("calendar-status");
  const show = ({ url }) => { input.value = url; };

  $("calendar-copy").addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      say(status, t("optCalendarCopied"));
    } catch {
      say(status, t("optCalendarCopyByHand"), false); // selected: Ctrl+C copies it
    }
  });

  $("calendar-rotate").addEventListener("click", async () => {
    if (!confirm(t("optCalendarConfirmRotate"))) return;
    try {
      show(await call("calendar.rotate"));
      say(status, t("optCalendarRotated"));
    } catch (error) {
      say(status, describeError(t, error), false);
    }
  });

  try {
    show(await call("calendar.get"));
  } catch (error) {
    say(status, describeError(t, error), false);
  }
}

export async function mountReminders(ctx) {
  zones();
  await Promise.all([permission(ctx), accountForm(ctx), channels(ctx), calendar(ctx)]);
}

// One coverage's reminders on its card (the page a notification opens, #coverages?id=<id>):
// the due ones with "done" and "snooze", and muting the coverage's reminders. Firefox shows
// notifications without buttons, so this is where a Firefox shopper acknowledges or snoozes.
import "../lib/dom.js";
import "../lib/format.js";
import { SNOOZE_DAYS } from "../lib/reminders.js";
import { describeError } from "../lib/page.js";

const { dom, format } = globalThis.Yanbao;
const { el, clear } = dom;

export function coverageReminders(record, { t, lang, call }) {
  const box = el("section", { className: "coverage-reminders", id: "coverage-reminders" });
  const status = el("p", { role: "status", className: "muted" });

  async function act(type, payload) {
    try {
      const result = await call(type, payload);
      status.textContent = t(result.state === "queued" ? "remQueued" : "saved");
      await refresh();
    } catch (error) {
      status.textContent = describeError(t, error);
    }
  }

  function item(reminder) {
    return el("li", { className: "reminder", dataset: { id: reminder.id } },
      el("strong", {}, reminder.title), " ",
      el("span", { className: "muted" }, format.date(reminder.event_on, lang)),
      el("div", {}, reminder.message),
      el("button", { type: "button", className: "reminder-ack", onclick: () => act("reminders.ack", { id: reminder.id }) }, t("remAck")),
      " ",
      el("button", { type: "button", className: "reminder-snooze", onclick: () => act("reminders.snooze", { id: reminder.id }) }, t("remSnooze", String(SNOOZE_DAYS))));
  }

  const mute = el("label", {},
    el("input", {
      type: "checkbox",
      className: "reminders-muted",
      checked: Boolean(record.reminders_muted),
      async onchange(event) {
        const muted = event.target.checked;
        await act("reminders.mute", { coverage_id: record.id, muted });
        record.reminders_muted = muted;
      },
    }),
    " ", t("remMute"));
  const list = el("ul", { className: "reminder-list" });

  async function refresh() {
    try {
      const { items } = await call("reminders.list", { state: "due", coverage_id: record.id });
      clear(list, items.length ? items.map(item) : el("li", { className: "muted empty" }, t("remNoneDue")));
    } catch (error) {
      clear(list, el("li", { className: "error" }, describeError(t, error)));
    }
  }

  box.append(el("h3", {}, t("remHeading")), list, mute, status);
  refresh();
  return box;
}

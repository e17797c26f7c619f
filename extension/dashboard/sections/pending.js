// Entries saved while the service was unreachable: what waits, why, and "send now".
import "../../lib/dom.js";
import "../../lib/format.js";
import { describeError } from "../../lib/page.js";

const { el, clear } = globalThis.Yanbao.dom;
// Queued writes other than purchases say what they are.
const KIND_KEYS = { "reminder.ack": "pendingKind_reminder_ack", "reminder.snooze": "pendingKind_reminder_snooze" };

export const section = {
  id: "pending",
  titleKey: "sectionPending",
  mount(container, { t, lang, call }) {
    const table = el("div", { id: "pending-list" });
    const status = el("p", { role: "status", id: "pending-status" });

    function render(items) {
      if (!items.length) {
        clear(table, el("p", { className: "muted empty" }, t("pendingNone")));
        return;
      }
      const rows = items.map((item) =>
        el("tr", { dataset: { id: item.id } },
          el("td", {}, KIND_KEYS[item.kind] ? t(KIND_KEYS[item.kind], item.title) : item.title),
          el("td", {}, new Date(item.createdAt).toLocaleString(lang === "zh_CN" ? "zh-CN" : "en-US")),
          el("td", {}, t(item.state === "rejected" ? "pendingRejected" : "pendingWaiting"), item.lastError ? el("div", { className: "muted" }, item.lastError) : null),
          el("td", {}, String(item.attempts)),
          el("td", {},
            item.state === "rejected" ? el("button", { type: "button", onclick: () => act("queue.retry", item.id) }, t("pendingRetry")) : null,
            el("button", { type: "button", onclick: () => confirm(t("pendingConfirmDiscard")) && act("queue.discard", item.id) }, t("pendingDiscard")))));
      const head = el("tr", {}, ["pendingColWhat", "pendingColSaved", "pendingColState", "pendingColAttempts", "pendingColActions"].map((k) => el("th", {}, t(k))));
      clear(table, el("table", { className: "queue" }, el("thead", {}, head), el("tbody", {}, rows)));
    }

    async function act(type, id) {
      try {
        render((await call(type, { id })).items);
      } catch (error) {
        status.textContent = describeError(t, error);
      }
    }

    const sendNow = el("button", {
      type: "button",
      id: "send-now",
      className: "primary",
      async onclick() {
        status.textContent = t("pendingSending");
        const { outcome, items } = await call("queue.flush");
        const saved = Object.values(outcome).filter((o) => o.state === "saved").length;
        status.textContent = t("pendingSent", String(saved), String(items.length));
        render(items);
      },
    }, t("pendingSendNow"));

    container.append(el("p", { className: "muted" }, t("pendingIntro")), sendNow, status, table);
    call("queue.list").then(({ items }) => render(items));
  },
};

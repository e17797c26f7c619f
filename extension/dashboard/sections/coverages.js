// Every coverage on its timeline, with filters, search, edit and delete; #coverages?id=<id>
// shows that one coverage with its reminders (where a reminder's notification leads).
import "../../lib/dom.js";
import "../../lib/format.js";
import "../../sites/index.js";
import { describeError } from "../../lib/page.js";
import { claimForm, refundableLayers, refundForm } from "../case-forms.js";
import { editForm } from "../coverage-edit.js";
import { coverageReminders } from "../coverage-reminders.js";
import { timelineView } from "../timeline-view.js";

const { dom, format, sites } = globalThis.Yanbao;
const { el, clear } = dom;
const STATUSES = ["upcoming", "active", "ending_soon", "ended", "refunded", "void"];

function card(record, ctx, refresh, { reminders = false } = {}) {
  const { t, lang, call } = ctx;
  const body = el("div");
  const lifetime = String(record.covered_until ?? "").startsWith("9999");
  const node = el("article", { className: "coverage", dataset: { id: record.id } },
    el("header", {},
      el("h2", {}, record.product?.title ?? ""),
      el("span", { className: `chip ${record.status}` }, t(`status_${record.status}`)),
      el("span", { className: "muted" }, [record.product?.site, t("purchasedOn", format.date(record.purchase_date, lang))].filter(Boolean).join(" · ")),
      el("span", {}, lifetime ? t("lifetime") : t("coveredUntil", format.date(record.covered_until, lang)))),
    body);
  const show = () => {
    clear(body,
      timelineView(record, ctx),
      reminders ? coverageReminders(record, ctx) : null,
      record.order_ref ? el("p", { className: "muted" }, t("orderRefShown", record.order_ref)) : null,
      el("div", { className: "row-actions" },
        el("button", { type: "button", className: "edit-btn", onclick: () => clear(body, editForm(record, { ...ctx, onSaved: (r) => { record = r; refresh(); }, onCancel: show })) }, t("edit")),
        refundableLayers(record).length === 0 ? null : el("button", { type: "button", className: "refund-btn", onclick: () => clear(body, refundForm(record, { ...ctx, onCancel: show })) }, t("refundStart")),
        el("button", { type: "button", className: "claim-btn", onclick: () => clear(body, claimForm(record, { ...ctx, onCancel: show })) }, t("claimStart")),
        el("button", {
          type: "button",
          className: "delete-btn",
          async onclick() {
            if (!confirm(t("confirmDelete", record.product?.title ?? ""))) return;
            await call("coverages.delete", { id: record.id });
            node.remove();
          },
        }, t("delete"))));
  };
  show();
  return node;
}

/** One coverage, opened from a reminder: its card, its reminders, and a way back to them all. */
async function mountOne(container, ctx, id) {
  const { t, call } = ctx;
  const back = el("a", { href: "#coverages", className: "all-coverages" }, t("remAllCoverages"));
  const holder = el("div", { id: "coverage-list" });
  container.append(el("p", {}, back), holder);
  try {
    const record = await call("coverages.get", { id });
    clear(holder, card(record, ctx, () => mountAgain(container, ctx, id), { reminders: true }));
  } catch (error) {
    clear(holder, el("p", { className: "error" }, describeError(t, error)));
  }
}

function mountAgain(container, ctx, id) {
  clear(container);
  return mountOne(container, ctx, id);
}

export const section = {
  id: "coverages",
  titleKey: "sectionCoverages",
  mount(container, ctx) {
    const { t } = ctx;
    const only = ctx.params?.get("id");
    if (only) return mountOne(container, ctx, only);
    const status = el("select", { name: "status" }, el("option", { value: "" }, t("filterAllStatuses")), STATUSES.map((s) => el("option", { value: s }, t(`status_${s}`))));
    const site = el("select", { name: "site" }, el("option", { value: "" }, t("filterAllSites")), sites.ids.map((s) => el("option", { value: s }, s)));
    const search = el("input", { type: "search", name: "q", placeholder: t("filterSearch") });
    const list = el("div", { id: "coverage-list" });
    let timer = null;

    async function refresh() {
      const params = { limit: 100, sort: "covered_until" };
      if (status.value) params.status = status.value;
      if (site.value) params.site = site.value;
      if (search.value.trim()) params.q = search.value.trim();
      try {
        const { items } = await ctx.call("coverages.list", params);
        clear(list, items.length ? items.map((r) => card(r, ctx, refresh)) : el("p", { className: "muted empty" }, t("noCoverages")));
      } catch (error) {
        clear(list, el("p", { className: "error" }, describeError(t, error)));
      }
    }

    status.addEventListener("change", refresh);
    site.addEventListener("change", refresh);
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    container.append(el("div", { className: "filters" }, status, site, search), list);
    refresh();
  },
};

// The popup: what this tab is (product or not, and the verdict on the plan it sells), the
// coverages that end soonest, and — on a shop that is not supported — the offer to compare there.
import { api } from "../lib/api.js";
import "../lib/format.js";
import "../lib/comparison.js";
import "../lib/dom.js";
import "../sites/index.js";
import { call, describeError, setup } from "../lib/page.js";

const { dom, format, sites, comparison } = globalThis.Yanbao;
const { el } = dom;

/**
 * The tab the shopper is looking at. Opened as a tab of its own (pinned, or by shortcut), the
 * popup describes the tab used just before it instead of itself.
 */
async function targetTab() {
  const self = await api.tabs.getCurrent();
  if (!self) return (await api.tabs.query({ active: true, currentWindow: true }))[0];
  const others = (await api.tabs.query({ currentWindow: true })).filter((t) => t.id !== self.id);
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

/**
 * The tab's verdict: the headline about the plan the page sells (or that it sells none), why
 * nothing could be compared, and a better alternative only when the service says one is better
 * and it has a real price (never an estimate; card benefits are not plans).
 */
function summary(state, t, lang) {
  const head = comparison.headlineOf(state);
  const why = comparison.whyNoComparison(state);
  const better = comparison.betterAlternative(state.comparison);
  const headText = head && (comparison.localText(head.text, lang)
    ?? (head.verdict === "none_sold" ? t("panelHeadlineNoneSold")
      : t("panelHeadlinePlan", head.plan ?? "—")));
  return [
    head && el("p", { id: "headline", dataset: { verdict: head.verdict } },
      el("span", { className: `chip ${head.verdict}` }, t(format.VERDICT_KEYS[head.verdict] ?? "verdictUnknown")), " ", headText),
    why && el("p", { className: "muted", id: "reason", dataset: { reason: why.reason } },
      why.messageKey ? t(why.messageKey, ...(why.args ?? [])) : why.detail),
    better && el("p", { id: "better-option" }, t("popupBetterOption", better.name ?? "", format.money(better.price, better.currency, lang)),
      // A published price says how old its list is, as in the panel.
      better.price_basis === "published" && better.published_on ? ` (${t("publishedOn", format.date(better.published_on, lang))})` : null),
  ].filter(Boolean);
}

async function showTab({ t, lang, settings }) {
  const body = document.getElementById("tab-body");
  const tab = await targetTab();
  const state = tab ? await call("tab.state", { tabId: tab.id }) : null;
  if (state?.isProduct) {
    body.append(el("p", { className: "title" }, state.product?.title ?? ""), ...summary(state, t, lang));
    return;
  }
  body.append(el("p", { id: "not-product" }, t("popupNotProduct")));
  const url = tab?.url ? new URL(tab.url) : null;
  const isShop = url && /^https?:$/.test(url.protocol) && !sites.isSupportedHost(url.href);
  if (isShop && !settings.shopOrigins.includes(url.origin)) {
    const enable = el("button", {
      type: "button",
      async onclick() {
        // Asked here, in the click: permissions can only be requested from a user gesture.
        const granted = await api.permissions.request({ permissions: ["scripting"], origins: [`${url.origin}/*`] });
        if (!granted) return;
        await call("settings.set", { patch: { shopOrigins: [...settings.shopOrigins, url.origin] } });
        enable.replaceWith(el("p", { className: "muted" }, t("popupShopEnabled")));
      },
    }, t("popupEnableShop", url.hostname));
    body.append(enable);
  }
}

async function showEnding({ t, lang }) {
  const list = document.getElementById("ending-list");
  try {
    const LIVE = ["active", "ending_soon", "upcoming"];
    const { items: all } = await call("coverages.list", { sort: "covered_until", limit: 100 });
    const items = all.filter((c) => LIVE.includes(c.status)).slice(0, 5);
    if (!items.length) list.replaceWith(el("p", { className: "muted", id: "ending-list" }, t("popupNoCoverages")));
    for (const item of items) {
      const lifetime = String(item.covered_until).startsWith("9999");
      const left = lifetime ? "" : t("daysLeft", String(format.daysBetween(format.today(), item.covered_until)));
      const until = lifetime ? t("lifetime") : t("coveredUntil", format.date(item.covered_until, lang));
      list.append(el("li", {}, item.product?.title ?? "", " — ", el("span", { className: "muted" }, until, " ", left)));
    }
  } catch (error) {
    list.replaceWith(el("p", { className: "error", id: "ending-list" }, describeError(t, error)));
  }
}

const ctx = await setup();
await Promise.all([showTab(ctx), showEnding(ctx)]);

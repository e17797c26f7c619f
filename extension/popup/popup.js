// The popup: what this tab is (product or not, and the best verdict), the coverages that end
// soonest, and — on a shop that is not supported — the offer to compare there too.
import { api } from "../lib/api.js";
import "../lib/format.js";
import "../lib/dom.js";
import "../sites/index.js";
import { call, describeError, setup } from "../lib/page.js";

const { dom, format, sites } = globalThis.Yanbao;
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

async function showTab({ t, lang, settings }) {
  const body = document.getElementById("tab-body");
  const tab = await targetTab();
  const state = tab ? await call("tab.state", { tabId: tab.id }) : null;
  if (state?.isProduct) {
    const best = state.best;
    body.append(
      el("p", { className: "title" }, state.product?.title ?? ""),
      best
        ? el("p", {}, el("span", { className: `chip ${best.verdict}` }, t(format.VERDICT_KEYS[best.verdict] ?? "verdictUnknown")), " ",
            t("popupBestPlan", best.name ?? "", format.money(best.price, best.currency, lang)))
        : el("p", { className: "muted" }, t("panelNoOffers")),
    );
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

// What the content script asks for: whether to run at all on this page, the comparison for a
// snapshot, and the plan price history. Only these and the panel's own messages are open to
// content scripts.
import { api } from "../../lib/api.js";
import { quotable, quoteRequest } from "../../lib/purchase.js";
import "../../lib/format.js";
import "../../sites/index.js";
import "../../lib/redetect.js";
import { request } from "../client.js";
import { getSettings, setTabState } from "../storage.js";
import { flushQueue } from "../jobs/queue-flush.js";
import { loadMessages, languageOf } from "../i18n.js";

const { format, sites, redetect } = globalThis.Yanbao;
const SITE_IDS = sites.ids;

const hostOf = (url) => new URL(url).hostname;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A snapshot's site must agree with its URL: the worker re-checks what the page claimed. */
function siteAgrees(url, site, settings) {
  if (site === sites.fallback.id) {
    const origin = new URL(url).origin;
    return settings.shopOrigins.includes(origin) && !sites.isSupportedHost(url);
  }
  return sites.detect(url)?.site === site;
}

const init = {
  name: "panel.init",
  fromContent: true,
  fields: { url: { type: "string", required: true, max: 4096 } },
  async run({ url }) {
    const settings = await getSettings();
    const lang = languageOf(settings);
    return {
      enabled: !settings.disabledHosts.includes(hostOf(url)),
      panel: settings.panel,
      lang,
      messages: await loadMessages(lang),
    };
  },
};

const detect = {
  name: "page.detect",
  fromContent: true,
  fields: {
    url: { type: "string", required: true, max: 4096 },
    site: { type: "string", required: true, enum: SITE_IDS },
    html: { type: "string", required: true, max: 1_000_000 },
    lang: { type: "string", max: 20 },
    truncated: { type: "boolean" },
  },
  async run({ url: claimed, site, html, lang }, sender) {
    // The browser's word for the frame's URL; the page's own only within that origin, where
    // history.pushState moves it (a variant's /dp/ASIN) without a new document.
    const url = redetect.pageUrl(claimed, sender.url);
    const settings = await getSettings();
    if (settings.disabledHosts.includes(hostOf(url)) || !siteAgrees(url, site, settings)) {
      return { state: "off" };
    }
    const tabId = sender.tab?.id;
    const detected = await request("POST", "/api/v1/pages/detect", {
      body: {
        url,
        html,
        ...(LANG_TAG.test(lang ?? "") ? { lang } : {}), // the page's own language, e.g. zh-CN
        settings: { card_extension_months: settings.cardExtensionMonths, statutory: true },
      },
    });
    if (!detected.is_product) {
      if (tabId != null) await setTabState(tabId, { url, isProduct: false, reason: detected.reason });
      return { state: "not_product", reason: detected.reason };
    }
    const comparison = await compare(detected, settings);
    const best = format.bestPlan(comparison?.plans);
    const state = { url, isProduct: true, site: detected.site, product: detected.product, offers: detected.offers, comparison, best };
    if (tabId != null) await setTabState(tabId, state);
    flushQueue(); // the service answers: a good moment to send anything still queued
    return { state: "product", ...state };
  },
};

/**
 * The comparison detect made with the shopper's settings; when it has none, a separate quote
 * for a product that can be quoted (an eligible category and a price), else no plans.
 */
async function compare(detected, settings) {
  if (detected.comparison) return detected.comparison;
  if (!quotable(detected.product)) return { plans: [], excluded: [] };
  const body = quoteRequest(detected, { cardExtensionMonths: settings.cardExtensionMonths, purchaseDate: format.today() });
  return request("POST", "/api/v1/quotes", { body });
}

const history = {
  name: "page.history",
  fromContent: true,
  fields: {
    site: { type: "string", required: true, enum: SITE_IDS },
    itemId: { type: "string", required: true, max: 100, pattern: /^[A-Za-z0-9_-]+$/ },
  },
  run: ({ site, itemId }) =>
    request("GET", `/api/v1/products/${encodeURIComponent(site)}/${encodeURIComponent(itemId)}/offers/history`),
};

// The page moved to a URL that is no product page without loading a new document (pushState):
// the popup must stop describing the product it left.
const left = {
  name: "page.left",
  fromContent: true,
  fields: { url: { type: "string", required: true, max: 4096 } },
  async run({ url: claimed }, sender) {
    const tabId = sender?.tab?.id;
    if (tabId == null) return null;
    const url = redetect.pageUrl(claimed, sender.url);
    await setTabState(tabId, { url, isProduct: false, reason: "not a product page" });
    return null;
  },
};

export const handlers = [init, detect, history, left];

// A tab that starts loading a new page forgets what the previous page was.
export function watchTabs(clear) {
  api.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === "loading") clear(tabId);
  });
  api.tabs.onRemoved.addListener((tabId) => clear(tabId));
}

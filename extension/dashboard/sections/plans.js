// Every plan the catalog knows for a market (and a kind of product), with each price's basis and
// a source the shopper can open: the "all plans" view the panel links to
// (GET /api/v1/catalog/plans). Opened as #plans?market=US&category=digital.
import "../../lib/dom.js";
import "../../lib/format.js";
import "../../lib/comparison.js";
import { CATEGORIES, MARKETS } from "../../lib/vocabulary.js";
import { describeError } from "../../lib/page.js";

const { dom, format, comparison: cmp } = globalThis.Yanbao;
const { el, clear } = dom;

const outLink = (href, text) => el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);

/** One price row: the band of product prices it applies to, the price and where it comes from. */
function priceRow(entry, currency, { t, lang }) {
  const band = entry.min == null && entry.max == null ? t("plansAnyPrice")
    : entry.max == null ? t("plansFrom", format.money(entry.min, currency, lang))
      : format.moneyRange(entry.min ?? "0", entry.max, currency, lang);
  const shown = cmp.catalogPrice(entry);
  const mark = [el("span", { className: "basis-mark" }, t("basisEstimate")), " "];
  const price = shown.kind === "range" ? [mark, format.moneyRange(shown.low, shown.high, currency, lang)]
    : shown.kind === "approx" ? [mark, `≈${format.money(shown.price, currency, lang)}`]
    : shown.kind === "share" ? [shown.basis === "estimate" ? mark : null, t("plansShare", format.percent(shown.share, lang))]
      : shown.kind === "price" ? format.money(shown.price, currency, lang) : "—";
  const source = cmp.webAddress(entry.source);
  return el("tr", { className: "catalog-price", dataset: { basis: shown.basis } },
    el("td", {}, entry.term_months == null ? "—" : t("termMonths", String(entry.term_months))),
    el("td", {}, band),
    el("td", {}, price),
    el("td", {},
      source ? outLink(source, t(shown.basis === "estimate" ? "basisSource" : "basisPublished")) : null,
      entry.published_on ? el("div", { className: "muted" }, t("publishedOn", format.date(entry.published_on, lang))) : null,
      entry.read_on ? el("div", { className: "muted" }, t("readOn", format.date(entry.read_on, lang))) : null,
      (entry.evidence ?? []).length ? el("div", { className: "muted" }, t("whyEvidence", entry.evidence.join("; "))) : null));
}

function planCard(plan, ctx) {
  const { t, lang } = ctx;
  const provider = plan.provider ?? {};
  const providerUrl = cmp.webAddress(provider.url);
  const name = lang === "zh_CN" ? (plan.name ?? plan.name_en) : (plan.name_en ?? plan.name);
  const where = cmp.localText(plan.where_to_buy, lang);
  const window = plan.purchase_window_days != null ? t("plansWindowDays", String(plan.purchase_window_days))
    : plan.purchase_window_months != null ? t("plansWindowMonths", String(plan.purchase_window_months)) : null;
  const head = el("tr", {}, ["colTerm", "plansColBand", "colPrice", "plansColSource"].map((k) => el("th", {}, t(k))));
  return el("article", { className: "catalog-plan", dataset: { id: plan.id ?? "" } },
    el("header", {},
      el("h2", {}, name ?? "—"),
      el("span", { className: "muted" }, providerUrl ? outLink(providerUrl, provider.name ?? providerUrl) : (provider.name ?? "")),
      el("span", { className: "muted" }, [plan.cover && t(`cover_${plan.cover}`), plan.currency].filter(Boolean).join(" · "))),
    where ? el("p", { className: "muted where-to-buy" }, where) : null,
    window ? el("p", { className: "muted" }, window) : null,
    (plan.prices ?? []).length
      ? el("table", { className: "catalog-prices" }, el("thead", {}, head),
        el("tbody", {}, plan.prices.map((entry) => priceRow(entry, plan.currency, ctx))))
      : noPrice(plan, ctx));
}

/** A plan with no price: why (the catalog's reason, in the shopper's language where it has
 * one), and its own page, where the shopper can ask for one. */
function noPrice(plan, { t, lang }) {
  const page = cmp.webAddress(plan.source);
  return el("p", { className: "muted no-price" },
    cmp.localText(plan.unpriced_reason, lang) ?? t("plansNoPrice"),
    page ? [" ", outLink(page, t("plansPlanPage"))] : null);
}

export const section = {
  id: "plans",
  titleKey: "sectionPlans",
  mount(container, ctx) {
    const { t, call, params } = ctx;
    const wanted = (value, list) => (list.includes(value) ? value : "");
    const market = el("select", { name: "market" }, MARKETS.map((m) => el("option", { value: m }, t(`market_${m}`))));
    market.value = wanted(params?.get("market"), MARKETS) || MARKETS[0];
    const category = el("select", { name: "category" }, el("option", { value: "" }, t("plansAllCategories")),
      CATEGORIES.map((c) => el("option", { value: c }, t(`category_${c}`))));
    category.value = wanted(params?.get("category"), CATEGORIES);
    const status = el("p", { role: "status", id: "plans-status", className: "muted" });
    const list = el("div", { id: "plans-list" });

    async function refresh() {
      status.textContent = t("plansLoading");
      try {
        const { plans } = await call("catalog.plans", { market: market.value, ...(category.value ? { category: category.value } : {}) });
        status.textContent = t("plansCount", String(plans.length));
        clear(list, plans.length ? plans.map((plan) => planCard(plan, ctx)) : el("p", { className: "muted empty" }, t("plansNone")));
      } catch (error) {
        status.textContent = "";
        clear(list, el("p", { className: "error" }, describeError(t, error)));
      }
    }

    market.addEventListener("change", refresh);
    category.addEventListener("change", refresh);
    container.append(el("p", { className: "muted" }, t("plansIntro")),
      el("div", { className: "filters" }, market, category), status, list);
    refresh();
  },
};

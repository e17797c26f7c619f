// Answers shaped exactly as docs/CONTRACTS.md, "The trusted comparison (issue 11)", says the
// service's detect answers (and /quotes, for `comparison`) look: every plan field, every top-level
// field. Each builder takes overrides so a test states only what it is about.
const explanation = { en: "Worth it if …", zh: "若……则值得" };

export function plan(overrides = {}) {
  return {
    origin: "catalog", name: "Plan", provider: "Provider", kind: "extended", term_months: 24,
    price: "100.00", currency: "CNY", added_months: 12, failure_probability: "0.08",
    expected_repair_cost: "900.00", expected_value: "72.00", break_even_probability: "0.11",
    cost_per_added_month: "8.33", premium_share: "0.03", verdict: "marginal", explanation,
    source: "https://example.com/plans", buy_until: null,
    price_basis: "published", estimate: null, evidence: [], read_on: "2026-11-02", published_on: null, cover: "breakdown",
    provider_id: "provider", where_to_buy: null,
    ...overrides,
  };
}

export const pagePlan = (overrides = {}) =>
  plan({ origin: "offer", price_basis: "page", source: "https://item.jd.com/100.html", read_on: null, provider_id: null, ...overrides });

export const estimatePlan = (overrides = {}) =>
  plan({ price_basis: "estimate", price: "60.00", estimate: { low: "40.00", high: "80.00", n: 7, method: "median of band", method_zh: "该价格档的中位数" }, source: null, read_on: null, evidence: ["plan-price-points.csv rows 12–18"], ...overrides });

export function comparison(overrides = {}) {
  return {
    plans: [], excluded: [],
    headline: { verdict: "none_sold", plan: null, text: { en: "This page sells no plan.", zh: "本页不售延保。" } },
    better_options: false, card_benefit: null, statutory: null, alternatives_note: null,
    unavailable: null, unavailable_code: null,
    ...overrides,
  };
}

export function detectAnswer({ product = {}, offers = [], comparison: c = comparison() } = {}) {
  return {
    is_product: true, reason: null, site: "jd",
    product: { title: "海信 电视", price: "2999.00", currency: "CNY", category: "large", ...product },
    offers, comparison: c,
  };
}

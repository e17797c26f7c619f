// What the panel and popup say about a comparison shaped as docs/CONTRACTS.md's trusted
// comparison: the headline is about the page's plan, "better" only when the service says so and
// never for an estimate, each price's basis, and why nothing could be compared, in the
// extension's own words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ASK_FOR_PRICE, EXCLUDED_REASONS } from "../lib/vocabulary.js";
import { Y } from "./load.js";
import { comparison, detectAnswer, estimatePlan, pagePlan, plan } from "./helpers/contract.js";

const cmp = Y.comparison;
const why = (result) => cmp.whyNoComparison(result)?.reason ?? null;

test("a comparison with plans needs no reason", () => {
  assert.equal(why(detectAnswer({ comparison: comparison({ plans: [plan()] }) })), null);
});

test("the service's code decides the reason; the words are the extension's own", () => {
  const gbp = detectAnswer({
    product: { price: "349.00", currency: "GBP" },
    comparison: comparison({ unavailable: "Keine Pläne für GBP", unavailable_code: "no_model" }),
  });
  assert.deepEqual(cmp.whyNoComparison(gbp), {
    reason: "no-model", messageKey: "panelWhyNoModel", args: ["GBP"], detail: "Keine Pläne für GBP",
  });
  const noPrice = detectAnswer({ product: { price: null }, comparison: comparison({ unavailable: "…", unavailable_code: "no_price" }) });
  assert.equal(why(noPrice), "no-price");
  const shirt = detectAnswer({ comparison: comparison({ unavailable: "…", unavailable_code: "not_eligible" }) });
  assert.equal(why(shirt), "not-eligible");
  assert.equal(why(detectAnswer({ comparison: comparison({ unavailable: "…", unavailable_code: "bad_input" }) })), "bad-input");
});

test("a code the extension has no words for shows the service's sentence", () => {
  const odd = detectAnswer({ comparison: comparison({ unavailable: "Something new", unavailable_code: "rate_limited" }) });
  assert.deepEqual(cmp.whyNoComparison(odd), { reason: "other", messageKey: null, detail: "Something new" });
});

test("without a code (an older service) the product decides", () => {
  const old = ({ product = {}, offers = [], plans = [], unavailable = null }) =>
    ({ product: { title: "x", price: "49.94", currency: "USD", category: "digital", ...product }, offers, comparison: { plans, excluded: [], unavailable } });
  assert.equal(why(old({ product: { price: null, currency: "CNY" }, unavailable: "The page shows no price" })), "no-price");
  assert.equal(why(old({ product: { price: null, price_min: "10.00" } })), "no-plans-for-currency");
  assert.equal(why(old({ product: { category: "not_eligible" } })), "not-eligible");
  assert.equal(why(old({ product: { category: "not_eligible" }, offers: [pagePlan()] })), "no-plans-for-currency");
  assert.deepEqual(cmp.whyNoComparison(old({ product: { currency: "INR" }, unavailable: "product.market: …" })).args, ["INR"]);
});

test("the headline is the service's, about the page's plan, never an alternative's", () => {
  const headline = { verdict: "not_worth_it", plan: "Protection 2y", text: { en: "Not worth it", zh: "不值得" } };
  const answer = detectAnswer({
    offers: [pagePlan()],
    comparison: comparison({ headline, plans: [pagePlan({ verdict: "not_worth_it" }), plan({ verdict: "worth_it" })] }),
  });
  assert.deepEqual(cmp.headlineOf(answer), headline);
});

test("without a headline, one from the page's real-priced offers only", () => {
  const offers = [pagePlan({ name: "JD 1y", verdict: "not_worth_it" })];
  const plans = [...offers, plan({ name: "Amex", verdict: "worth_it", price: "0.00" }), estimatePlan({ verdict: "worth_it" })];
  const old = { offers, comparison: { plans } };
  assert.deepEqual(cmp.headlineOf(old), { verdict: "not_worth_it", plan: "JD 1y", text: null });
  assert.deepEqual(cmp.headlineOf({ offers: [], comparison: { plans: plans.slice(1) } }), { verdict: "none_sold", plan: null, text: null });
  assert.equal(cmp.headlineOf({ offers, comparison: { plans: [] } }), null, "offers nothing weighed: no verdict made up");
});

test("a better alternative only when the service says one is, and never an estimate", () => {
  const cheap = estimatePlan({ name: "Guess", verdict: "worth_it", cost_per_added_month: "1.00" });
  const real = plan({ name: "SquareTrade 3y", verdict: "worth_it", cost_per_added_month: "4.00" });
  const plans = [pagePlan({ verdict: "not_worth_it" }), cheap, real];
  assert.equal(cmp.betterAlternative(comparison({ plans, better_options: true })).name, "SquareTrade 3y");
  assert.equal(cmp.betterAlternative(comparison({ plans, better_options: false })), null);
  assert.equal(cmp.betterAlternative(comparison({ plans: [pagePlan(), cheap], better_options: true })), null);
});

test("each price says where it comes from; an estimate carries its range, not a price", () => {
  assert.deepEqual(cmp.priceBasis(pagePlan({ price: "39.00" })), { basis: "page", price: "39.00" });
  assert.deepEqual(cmp.priceBasis(plan({ price: "129.99" })),
    { basis: "published", price: "129.99", source: "https://example.com/plans", readOn: "2026-11-02", publishedOn: null });
  assert.equal(cmp.priceBasis(plan({ published_on: "2020-02" })).publishedOn, "2020-02");
  const guess = cmp.priceBasis(estimatePlan());
  assert.deepEqual(guess, { basis: "estimate", low: "40.00", high: "80.00", n: 7, method: "median of band" });
  assert.ok(!("price" in guess), "the middle of an estimate is never handed out as a price");
});

test("an estimate says how it was made in the shopper's language, English when there is no Chinese", () => {
  assert.equal(cmp.priceBasis(estimatePlan(), "zh_CN").method, "该价格档的中位数");
  assert.equal(cmp.priceBasis(estimatePlan(), "en").method, "median of band");
  assert.deepEqual(cmp.priceBasis(estimatePlan(), "zh_CN"), { basis: "estimate", low: "40.00", high: "80.00", n: 7, method: "该价格档的中位数" });
  // An older service, or an estimate the catalog has no Chinese for: the English still shows.
  const englishOnly = estimatePlan({ estimate: { low: "40.00", high: "80.00", n: 7, method: "median of band" } });
  assert.equal(cmp.priceBasis(englishOnly, "zh_CN").method, "median of band");
  const noChinese = estimatePlan({ estimate: { low: "40.00", high: "80.00", n: 7, method: "median of band", method_zh: null } });
  assert.equal(cmp.priceBasis(noChinese, "zh_CN").method, "median of band");
  assert.equal(cmp.priceBasis(estimatePlan({ estimate: { low: "1", high: "2", n: 1, method: null, method_zh: null } }), "zh_CN").method, null);
});

test("only http and https sources become links", () => {
  assert.equal(cmp.webAddress("https://www.squaretrade.com/plans"), "https://www.squaretrade.com/plans");
  assert.equal(cmp.webAddress("javascript:alert(1)"), null);
  assert.equal(cmp.webAddress("repo:Hunter-Lam/price-tracker:product_info@a0fe"), null);
  assert.equal(cmp.priceBasis(plan({ source: "repo:x/y:z" })).source, null);
});

test("texts in the shopper's language, English when the other is missing", () => {
  assert.equal(cmp.localText({ en: "a", zh: "甲" }, "zh_CN"), "甲");
  assert.equal(cmp.localText({ en: "a", zh: "甲" }, "en"), "a");
  assert.equal(cmp.localText({ en: "a" }, "zh_CN"), "a");
  assert.equal(cmp.localText(null, "en"), null);
});

test("markets from currencies, as the service reads them", () => {
  assert.deepEqual(["CNY", "USD", "CAD", "GBP", "EUR", "INR"].map(cmp.marketOf), ["CN", "US", "CA", "UK", "EU", null]);
});

test("catalog prices: a real price, an estimate's range, or a share; never an estimate's point", () => {
  const entry = { term_months: 24, min: "0", max: "999.99", source: "https://x.example/", read_on: "2026-11-01", evidence: [] };
  assert.deepEqual(cmp.catalogPrice({ ...entry, price_basis: "published", price: "89.00" }), { basis: "published", kind: "price", price: "89.00" });
  assert.deepEqual(cmp.catalogPrice({ ...entry, price_basis: "estimate", price: "60.00", low: "40.00", high: "80.00" }),
    { basis: "estimate", kind: "range", low: "40.00", high: "80.00" });
  assert.deepEqual(cmp.catalogPrice({ ...entry, price_basis: "published", price: null, share: "0.08" }), { basis: "published", kind: "share", share: "0.08" });
  assert.deepEqual(cmp.catalogPrice({ ...entry, price_basis: "estimate", price: "25.00" }), { basis: "estimate", kind: "approx", price: "25.00" });
  assert.equal(cmp.catalogPrice({ ...entry, price_basis: "estimate", price: null }).kind, "none");
});

test("the page's offers nothing weighed are listed; weighed ones are not listed twice", () => {
  const offers = [pagePlan({ name: "2 Years", price: "5.00" }), pagePlan({ name: "3 Years", price: "6.00" })];
  const plainOffer = (o) => ({ name: o.name, price: o.price, currency: o.currency });
  const [a, b] = offers.map(plainOffer);
  assert.deepEqual(cmp.unweighedOffers(detectAnswer({ offers: [a, b] })), [a, b]);
  assert.deepEqual(cmp.unweighedOffers(detectAnswer({ offers: [a, b], comparison: comparison({ plans: [offers[0], plan()] }) })), [b]);
  assert.deepEqual(cmp.unweighedOffers(detectAnswer({ offers: [a, a], comparison: comparison({ plans: [offers[0]] }) })), [a]);
  assert.deepEqual(cmp.unweighedOffers(detectAnswer({ offers: [{ ...a, price: null }] })), []);
});

test("an answer under the new contract with no code compared: no reason is made up", () => {
  const eur = detectAnswer({ product: { price: "549.00", currency: "EUR" }, comparison: comparison({ alternatives_note: { en: "No plans…", zh: "没有…" } }) });
  assert.equal(cmp.whyNoComparison(eur), null);
});

test("the market plans left out are listed with their reasons, in the shopper's language", () => {
  const excluded = [
    { name: "延长保修2年", reason: "No term", reason_code: "other_currency" },
    { name: "苏宁 阳光包", reason: "Suning publishes no price list", reason_zh: "未找到公开价格", source: "https://www.suning.com/sunshine", reason_code: "no_public_price" },
    { name: "Extend", reason: "No price found", source: "javascript:alert(1)", reason_code: "no_price_for_product" },
    { name: "天猫 延保服务", reason: "Only sold together with the product, at checkout.", reason_code: "checkout_only" },
  ];
  const answer = detectAnswer({ offers: [{ name: "延长保修2年", price: "169.00" }], comparison: comparison({ excluded }) });
  assert.deepEqual(cmp.excludedAlternatives(answer, "zh_CN"), [
    { name: "苏宁 阳光包", reason: "未找到公开价格", source: "https://www.suning.com/sunshine", ask: true },
    { name: "Extend", reason: "No price found", source: null, ask: true },
    { name: "天猫 延保服务", reason: "Only sold together with the product, at checkout.", source: null, ask: false }]);
  assert.deepEqual(cmp.excludedAlternatives(answer, "en").map((e) => e.reason).slice(0, 2), ["Suning publishes no price list", "No price found"]);
});

test("the codes of plans to ask a price for are the service's", () => {
  assert.deepEqual([...cmp.ASK_FOR_PRICE].sort(), [...ASK_FOR_PRICE].sort());
  for (const code of ASK_FOR_PRICE) assert.ok(EXCLUDED_REASONS.includes(code));
  // An answer from before reason codes: nothing is claimed to be buyable.
  const old = detectAnswer({ comparison: comparison({ excluded: [{ name: "Extend", reason: "No price found" }] }) });
  assert.equal(cmp.excludedAlternatives(old, "en")[0].ask, false);
});

test("an estimate without its range is only an approximate middle, still marked", () => {
  const bare = estimatePlan({ price: "25.00", estimate: { low: null, high: null, n: null, method: null } });
  assert.deepEqual(cmp.priceBasis(bare), { basis: "estimate", low: null, high: null, n: null, method: null, approx: "25.00" });
  assert.ok(!("approx" in cmp.priceBasis(estimatePlan())));
});

// Why the panel has nothing to compare, chosen from the detect answer's product (never from the
// service's English sentence), and which of the page's offers it must still list.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Y } from "./load.js";

const { whyNoComparison, unweighedOffers } = Y.comparison;
const plan = (origin, extra = {}) => ({ origin, name: "2 Years", price: "5.00", currency: "USD", ...extra });
const answer = ({ product = {}, offers = [], plans = [], unavailable = null } = {}) => ({
  product: { title: "x", price: "49.94", currency: "USD", category: "digital", ...product },
  offers,
  comparison: { plans, excluded: [], unavailable },
});
const why = (result) => whyNoComparison(result)?.reason ?? null;

test("a comparison with plans needs no reason", () => {
  assert.equal(why(answer({ plans: [plan("catalog")] })), null);
});

test("no price on the page: said so, whatever the service's sentence", () => {
  const noPrice = { price: null, currency: "CNY" };
  assert.equal(why(answer({ product: noPrice, unavailable: "The page shows no price, so …" })), "no-price");
  assert.equal(why(answer({ product: { price: "10.00", currency: null } })), "no-price");
  assert.equal(why(answer({ product: { price: null, price_min: "10.00", currency: "USD" } })), "no-plans-for-currency");
});

test("a product warranties do not cover, unless the page sells a plan for it", () => {
  const shirt = { category: "not_eligible" };
  assert.equal(why(answer({ product: shirt, unavailable: "This product is not one …" })), "not-eligible");
  assert.equal(why(answer({ product: { ...shirt, price: null } })), "not-eligible");
  assert.equal(why(answer({ product: shirt, offers: [plan("offer")] })), "no-plans-for-currency");
});

test("a priced product with nothing to weigh: no plans known in its currency, named", () => {
  const rupees = answer({ product: { price: "49990.00", currency: "INR" }, unavailable: "product.market: must be one of CN, US, EU" });
  assert.deepEqual(whyNoComparison(rupees), { reason: "no-plans-for-currency", messageKey: "panelWhyNoPlansForCurrency", args: ["INR"] });
  assert.equal(why(answer({ product: { currency: "EUR" } })), "no-plans-for-currency");
});

test("the page's offers nothing weighed are listed; weighed ones are not listed twice", () => {
  const offers = [plan("offer"), plan("offer", { name: "3 Years", price: "6.00" })];
  assert.deepEqual(unweighedOffers(answer({ offers })), offers);
  assert.deepEqual(unweighedOffers(answer({ offers, plans: [plan("offer"), plan("catalog")] })), [offers[1]]);
  assert.deepEqual(unweighedOffers(answer({ offers: [plan("offer"), plan("offer")], plans: [plan("offer")] })), [plan("offer")]);
  assert.deepEqual(unweighedOffers(answer({ offers: [plan("offer", { price: null })] })), []);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { coverageBody, planStarts, quotable, quoteRequest } from "../lib/purchase.js";

const product = {
  title: "海尔冰箱", url: "https://item.jd.com/1.html", item_id: "1", brand: "Haier", category: "large",
  price: "3999.00", currency: "CNY", warranty_months: 12,
};
const offer = { name: "京东延保 2年", provider: "京东", kind: "extended", term_months: 24, price: "299.00", currency: "CNY", preselected: false };

test("the quote request carries the product, the offers and the shopper's card months", () => {
  const body = quoteRequest({ site: "jd", product, offers: [offer] }, { cardExtensionMonths: 12, purchaseDate: "2026-05-01" });
  assert.equal(body.product.manufacturer_warranty_months, 12);
  assert.deepEqual(body.offers[0], { name: "京东延保 2年", kind: "extended", term_months: 24, starts: "after_manufacturer", price: "299.00", currency: "CNY", provider: "京东" });
  assert.deepEqual(body.settings, { card_extension_months: 12, statutory: true });
});

test("a coverage with a plan has manufacturer, card and plan layers", () => {
  const body = coverageBody({ site: "jd", product, offer, purchaseDate: "2026-05-01", orderRef: "JD123", cardExtensionMonths: 12 });
  assert.deepEqual(body.layers.map((l) => l.kind), ["manufacturer", "card", "plan"]);
  assert.equal(body.layers[2].plan_kind, "extended");
  assert.equal(body.layers[2].starts, "after_manufacturer");
  assert.equal(body.product.site, "jd");
  assert.equal(body.order_ref, "JD123");
  assert.ok(!("preselected" in body.layers[2]));
});

test("no plan, no card, no known warranty: just the product", () => {
  const body = coverageBody({ site: "amazon", product: { title: "Kettle" }, offer: null, purchaseDate: "2026-05-01", orderRef: "", cardExtensionMonths: 0 });
  assert.deepEqual(body.layers, []);
  assert.ok(!("order_ref" in body));
});

test("accident cover is a plan that starts at purchase", () => {
  const accident = { name: "Accident", kind: "accidental_damage", term_months: 12, price: "99.00", currency: "CNY" };
  const [layer] = coverageBody({ site: "jd", product: { title: "x" }, offer: accident, purchaseDate: "2026-05-01", cardExtensionMonths: 0 }).layers;
  assert.equal(layer.kind, "plan");
  assert.equal(layer.plan_kind, "accidental_damage");
  assert.equal(planStarts(accident), "purchase");
});

test("offers without price or term are left out; only eligible, priced products are quoted", () => {
  const body = quoteRequest({ site: "jd", product, offers: [offer, { name: "送货入户", price: null, term_months: null }] }, { cardExtensionMonths: 0 });
  assert.equal(body.offers.length, 1);
  assert.ok(quotable(product));
  assert.ok(!quotable({ ...product, category: "not_eligible" }));
  assert.ok(!quotable({ ...product, price: null }));
});

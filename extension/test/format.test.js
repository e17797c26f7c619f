import assert from "node:assert/strict";
import { test } from "node:test";
import { Y } from "./load.js";

const { money, percent, date, today, daysBetween, bestPlan, arrangePlans } = Y.format;

test("money keeps the currency and the shopper's language", () => {
  assert.equal(money("199.00", "CNY", "zh_CN"), "¥199.00");
  assert.equal(money("49.99", "USD", "en"), "$49.99");
  assert.equal(money(null, "USD", "en"), "—");
  assert.equal(money("12.5", "US", "en"), "12.50 US", "a malformed currency code still shows");
});

test("percent and dates", () => {
  assert.equal(percent("0.125", "en"), "12.5%");
  // One decimal always, as the service's sentences print it: "7.0%" beside "7.0%", not "7%".
  assert.equal(percent("0.07", "en"), "7.0%");
  assert.equal(percent(0.2, "zh_CN"), "20.0%");
  assert.equal(percent(null, "en"), "—");
  assert.equal(date("2027-01-31", "en"), "Jan 31, 2027");
  assert.equal(date("2027-01-31", "zh_CN"), "2027年1月31日");
  assert.equal(date("garbage", "en"), "garbage");
  // A source's own date is often a month or a year: it stays as precise as it is.
  assert.equal(date("2020-02", "en"), "Feb 2020");
  assert.equal(date("2020-02", "zh_CN"), "2020年2月");
  assert.equal(date("2020", "en"), "2020");
  assert.equal(date("2020", "zh_CN"), "2020年");
  assert.equal(date("2020-2", "en"), "2020-2");
});

test("today is the local calendar date and days count across months", () => {
  assert.equal(today(new Date(2026, 1, 3, 23, 59)), "2026-02-03");
  assert.equal(daysBetween("2026-01-31", "2026-03-01"), 29);
  assert.equal(daysBetween("2026-03-01", "2026-01-31"), -29);
});

const plans = [
  { origin: "offer", name: "JD 1y", verdict: "not_worth_it", cost_per_added_month: "16.58" },
  { origin: "catalog", name: "Brand 2y", verdict: "marginal", cost_per_added_month: "9.00" },
  { origin: "catalog", name: "Card", verdict: "already_covered", cost_per_added_month: null },
  { origin: "catalog", name: "Seller 3y", verdict: "worth_it", cost_per_added_month: "7.10" },
  { origin: "catalog", name: "Seller 2y", verdict: "worth_it", cost_per_added_month: "5.50" },
];

test("the best plan is the best verdict, then the lowest cost per added month", () => {
  assert.equal(bestPlan(plans).name, "Seller 2y");
  assert.equal(bestPlan([]), null);
});

test("offers stay as listed; alternatives are the best few", () => {
  const { offers, alternatives } = arrangePlans(plans, 2);
  assert.deepEqual(offers.map((p) => p.name), ["JD 1y"]);
  assert.deepEqual(alternatives.map((p) => p.name), ["Seller 2y", "Seller 3y"]);
});

test("a real price is ranked before any estimate, however cheap the estimate looks", () => {
  const guess = { origin: "catalog", name: "Guess", verdict: "worth_it", cost_per_added_month: "0.50", price_basis: "estimate" };
  const real = { origin: "catalog", name: "Real", verdict: "marginal", cost_per_added_month: "9.00", price_basis: "published" };
  assert.equal(bestPlan([guess, real]).name, "Real");
  assert.deepEqual(arrangePlans([guess, real]).alternatives.map((p) => p.name), ["Real", "Guess"]);
});

test("at most five alternatives by default, as the contract allows", () => {
  const many = Array.from({ length: 8 }, (_, i) => ({ origin: "catalog", name: `P${i}`, verdict: "marginal", cost_per_added_month: String(10 - i) }));
  assert.deepEqual(arrangePlans(many).alternatives.map((p) => p.name), ["P7", "P6", "P5", "P4", "P3"]);
});

test("an estimate is a range, per plan and per added month", () => {
  const { moneyRange, perMonthRange } = Y.format;
  assert.equal(moneyRange("40.00", "80.00", "CNY", "zh_CN"), "¥40.00–¥80.00");
  assert.equal(moneyRange("40.00", "40.00", "USD", "en"), "$40.00");
  assert.equal(moneyRange(null, null, "USD", "en"), "—");
  assert.deepEqual(perMonthRange({ added_months: 12, estimate: { low: "36.00", high: "60.00" } }), { low: "3.00", high: "5.00" });
  assert.equal(perMonthRange({ added_months: 0, estimate: { low: "36.00", high: "60.00" } }), null);
  assert.equal(perMonthRange({ added_months: 12, estimate: null }), null);
});

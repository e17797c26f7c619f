import assert from "node:assert/strict";
import { test } from "node:test";
import { doc, h } from "./helpers/fake-dom.js";
import { Y } from "./load.js";

const { SAME_ITEM_LIMIT, identityOf, fingerprint, sameItem, decide, record, debounce, pageUrl } = Y.redetect;

const AMAZON = "https://www.amazon.com/Frigidaire-Retro-Fridge/dp/B07MXZ1TYH/ref=sr_1_3";

function amazonPage({ title = "Frigidaire EFR376 White", price = "$249.87", plan = "$39.99", other = "Customers also bought" } = {}) {
  return doc({
    title: `Amazon.com: ${title}`,
    body: [
      h("div", { id: "centerCol" },
        h("div", { id: "title_feature_div" }, h("h1", { id: "title" }, h("span", { id: "productTitle" }, `   ${title}   `))),
        h("div", { id: "corePriceDisplay_desktop_feature_div" }, h("span", { class: "a-offscreen" }, price))),
      h("div", { id: "mbb_feature_div" }, h("span", {}, "3-Year Protection Plan"), " for ", h("span", {}, plan)),
      h("div", { id: "similarities" }, other),
    ],
  });
}

const printOf = (page, url = AMAZON) => fingerprint(identityOf(page, { url, page: Y.sites.detect(url) }));

test("reads the item id, title, price and offers of a product from a few elements", () => {
  const identity = identityOf(amazonPage(), { url: AMAZON, page: Y.sites.detect(AMAZON) });
  assert.deepEqual(identity, {
    site: "amazon",
    item: "B07MXZ1TYH",
    title: "Frigidaire EFR376 White",
    price: "$249.87",
    offers: "3-Year Protection Plan for $39.99",
  });
});

test("the fingerprint changes with the item, the title, the price or the offers", () => {
  const base = printOf(amazonPage());
  assert.notEqual(printOf(amazonPage(), "https://www.amazon.com/dp/B07MXZ1RED"), base, "another ASIN");
  assert.notEqual(printOf(amazonPage({ title: "Frigidaire EFR376 Red" })), base, "another title");
  assert.notEqual(printOf(amazonPage({ price: "$259.87" })), base, "another price");
  assert.notEqual(printOf(amazonPage({ plan: "$44.99" })), base, "another plan price");
});

test("the fingerprint ignores the rest of the page, tracking parameters and whitespace", () => {
  const base = printOf(amazonPage());
  assert.equal(printOf(amazonPage({ other: "Sponsored: something else entirely" })), base);
  assert.equal(printOf(amazonPage(), "https://www.amazon.com/dp/B07MXZ1TYH?psc=1&ref=abc#reviews"), base);
  assert.equal(printOf(amazonPage({ title: "Frigidaire\n   EFR376 \t White" })), base);
});

test("a fingerprint stays small however long the offers block is", () => {
  const long = printOf(amazonPage({ plan: "$1 ".repeat(100_000) }));
  assert.ok(long.length < 3000, `${long.length} characters`);
});

test("a schema.org shop's item is its page path; the title falls back to the document's", () => {
  const url = "https://shop.example-appliances.com/p/air-fryer?colour=black";
  const page = doc({ title: "Air fryer – Example Appliances", body: [h("span", { itemprop: "price" }, "89.00")] });
  const identity = identityOf(page, { url, page: { site: "schema_org", itemId: null } });
  assert.equal(identity.item, "https://shop.example-appliances.com/p/air-fryer");
  assert.equal(identity.title, "Air fryer – Example Appliances");
  assert.equal(identity.price, "89.00");
});

test("JD: a chosen service option changes the fingerprint", () => {
  const url = "https://item.jd.com/100012043978.html";
  const jd = (service) => doc({
    body: [h("div", { class: "sku-name" }, "海尔 冰箱"), h("div", { class: "summary-price" }, "¥3299.00"),
      h("div", { id: "choose-service" }, service)],
  });
  const print = (page) => fingerprint(identityOf(page, { url, page: Y.sites.detect(url) }));
  assert.notEqual(print(jd("延长保修 1年 ¥199")), print(jd("延长保修 2年 ¥299")));
  assert.equal(print(jd("延长保修 1年 ¥199")), print(jd("延长保修  1年 ¥199")));
});

test("every site, the schema.org fallback included, says where its identity is", () => {
  assert.ok(Y.sites.ids.includes("schema_org"));
  for (const site of Y.sites.ids) {
    const identity = Y.sites.identity(site);
    assert.ok(identity?.title.length && identity?.price.length, site);
  }
});

test("decide: not a product page removes; the same product keeps; another product detects", () => {
  const page = { site: "amazon", itemId: "B07MXZ1TYH" };
  const a = printOf(amazonPage());
  const b = printOf(amazonPage(), "https://www.amazon.com/dp/B07MXZ1RED");
  assert.equal(decide({ page: null, fingerprint: null, sent: record(null, a) }), "remove");
  assert.equal(decide({ page: null, fingerprint: null, sent: null }), "remove");
  assert.equal(decide({ page, fingerprint: a, sent: null }), "detect");
  assert.equal(decide({ page, fingerprint: a, sent: record(null, a) }), "keep");
  assert.equal(decide({ page, fingerprint: b, sent: record(null, a) }), "detect");
});

test("decide: an item whose text keeps changing is sent again only so often", () => {
  const page = { site: "amazon", itemId: "B07MXZ1TYH" };
  let sent = null;
  let sends = 0;
  for (let second = 0; second < 100; second++) {
    const ticking = printOf(amazonPage({ price: `$249.87 Deal ends in 00:00:${second}` }));
    if (decide({ page, fingerprint: ticking, sent }) === "detect") {
      sent = record(sent, ticking);
      sends++;
    }
  }
  assert.equal(sends, 1 + SAME_ITEM_LIMIT, "the first send, then the limit, then quiet");
  const other = printOf(amazonPage(), "https://www.amazon.com/dp/B07MXZ1RED");
  assert.equal(decide({ page, fingerprint: other, sent }), "detect", "another item always counts");
  assert.equal(record(sent, other).repeats, 0);
});

test("sameItem compares the site and item id only", () => {
  const a = printOf(amazonPage());
  assert.ok(sameItem(a, printOf(amazonPage({ title: "Other", price: "$1", plan: "$2" }))));
  assert.ok(!sameItem(a, printOf(amazonPage(), "https://www.amazon.com/dp/B07MXZ1RED")));
  assert.ok(!sameItem(a, null));
});

function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map();
  return {
    setTimeout(fn, ms) {
      due.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout(id) {
      due.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due]) {
        if (t.at <= now) {
          due.delete(id);
          t.fn();
        }
      }
    },
  };
}

test("debounce: a burst of changes runs the check once, after the page is quiet", () => {
  const timers = fakeTimers();
  let calls = 0;
  const settle = debounce(() => calls++, 600, timers);
  for (let i = 0; i < 50; i++) {
    settle.schedule();
    timers.advance(100);
  }
  assert.equal(calls, 0, "still changing: not yet");
  assert.ok(settle.pending());
  timers.advance(600);
  assert.equal(calls, 1);
  assert.ok(!settle.pending());
  timers.advance(5000);
  assert.equal(calls, 1, "once per burst");
});

test("debounce: cancel drops a scheduled check", () => {
  const timers = fakeTimers();
  let calls = 0;
  const settle = debounce(() => calls++, 600, timers);
  settle.schedule();
  settle.cancel();
  timers.advance(1000);
  assert.equal(calls, 0);
});

test("pageUrl: a pushState URL on the frame's origin counts; another origin never does", () => {
  const loaded = "https://www.amazon.com/Fridge/dp/B07MXZ1WHT";
  assert.equal(pageUrl("https://www.amazon.com/Fridge/dp/B07MXZ1RED", loaded), "https://www.amazon.com/Fridge/dp/B07MXZ1RED");
  assert.equal(pageUrl("https://www.amazon.com/s?k=fridge", loaded), "https://www.amazon.com/s?k=fridge");
  assert.equal(pageUrl("https://item.jd.com/100012043978.html", loaded), loaded, "another site");
  assert.equal(pageUrl("http://www.amazon.com/dp/B07MXZ1RED", loaded), loaded, "another scheme");
  assert.equal(pageUrl("https://www.amazon.com.evil.example/dp/B07MXZ1RED", loaded), loaded);
  assert.equal(pageUrl("not a url", loaded), loaded);
  assert.equal(pageUrl("data:text/html,x", "data:text/html,y"), "data:text/html,y", "opaque origins never match");
  assert.equal(pageUrl(loaded, undefined), loaded, "no frame URL (a test harness): the claim");
});

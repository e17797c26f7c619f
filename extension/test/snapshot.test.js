import assert from "node:assert/strict";
import { test } from "node:test";
import { doc, h } from "./helpers/fake-dom.js";
import { Y } from "./load.js";

const { buildSnapshot, cleanHref, keepAttribute } = Y.snapshot;

function jdPage(extraBody = []) {
  return doc({
    title: "Haier 冰箱 【行情 报价 价格 评测】-京东",
    lang: "zh-CN",
    head: [
      h("link", { rel: "canonical", href: "https://item.jd.com/100012043978.html" }),
      h("meta", { property: "og:title", content: "Haier 冰箱" }),
      h("script", { src: "https://cdn.example/tracker.js" }),
    ],
    body: [
      h("div", { id: "shortcut-2014" }, "你好，请登录 我的订单"),
      h("header", {}, "site header"),
      h("div", { class: "crumb-wrap", id: "crumb-wrap" }, h("a", { href: "//list.jd.com/list.html?cat=737,794,878&spm=a.b" }, "家用电器")),
      h("div", { class: "product-intro" },
        h("div", { class: "sku-name" }, "海尔 BCD-470 冰箱"),
        h("form", { action: "/cart", id: "buy" },
          h("input", { type: "hidden", name: "token", value: "SECRET-TOKEN" }),
          h("label", {}, "数量"),
          h("textarea", {}, "typed by the shopper")),
        h("div", { id: "choose-service" }, "京东服务+ 延长保修 1年 ¥199"),
        h("script", {}, "var inline = 'not product data';"),
        h("div", { class: "user-info" }, "account name"),
        h("img", { src: "https://img.example/p.jpg", onerror: "alert(1)" })),
      h("div", { class: "recommend" }, "other products that must not be sent"),
      h("script", {}, "var pageConfig = { product: { skuid: 100012043978 } };"),
      h("script", { type: "application/ld+json" }, '{"@type":"Product","name":"海尔"}'),
      ...extraBody,
    ],
  });
}

test("keeps the product region, breadcrumbs, service block, JSON-LD and known data", () => {
  const snap = buildSnapshot(jdPage(), { url: "https://item.jd.com/100012043978.html", site: "jd" });
  for (const kept of ["海尔 BCD-470 冰箱", "京东服务+ 延长保修", "家用电器", '"@type":"Product"', "pageConfig", 'rel="canonical"', "og:title", "<title>Haier"]) {
    assert.ok(snap.html.includes(kept), `missing ${kept}`);
  }
  assert.equal(snap.lang, "zh-CN");
  assert.equal(snap.truncated, false);
});

test("drops other scripts, inputs and their values, header and account areas, and the rest of the page", () => {
  const { html } = buildSnapshot(jdPage(), { url: "https://item.jd.com/1.html", site: "jd" });
  for (const dropped of ["SECRET-TOKEN", "typed by the shopper", "<input", "<textarea", "tracker.js", "not product data", "请登录", "site header", "account name", "other products", "onerror", "<img", 'action="']) {
    assert.ok(!html.includes(dropped), `leaked ${dropped}`);
  }
  assert.ok(html.includes("数量"), "a form's readable text stays");
});

test("breadcrumb links lose tracking parameters but keep the category", () => {
  const { html } = buildSnapshot(jdPage(), { url: "https://item.jd.com/1.html", site: "jd" });
  assert.ok(html.includes('href="//list.jd.com/list.html?cat=737,794,878"'));
  assert.equal(cleanHref("https://x.example/p?id=1&utm_source=a&ref=b#top"), "https://x.example/p?id=1");
  assert.equal(cleanHref("javascript:alert(1)"), null);
});

test("only allow-listed attributes survive", () => {
  assert.equal(keepAttribute("onclick", "x()"), null);
  assert.equal(keepAttribute("value", "secret"), null);
  assert.equal(keepAttribute("itemprop", "price"), "price");
  assert.equal(keepAttribute("class", "x".repeat(500)).length, 300);
});

test("text is escaped, so page text cannot become markup in the snapshot", () => {
  const page = doc({ body: [h("div", { class: "sku-name" }, "<img src=x onerror=alert(1)>")] });
  const { html } = buildSnapshot(page, { url: "https://item.jd.com/1.html", site: "jd" });
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert.ok(!html.includes("<img"));
});

test("a nested match is sent once, inside its outer region", () => {
  const { html } = buildSnapshot(jdPage(), { url: "https://item.jd.com/1.html", site: "jd" });
  assert.equal(html.split("京东服务+ 延长保修").length - 1, 1);
});

test("the size is capped and a whole page of filler is cut", () => {
  const filler = Array.from({ length: 2000 }, (_, i) => h("p", {}, `参数 ${i} `.repeat(40)));
  const page = jdPage([h("div", { class: "p-parameter" }, ...filler)]);
  const snap = buildSnapshot(page, { url: "https://item.jd.com/1.html", site: "jd", maxBytes: 50_000 });
  assert.ok(snap.truncated);
  assert.ok(snap.bytes <= 60_000, `bytes ${snap.bytes}`);
  assert.ok(snap.html.includes('"@type":"Product"'), "structured data is kept first");
});

test("a JSON-LD block cannot close the script early", () => {
  const page = doc({ body: [h("script", { type: "application/ld+json" }, '{"name":"</script><b>x"}')] });
  const { html } = buildSnapshot(page, { url: "https://shop.example/p", site: "schema_org" });
  assert.ok(html.includes("<\\/script><b>x"));
  assert.equal(html.match(/<\/script>/g).length, 1);
});

test("a shop found by schema.org sends only schema.org regions and structured data", () => {
  const page = doc({
    body: [
      h("nav", { "aria-label": "Breadcrumb" }, "Home / Kitchen"),
      h("div", { itemscope: "", itemtype: "https://schema.org/Product" }, h("span", { itemprop: "name" }, "Kettle")),
      h("div", { class: "footer" }, "newsletter"),
    ],
  });
  const { html } = buildSnapshot(page, { url: "https://shop.example/p/1", site: "schema_org" });
  assert.ok(html.includes("Kettle") && html.includes("Home / Kitchen"));
  assert.ok(!html.includes("newsletter"));
});

test("every site's snapshot keeps its identity's elements and the schema.org regions", () => {
  for (const id of Y.sites.ids) {
    const { regions } = Y.sites.snapshotRules(id);
    const { title, price, offers } = Y.sites.identity(id);
    for (const selector of [...title, ...price, ...offers, ...Y.sites.fallback.regions]) {
      assert.ok(regions.includes(selector), `${id}: ${selector}`);
    }
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { doc, h } from "./helpers/fake-dom.js";
import { Y } from "./load.js";

const { jsonLdHasProduct, hasProductData } = Y.structuredData;

test("finds a Product at the top, in @graph, in arrays and as a full IRI", () => {
  assert.ok(jsonLdHasProduct('{"@type":"Product"}'));
  assert.ok(jsonLdHasProduct('{"@graph":[{"@type":"WebPage"},{"@type":["Thing","Product"]}]}'));
  assert.ok(jsonLdHasProduct('[{"@type":"Organization"},{"@type":"ProductGroup"}]'));
  assert.ok(jsonLdHasProduct('{"@type":"http://schema.org/Product"}'));
  assert.ok(jsonLdHasProduct('{"@type":"WebPage","mainEntity":{"@type":"Product"}}'));
});

test("other types and broken JSON are not products", () => {
  assert.ok(!jsonLdHasProduct('{"@type":"Organization"}'));
  assert.ok(!jsonLdHasProduct('{"@type": "Product"'));
  assert.ok(!jsonLdHasProduct("null"));
});

test("a page with Product microdata or JSON-LD is a product page; a blog is not", () => {
  assert.ok(hasProductData(doc({ body: [h("div", { itemscope: "", itemtype: "https://schema.org/Product" })] })));
  assert.ok(hasProductData(doc({ body: [h("script", { type: "application/ld+json" }, '{"@type":"Product"}')] })));
  assert.ok(!hasProductData(doc({ body: [h("script", { type: "application/ld+json" }, '{"@type":"BlogPosting"}')] })));
});

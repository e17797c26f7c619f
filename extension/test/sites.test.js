import assert from "node:assert/strict";
import { test } from "node:test";
import { Y } from "./load.js";

const { SITES, detect, isSupportedHost } = Y.sites;
const everyRejected = SITES.flatMap((s) => s.rejects);
const others = [
  "https://www.google.com/search?q=jd",
  "https://example.com/item.htm?id=123456789",
  "https://item.jd.com.evil.example/100012043978.html",
  "https://evil.example/?u=https://item.jd.com/100012043978.html",
  "ftp://item.jd.com/100012043978.html",
  "not a url",
];

for (const site of SITES) {
  test(`${site.id}: accepts its own product URLs with an item id`, () => {
    assert.ok(site.accepts.length > 0);
    for (const url of site.accepts) {
      const hit = detect(url);
      assert.equal(hit?.site, site.id, url);
      assert.match(hit.itemId, /^[A-Za-z0-9]+$/, url);
    }
  });

  test(`${site.id}: rejects every other site's product URLs`, () => {
    for (const other of SITES.filter((s) => s !== site)) {
      for (const url of other.accepts) {
        const u = new URL(url);
        assert.ok(!site.hosts.includes(u.hostname) || site.match(u) === null, `${site.id} took ${url}`);
      }
    }
  });
}

test("search, list, shop and cart pages are no product page anywhere", () => {
  for (const url of [...everyRejected, ...others]) assert.equal(detect(url), null, url);
});

test("known item ids come out of the URL", () => {
  assert.deepEqual(detect("https://item.jd.com/100012043978.html"), { site: "jd", itemId: "100012043978" });
  assert.equal(detect("https://item.taobao.com/item.htm?spm=x&id=678912345678").itemId, "678912345678");
  assert.equal(detect("https://www.amazon.com/Some-Title/dp/B0C1ABCDEF/ref=sr_1_3").itemId, "B0C1ABCDEF");
  assert.equal(detect("https://www.bestbuy.com/site/lg/6535928.p?skuId=6535928").itemId, "6535928");
  assert.equal(detect("https://www.bestbuy.com/product/x/J3ZYG2VTXK/sku/6571234").itemId, "6571234");
});

test("supported hosts are known even on non-product pages", () => {
  assert.ok(isSupportedHost("https://www.amazon.com/s?k=tv"));
  assert.ok(!isSupportedHost("https://shop.example/p/1"));
});

test("every content-script match pattern belongs to a supported host", async () => {
  const { readFile } = await import("node:fs/promises");
  const manifest = JSON.parse(await readFile(new URL("../manifest.json", import.meta.url), "utf8"));
  const hosts = SITES.flatMap((s) => s.hosts);
  for (const pattern of manifest.content_scripts[0].matches) {
    assert.ok(hosts.includes(new URL(pattern.replace(/\*/g, "x")).hostname), pattern);
  }
});

test("every accepted product URL is reached by a content-script match pattern", async () => {
  const { readFile } = await import("node:fs/promises");
  const manifest = JSON.parse(await readFile(new URL("../manifest.json", import.meta.url), "utf8"));
  const toRegex = (p) => new RegExp(`^${p.replace(/[.?+^$()|[\]{}\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const patterns = manifest.content_scripts[0].matches.map(toRegex);
  for (const url of SITES.flatMap((s) => s.accepts)) {
    assert.ok(patterns.some((re) => re.test(url)), url);
  }
});

// JD (京东): item pages on item.jd.com and JD Worldwide (item.jd.hk, npcitem.jd.hk).
// The service reads these pages with scrapers/sites/jd.py; tests/test_shops_agree.py keeps the
// two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "jd",
    hosts: ["item.jd.com", "item.jd.hk", "npcitem.jd.hk"],
    matches: ["https://item.jd.com/*", "https://item.jd.hk/*", "https://npcitem.jd.hk/*"],
    match(u) {
      return /^\/(\d{4,20})\.html$/.exec(u.pathname)?.[1] ?? null;
    },
    accepts: [
      "https://item.jd.com/100012043978.html",
      "https://item.jd.com/100038004389.html?extension_id=abc#crumb-wrap",
      "https://item.jd.hk/100009158395.html",
      "https://npcitem.jd.hk/100021394524.html",
    ],
    rejects: [
      "https://search.jd.com/Search?keyword=%E5%86%B0%E7%AE%B1",
      "https://list.jd.com/list.html?cat=737,794,798",
      "https://mall.jd.com/index-1000001452.html",
      "https://item.jd.com/",
      "https://item.jd.com/comments/100012043978.html",
    ],
    // What identifies the product on sale: the first match of title and price, every offers one.
    identity: {
      title: [".sku-name", "#itemName"],
      price: [".summary-price", "#jdPrice", ".summary-price-wrap"],
      offers: ["#choose-service", "#summary-service", ".choose-service", "#guarantee", ".service-type-yb"],
    },
    // Kept in the snapshot besides the identity's elements.
    regions: [
      "#crumb-wrap", ".crumb-wrap", ".product-intro", ".itemInfo-wrap", "#choose-attrs",
      "#J-summary-top", ".p-parameter", "#detail .Ptable", '[id^="choose-service"]', ".serve-agree",
      ".fn_text_wrap", "#parameter-brand", ".parameter2", ".p-parameter-list", ".J-promise-icon", ".shopName",
    ],
    dataScripts: [/pageConfig\s*=/],
  });
})();

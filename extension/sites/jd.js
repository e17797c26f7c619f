// JD (京东): item pages on item.jd.com, JD Worldwide (item.jd.hk, npcitem.jd.hk), the mobile
// site (item.m.jd.com/product/<id>.html, /ware/view.action?wareId=<id>) and JD Health
// (item.yiyaojd.com).
// The service reads these pages with scrapers/sites/jd.py; tests/test_shops_agree.py keeps the
// two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "jd",
    hosts: ["item.jd.com", "item.jd.hk", "npcitem.jd.hk", "item.yiyaojd.com", "item.m.jd.com", "item.m.jd.hk"],
    matches: [
      "https://item.jd.com/*", "https://item.jd.hk/*", "https://npcitem.jd.hk/*", "https://item.yiyaojd.com/*",
      "https://item.m.jd.com/product/*", "https://item.m.jd.com/ware/view.action*",
      "https://item.m.jd.hk/product/*",
    ],
    match(u) {
      if (u.hostname.startsWith("item.m.")) {
        if (u.pathname === "/ware/view.action") return ns.sites.digitsParam(u, "wareId", 4);
        return /^\/product\/(\d{4,20})\.html$/.exec(u.pathname)?.[1] ?? null;
      }
      return /^\/(\d{4,20})\.html$/.exec(u.pathname)?.[1] ?? null;
    },
    accepts: [
      "https://item.jd.com/100012043978.html",
      "https://item.jd.com/100038004389.html?extension_id=abc#crumb-wrap",
      "https://item.jd.hk/100009158395.html",
      "https://npcitem.jd.hk/100021394524.html",
      "https://item.yiyaojd.com/100016034428.html",
      "https://item.m.jd.com/product/100007300763.html",
      "https://item.m.jd.com/ware/view.action?wareId=100007300763&sid=abc",
      "https://item.m.jd.hk/product/100009158395.html",
    ],
    rejects: [
      "https://search.jd.com/Search?keyword=%E5%86%B0%E7%AE%B1",
      "https://list.jd.com/list.html?cat=737,794,798",
      "https://mall.jd.com/index-1000001452.html",
      "https://item.jd.com/",
      "https://item.jd.com/comments/100012043978.html",
      "https://item.m.jd.com/product/",
      "https://item.m.jd.com/ware/view.action?wareId=abc",
    ],
    // What identifies the product on sale: the first match of title and price, every offers one.
    // Older desktop pages (#product-intro > #itemInfo) name the title #name h1 and print the
    // price in #jd-price.
    identity: {
      title: [".sku-name", "#itemName", "#name h1"],
      price: [".summary-price", "#jdPrice", ".summary-price-wrap", "#summary-price", "#jd-price"],
      offers: ["#choose-service", "#summary-service", ".choose-service", "#guarantee", ".service-type-yb"],
    },
    // Kept in the snapshot besides the identity's elements.
    regions: [
      "#crumb-wrap", ".crumb-wrap", ".product-intro", ".itemInfo-wrap", "#choose-attrs",
      "#J-summary-top", ".p-parameter", "#detail .Ptable", '[id^="choose-service"]', ".serve-agree",
      ".fn_text_wrap", "#parameter-brand", ".parameter2", ".p-parameter-list", ".J-promise-icon", ".shopName",
      "#itemInfo", "#root-nav", "#parameter2", "#summary-service",
    ],
    // Desktop pages carry pageConfig; mobile ones window._itemInfo / _itemOnly (item and price).
    dataScripts: [/pageConfig\s*=|_itemInfo\s*=|_itemOnly\s*=/],
  });
})();

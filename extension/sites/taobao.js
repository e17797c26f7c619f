// Taobao (淘宝): item pages on item.taobao.com, world.taobao.com and the mobile sites
// (h5.m.taobao.com/awp/core/detail.htm?id=, m.intl.taobao.com/detail/detail.html?id=). Tmall's pages are the same
// family (sites/tmall.js uses this file's identity, regions and data scripts).
// The service reads these pages with scrapers/sites/taobao.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "taobao",
    hosts: ["item.taobao.com", "world.taobao.com", "h5.m.taobao.com", "m.intl.taobao.com"],
    // tb.cn short links only redirect to item pages: the service knows the domain, the content
    // script has nothing to do there.
    shortLinkDomains: ["tb.cn"],
    matches: [
      "https://item.taobao.com/item.htm*", "https://world.taobao.com/item/*",
      "https://h5.m.taobao.com/awp/core/detail.htm*", "https://m.intl.taobao.com/detail/detail.html*",
    ],
    match(u) {
      if (u.hostname === "world.taobao.com") {
        return /^\/item\/(\d{5,20})\.htm$/.exec(u.pathname)?.[1] ?? null;
      }
      const itemPath = { "h5.m.taobao.com": "/awp/core/detail.htm", "m.intl.taobao.com": "/detail/detail.html" }[u.hostname] ?? "/item.htm";
      return u.pathname === itemPath ? ns.sites.digitsParam(u, "id") : null;
    },
    accepts: [
      "https://item.taobao.com/item.htm?id=678912345678",
      "https://world.taobao.com/item/678912345678.htm",
      "https://item.taobao.com/item.htm?spm=a21n57.1.0.0&id=678912345678&ns=1",
      "https://h5.m.taobao.com/awp/core/detail.htm?id=589284723213",
      "https://m.intl.taobao.com/detail/detail.html?id=589284723213",
    ],
    rejects: [
      "https://s.taobao.com/search?q=%E6%B4%97%E8%A1%A3%E6%9C%BA",
      "https://shop123456.taobao.com/",
      "https://item.taobao.com/item.htm",
      "https://item.taobao.com/item.htm?id=abc",
      "https://world.taobao.com/",
      "https://h5.m.taobao.com/awp/core/detail.htm",
      "https://h5.m.taobao.com/awp/core/detail.htm?id=abc",
    ],
    // Rendered pages name their blocks with CSS-module classes (ItemHeader--mainTitle--x1y2):
    // selectors match the stable prefix. Older pages use the J_ ids.
    identity: {
      title: ['[class*="MainTitle--"]', "#J_Title", ".tb-detail-hd", ".main-title", ".title-text"],
      price: ['[class*="Price--"]', "#J_PromoPrice", "#J_StrPrice", ".tm-price", ".price-now"],
      offers: ['[class*="Service--"]', '[class*="Guarantee"]', '[class*="SkuContent--"]', ".tb-sku", "#J_isku", "dl.tm-sale-prop"],
    },
    regions: [
      "#J_DetailMeta", "#J_StrPriceModBox", '[class*="ItemHeader--"]', '[class*="BasicContent--"]',
      "#J_AttrUL", ".attributes-list", '[class*="Attrs--"]', '[class*="ShopHeader--"]',
      '[class*="skuItem"]', ".sku-group", ".tb-shop-name", ".shop-name",
    ],
    dataScripts: [/__INIT_DATA|g_config\s*=|TShop\.Setup\(|Hub\.config\.set\('sku'|_DATA_Detail\s*=|__ICE_APP_CONTEXT__/],
  });
})();

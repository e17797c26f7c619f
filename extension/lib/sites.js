// URL detectors, one per supported site: pure `(url) => itemId | null`, each declared beside the
// URLs it must accept. test/sites.test.js also checks that every detector rejects every other
// site's URLs and the search, list and shop pages below.
// Written as a classic script that registers on globalThis.Yanbao, so the content script can load
// it without exposing extension files to pages (no web_accessible_resources).
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const parse = (url) => {
    try {
      return url instanceof URL ? url : new URL(url);
    } catch {
      return null;
    }
  };

  const digitsParam = (u, name) => {
    const value = u.searchParams.get(name);
    return value && /^\d{5,20}$/.test(value) ? value : null;
  };

  const AMAZON_DOMAINS = ["com", "ca", "com.mx", "com.br", "co.uk", "de", "fr", "it", "es", "nl",
    "se", "pl", "com.be", "com.tr", "ae", "sa", "eg", "in", "co.jp", "cn", "sg", "com.au"];

  const SITES = [
    {
      id: "jd",
      hosts: ["item.jd.com", "item.jd.hk", "npcitem.jd.hk"],
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
    },
    {
      id: "taobao",
      hosts: ["item.taobao.com", "world.taobao.com"],
      match(u) {
        if (u.hostname === "world.taobao.com") {
          return /^\/item\/(\d{5,20})\.htm$/.exec(u.pathname)?.[1] ?? null;
        }
        return u.pathname === "/item.htm" ? digitsParam(u, "id") : null;
      },
      accepts: [
        "https://item.taobao.com/item.htm?id=678912345678",
        "https://world.taobao.com/item/678912345678.htm",
        "https://item.taobao.com/item.htm?spm=a21n57.1.0.0&id=678912345678&ns=1",
      ],
      rejects: [
        "https://s.taobao.com/search?q=%E6%B4%97%E8%A1%A3%E6%9C%BA",
        "https://shop123456.taobao.com/",
        "https://item.taobao.com/item.htm",
        "https://item.taobao.com/item.htm?id=abc",
        "https://world.taobao.com/",
      ],
    },
    {
      id: "tmall",
      hosts: ["detail.tmall.com", "detail.tmall.hk"],
      match(u) {
        return u.pathname === "/item.htm" ? digitsParam(u, "id") : null;
      },
      accepts: [
        "https://detail.tmall.com/item.htm?id=612345678901",
        "https://detail.tmall.com/item.htm?id=612345678901&skuId=4987654321098",
        "https://detail.tmall.hk/item.htm?id=612345678901",
      ],
      rejects: [
        "https://list.tmall.com/search_product.htm?q=%E7%A9%BA%E8%B0%83",
        "https://haier.tmall.com/shop/view_shop.htm",
        "https://detail.tmall.com/",
      ],
    },
    {
      id: "amazon",
      // Every Amazon storefront; the service's parser reads them all.
      hosts: ["amazon.com", ...AMAZON_DOMAINS.map((d) => `www.amazon.${d}`)],
      match(u) {
        const m = /^\/(?:[^/]+\/)?(?:dp|gp\/product)\/([A-Z0-9]{10})(?:[/?]|$)/.exec(u.pathname);
        return m?.[1] ?? null;
      },
      accepts: [
        "https://www.amazon.com/dp/B0BXYZ1234",
        "https://www.amazon.com/Samsung-Refrigerator-Stainless/dp/B0C1ABCDEF/ref=sr_1_3?keywords=fridge",
        "https://www.amazon.com/gp/product/B08N5WRWNW",
        "https://www.amazon.co.uk/dp/B0CHX1K3TR",
        "https://www.amazon.de/gp/product/B0BWFQPB4N",
        "https://www.amazon.co.jp/dp/B0CHX1K3TR",
        "https://www.amazon.com.au/dp/B0CHX1K3TR",
      ],
      rejects: [
        "https://www.amazon.com/s?k=refrigerator",
        "https://www.amazon.com/b?node=3741361",
        "https://www.amazon.com/stores/page/5A0C6F3B",
        "https://www.amazon.com/gp/cart/view.html",
        "https://www.amazon.com/",
        "https://www.amazon.ca/s?k=refrigerator",
      ],
    },
    {
      id: "bestbuy",
      hosts: ["www.bestbuy.com", "www.bestbuy.ca"],
      match(u) {
        const classic = /^\/site\/(?:[^/]+\/)?(\d{6,8})\.p$/.exec(u.pathname);
        if (classic) return classic[1];
        const canada = /^\/(?:en|fr)-ca\/product\/[^/]+\/(\d{7,9})$/.exec(u.pathname);
        if (canada) return canada[1];
        const current = /^\/product\/[^/]+\/([A-Z0-9]{8,12})(?:\/sku\/(\d{6,8}))?$/.exec(u.pathname);
        return current ? (current[2] ?? current[1]) : null;
      },
      accepts: [
        "https://www.bestbuy.com/site/lg-65-class-oled-tv/6535928.p?skuId=6535928",
        "https://www.bestbuy.com/product/samsung-bespoke-refrigerator/J3ZYG2VTXK/sku/6571234",
        "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook-silver/15446634",
      ],
      rejects: [
        "https://www.bestbuy.com/site/searchpage.jsp?st=washer",
        "https://www.bestbuy.com/site/tvs/4k-ultra-hd-tvs/pcmcat333800050003.c?id=pcmcat333800050003",
        "https://www.bestbuy.com/cart",
        "https://www.bestbuy.com/site/misc/protection-plans/pcmcat1234.c",
        "https://www.bestbuy.ca/en-ca/category/refrigerators/20186",
      ],
    },
  ];

  /** The supported site and item id of a product URL, or null for every other URL. */
  function detect(url) {
    const u = parse(url);
    if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) return null;
    for (const site of SITES) {
      if (!site.hosts.includes(u.hostname)) continue;
      const itemId = site.match(u);
      if (itemId) return { site: site.id, itemId };
    }
    return null;
  }

  const isSupportedHost = (url) => {
    const u = parse(url);
    return Boolean(u && SITES.some((s) => s.hosts.includes(u.hostname)));
  };

  ns.sites = { SITES, detect, isSupportedHost, ids: SITES.map((s) => s.id) };
})();

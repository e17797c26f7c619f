// Best Buy: product pages on bestbuy.com (/site/….p and /product/<slug>/<id>/sku/<sku>) and
// bestbuy.ca (/en-ca/product/<slug>/<sku>, with or without .aspx, and /fr-ca/produit/…).
// The service reads these pages with scrapers/sites/bestbuy.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "bestbuy",
    hosts: ["www.bestbuy.com", "www.bestbuy.ca"],
    matches: ["https://www.bestbuy.com/site/*", "https://www.bestbuy.com/product/*", "https://www.bestbuy.ca/*"],
    match(u) {
      const classic = /^\/site\/(?:[^/]+\/)?(\d{6,8})\.p$/.exec(u.pathname);
      if (classic) return classic[1];
      // Marketplace SKUs carry a letter prefix (M2034567).
      const canada = /^\/(?:en-ca\/product|fr-ca\/produit)\/(?:[^/]+\/)?([A-Z]?\d{5,10})(?:\.aspx)?\/?$/.exec(u.pathname);
      if (canada) return canada[1];
      const current = /^\/product\/[^/]+\/([A-Z0-9]{8,12})(?:\/sku\/(\d{6,8}))?$/.exec(u.pathname);
      return current ? (current[2] ?? current[1]) : null;
    },
    accepts: [
      "https://www.bestbuy.com/site/lg-65-class-oled-tv/6535928.p?skuId=6535928",
      "https://www.bestbuy.com/product/samsung-bespoke-refrigerator/J3ZYG2VTXK/sku/6571234",
      "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook-silver/15446634",
      "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook/15446634.aspx",
      "https://www.bestbuy.ca/fr-ca/produit/hp-14-chromebook/15446634",
      "https://www.bestbuy.ca/en-ca/product/lg-oled-tv/M2034567",
      "https://www.bestbuy.com/site/samsung-gear-2-smartwatch/5507018.p?id=1219133600802&skuId=5507018",
    ],
    rejects: [
      "https://www.bestbuy.com/site/searchpage.jsp?st=washer",
      "https://www.bestbuy.com/site/tvs/4k-ultra-hd-tvs/pcmcat333800050003.c?id=pcmcat333800050003",
      "https://www.bestbuy.com/cart",
      "https://www.bestbuy.com/site/misc/protection-plans/pcmcat1234.c",
      "https://www.bestbuy.ca/en-ca/category/refrigerators/20186",
      "https://www.bestbuy.ca/fr-ca/categorie/refrigerateurs/20186",
      "https://www.bestbuy.ca/en-ca/search?search=tv",
    ],
    identity: {
      title: [".sku-title", '[data-testid*="product-title"]', 'h1[class*="productName"]', ".shop-product-title"],
      price: [".priceView-hero-price", ".shop-customer-price"],
      offers: [".shop-protection-plans", ".protection-plans", '[data-component="protection-plans"]'],
    },
    regions: [
      ".shop-breadcrumb", '[class*="protection-plan"]', '[data-testid*="protection"]',
      ".sku-product-data", ".product-data", ".sku-model", ".shop-specifications",
      '[class*="modelNumber"]', ".sku", '[class*="breadcrumb"]', '[class*="protection"]',
    ],
    dataScripts: [],
  });
})();

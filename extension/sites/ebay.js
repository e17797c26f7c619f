// eBay: item pages (/itm/<id>, /itm/<slug>/<id>) on ebay.com and its country sites. The content
// script runs only on /itm/ paths: searches (/sch/) and category pages never see it.
// The service reads these pages with scrapers/sites/ebay.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  // Every country site the service knows a currency for (scrapers/sites/ebay.py).
  const DOMAINS = ["com", "ca", "co.uk", "de", "fr", "it", "es", "nl", "ie", "at", "be", "com.au",
    "ch", "pl", "com.hk", "com.sg", "com.my", "ph"];
  const hosts = DOMAINS.map((d) => `www.ebay.${d}`);
  (ns.siteDefinitions ??= []).push({
    id: "ebay",
    hosts,
    matches: hosts.map((h) => `https://${h}/itm/*`),
    match(u) {
      return /^\/itm\/(?:[^/]+\/)?(\d{9,15})$/.exec(u.pathname)?.[1] ?? null;
    },
    accepts: [
      "https://www.ebay.com/itm/276543210987",
      "https://www.ebay.com/itm/Dyson-V8-Absolute/276543210987",
      "https://www.ebay.co.uk/itm/x-y/175678901234",
      "https://www.ebay.de/itm/175678901234?hash=item1",
      "https://www.ebay.com.au/itm/175678901234",
    ],
    rejects: [
      "https://www.ebay.com/sch/i.html?_nkw=65+inch+tv",
      "https://www.ebay.com/b/Vacuum-Cleaners/20614",
      "https://www.ebay.com/str/dysonstore",
      "https://www.ebay.com/itm/",
      "https://www.ebay.com/itm/not-a-number",
    ],
    // The whole page is one schema.org Product whose breadcrumb names come first, so the title is
    // the item heading. Protection plans (Allstate, Extend) are an add-on block by the price.
    identity: {
      title: ["h1.x-item-title__mainTitle", ".x-item-title", "#itemTitle"],
      price: [".x-price-primary", ".x-bin-price", "#prcIsum", "#mm-saleDscPrc", "#prcIsum_bidPrice"],
      offers: ['[class*="x-warranty"]', '[id*="warranty"]', '[id*="extend"]', '[class*="protection"]', '[data-testid*="protection"]'],
    },
    regions: [
      "nav.breadcrumbs", ".seo-breadcrumbs-container", "#vi-VR-brumb-lnkLst", ".x-sellercard-atf",
      ".x-about-this-item", ".ux-layout-section-evo", "#viTabs_0_is", ".x-item-condition",
      '[itemprop="offers"]', '[itemprop="brand"]',
    ],
    dataScripts: [],
  });
})();

// Walmart: item pages on walmart.com (/ip/<id>, /ip/<slug>/<id>) and walmart.ca (/en/ip/…).
// The content script runs only on the item paths: search and browse pages never see it.
// The service reads these pages with scrapers/sites/walmart.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "walmart",
    hosts: ["www.walmart.com", "www.walmart.ca"],
    matches: ["https://www.walmart.com/ip/*", "https://www.walmart.ca/en/ip/*", "https://www.walmart.ca/fr/ip/*"],
    match(u) {
      return /^\/(?:(?:en|fr)\/)?ip\/(?:[^/]+\/)?(\d{5,20})$/.exec(u.pathname)?.[1] ?? null;
    },
    accepts: [
      "https://www.walmart.com/ip/575782833",
      "https://www.walmart.com/ip/Cyberpunk-2077-PlayStation-4/786104378",
      "https://www.walmart.com/ip/LG-65-Class-4K-UHD-Smart-TV/1234567890?athbdg=L1600",
      "https://www.walmart.ca/en/ip/apple-airpods/6000201234567",
    ],
    rejects: [
      "https://www.walmart.com/search?q=tv",
      "https://www.walmart.com/browse/electronics/3944",
      "https://www.walmart.com/cp/video-games/2636",
      "https://www.walmart.com/ip/",
      "https://www.walmart.com/ip/seller-reviews/abc",
    ],
    // Older pages carry microdata (h1[itemprop=name], #price); today's Next.js page has
    // data-testid hooks. The plans ("Walmart protection plan powered by Allstate") are radio
    // rows in #add-on-services.
    identity: {
      title: ['h1[itemprop="name"]', "h1#main-title", '[data-testid="product-title"]', "main h1"],
      price: ["#price", '[data-testid="price-wrap"]', '[itemprop="price"]'],
      offers: ["#add-on-services", '[data-testid*="protection-plan"]', '[data-testid*="add-on-services"]'],
    },
    regions: [
      '[data-automation-id="breadcrumb"]', 'nav[aria-label="breadcrumb"]', '[itemprop="offers"]',
      '[itemprop="brand"]', '[itemprop="sku"]', '[data-tl-id="ProductSellerInfo-SellerName"]',
      '[data-testid="sticky-add-to-cart"]', '[data-testid="product-seller-info"]',
    ],
    dataScripts: [],
  });
})();

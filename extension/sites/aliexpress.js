// AliExpress: item pages (/item/<id>.html) on aliexpress.com, its country subdomains, .us and
// .ru. The content script runs only on /item/ paths: searches (/w/wholesale-…) never see it.
// The service reads these pages with scrapers/sites/aliexpress.py; tests/test_shops_agree.py
// keeps the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  // The language subdomains AliExpress serves item pages on (es.aliexpress.com/item/…).
  const LANGUAGES = ["ar", "de", "es", "fr", "he", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "vi"];
  const hosts = ["www.aliexpress.com", ...LANGUAGES.map((l) => `${l}.aliexpress.com`),
    "www.aliexpress.us", "aliexpress.ru", "www.aliexpress.ru"];
  (ns.siteDefinitions ??= []).push({
    id: "aliexpress",
    hosts,
    matches: hosts.map((h) => `https://${h}/item/*`),
    match(u) {
      return /^\/item\/(?:[^/]+\/)?(\d{6,20})\.html$/.exec(u.pathname)?.[1] ?? null;
    },
    accepts: [
      "https://www.aliexpress.com/item/1005004567890123.html",
      "https://fr.aliexpress.com/item/1005004567890123.html?spm=x",
      "https://www.aliexpress.us/item/3256804567890123.html",
      "https://aliexpress.ru/item/1005004567890123.html",
    ],
    rejects: [
      "https://www.aliexpress.com/w/wholesale-electric-kettle.html",
      "https://www.aliexpress.com/store/1101234567",
      "https://www.aliexpress.com/item/",
      "https://www.aliexpress.com/item/abc.html",
    ],
    // The page renders itself from window.runParams (older) or its own data; the price block's
    // CSS-module classes keep a stable prefix (price--currentPriceText--V8_y_b5).
    identity: {
      title: ['h1[data-pl="product-title"]', ".product-title-text", '[class*="title--wrap"] h1'],
      price: ['[class*="price--current"]', '[class*="price-default--current"]', ".product-price-current", ".uniform-banner-box-price"],
      offers: ['[class*="service--"]', '[class*="warranty"]', '[class*="protection"]'],
    },
    regions: [
      '[class*="price--wrap"]', '[class*="price-default--wrap"]', ".product-price",
      '[class*="sku-item--"]', '[class*="store-info"]', '[class*="specification--"]',
      '[class*="breadcrumb"]', ".product-info",
    ],
    dataScripts: [/runParams\s*=|_d_c_\.DCData\s*=|_init_data_\s*=/],
  });
})();

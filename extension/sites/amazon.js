// Amazon: /dp/ASIN and /gp/product/ASIN pages on every country storefront. The content script
// runs on whole storefronts: a search page can become a product page by history.pushState.
// The service reads these pages with scrapers/sites/amazon.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const DOMAINS = ["com", "ca", "com.mx", "com.br", "co.uk", "de", "fr", "it", "es", "nl", "se",
    "pl", "com.be", "ie", "com.tr", "ae", "sa", "eg", "in", "co.jp", "cn", "sg", "com.au"];
  const hosts = ["amazon.com", ...DOMAINS.map((d) => `www.amazon.${d}`)];
  (ns.siteDefinitions ??= []).push({
    id: "amazon",
    hosts,
    matches: hosts.map((h) => `https://${h}/*`),
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
      "https://www.amazon.ie/dp/B0CHX1K3TR",
    ],
    rejects: [
      "https://www.amazon.com/s?k=refrigerator",
      "https://www.amazon.com/b?node=3741361",
      "https://www.amazon.com/stores/page/5A0C6F3B",
      "https://www.amazon.com/gp/cart/view.html",
      "https://www.amazon.com/",
      "https://www.amazon.ca/s?k=refrigerator",
    ],
    identity: {
      title: ["#productTitle", "#title"],
      price: ["#corePriceDisplay_desktop_feature_div", "#corePrice_feature_div", "#apex_desktop",
        "#priceblock_dealprice", "#priceblock_ourprice", "#price_inside_buybox", "#price"],
      offers: ["#mbb_feature_div", "#attach-warranty-pane", "#warranty_feature_div", "#abbWrapper"],
    },
    regions: [
      "#wayfinding-breadcrumbs_feature_div", "#centerCol", "#title_feature_div",
      "#productOverview_feature_div", "#productDetails_feature_div", "#detailBullets_feature_div",
      "#prodDetails", "#bylineInfo_feature_div", "#merchant-info", "#feature-bullets",
      "#tabular-buybox", "#bylineInfo", "#sellerProfileTriggerId",
      "#productDetails_techSpec_section_1", "#productDetails_detailBullets_sections1",
      '[id^="mbb-offeringID"]', '[id*="warranty"]', '[id*="protection"]', '[id*="Protection"]',
    ],
    dataScripts: [],
  });
})();

// Any other shop, once the shopper enables it: a product page is one with schema.org Product
// data (lib/structured-data.js), not a URL, so there are no hosts, matches or sample URLs.
// Its regions, schema.org markup and breadcrumbs, are kept on every site's snapshot too: the
// service's structured-data defaults read them on every page.
// The service reads these pages with scrapers/sites/schema_org.py.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "schema_org",
    fallback: true,
    hosts: [],
    matches: [],
    match: () => null,
    accepts: [],
    rejects: [],
    identity: {
      title: ['[itemprop="name"]', "h1"],
      price: ['[itemprop="price"]'],
      offers: [],
    },
    regions: [
      '[itemscope][itemtype*="schema.org/Product"]',
      '[itemscope][itemtype*="schema.org/BreadcrumbList"]',
      'nav[aria-label*="readcrumb"]',
      ".breadcrumb",
      ".breadcrumbs",
      "#breadcrumb",
    ],
    dataScripts: [],
  });
})();

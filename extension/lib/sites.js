// The supported sites, read from their files in extension/sites/ (one file per shop: hosts, the
// URL detector and the URLs it must accept and reject, the regions the snapshot keeps, the
// inline scripts that carry the shop's own data, and where its identity is shown). This module
// answers the questions the content script, the worker and the pages ask of them.
// Classic script registering on globalThis.Yanbao, like the site files: the content script
// needs no web_accessible_resources. It reads the site files when asked, so load order between
// it and them does not matter.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const parse = (url) => {
    try {
      return url instanceof URL ? url : new URL(url);
    } catch {
      return null;
    }
  };

  /** Every site file's definition, in load order. */
  const all = () => ns.siteDefinitions ?? [];
  /** The sites found by URL (every file but the schema.org fallback). */
  const byUrl = () => all().filter((s) => !s.fallback);
  const fallback = () => all().find((s) => s.fallback);
  const byId = (id) => all().find((s) => s.id === id);

  /** The supported site and item id of a product URL, or null for every other URL. */
  function detect(url) {
    const u = parse(url);
    if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) return null;
    for (const site of byUrl()) {
      if (!site.hosts.includes(u.hostname)) continue;
      const itemId = site.match(u);
      if (itemId) return { site: site.id, itemId };
    }
    return null;
  }

  const isSupportedHost = (url) => {
    const u = parse(url);
    return Boolean(u && byUrl().some((s) => s.hosts.includes(u.hostname)));
  };

  /** The site whose pages this site's pages are (Tmall's are Taobao's), else itself. */
  const pagesOf = (site) => (site?.samePagesAs ? byId(site.samePagesAs) : site);

  /** Where the product's identity is shown: {title, price, offers} selector lists. */
  const identity = (id) => pagesOf(byId(id) ?? fallback()).identity;

  /**
   * What the snapshot keeps for a site: its regions, every element its identity is read from
   * (so a re-render there is seen and sent), and the fallback's schema.org and breadcrumb
   * regions, which the service reads on every site. dataScripts: patterns of the inline
   * scripts that carry the site's own product data.
   */
  function snapshotRules(id) {
    const site = pagesOf(byId(id) ?? fallback());
    const { title, price, offers } = site.identity;
    const common = fallback()?.regions ?? [];
    const regions = [...new Set([...common, ...title, ...price, ...offers, ...site.regions])];
    return { regions, dataScripts: site.dataScripts };
  }

  /** A query parameter that is an item id: digits only, `min` to 20 of them (site files use it). */
  const digitsParam = (u, name, min = 5) => {
    const value = u.searchParams.get(name);
    return value && new RegExp(`^\\d{${min},20}$`).test(value) ? value : null;
  };

  ns.sites = {
    digitsParam,
    detect,
    isSupportedHost,
    identity,
    snapshotRules,
    /** Sites found by URL, each with hosts, match, accepts and rejects. */
    get SITES() {
      return byUrl();
    },
    /** The site of a shop the shopper enabled by hand, found by its schema.org data. */
    get fallback() {
      return fallback();
    },
    /** Every site id the service may answer with, the fallback's included. */
    get ids() {
      return all().map((s) => s.id);
    },
  };
})();

// When to look at a product page again: shops switch variants and SKUs without a reload
// (Amazon moves to another /dp/ASIN with history.pushState; Taobao, Tmall and JD re-render the
// price and the service options). The content script watches cheaply and asks here whether the
// product really changed: a short fingerprint of the product's identity (the item id from the
// URL detector, title, price and the offers' text), read from a few small elements, never from
// the whole page and never by trimming it.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  // Where each site shows what identifies the product on sale is its file's `identity` (sites/):
  // the first match of `title` and `price` counts; every match of `offers` does.
  const LIMITS = { title: 300, price: 120, offers: 2000 };

  const squash = (text, max) => (text ?? "").replace(/\s+/g, " ").trim().slice(0, max);

  function firstText(doc, selectors, max) {
    for (const selector of selectors) {
      const el = doc.querySelector(selector);
      if (el) return squash(el.textContent, max);
    }
    return "";
  }

  /** The item a URL names: the site's item id, or for a shop found by schema.org its path. */
  function itemOf(url, page) {
    if (page.itemId) return String(page.itemId);
    try {
      const u = new URL(url);
      return `${u.origin}${u.pathname}`;
    } catch {
      return String(url);
    }
  }

  /**
   * What identifies the product shown: {site, item, title, price, offers}, each short text.
   * page: the URL detector's answer ({site, itemId}); reads a handful of elements, no more.
   */
  function identityOf(doc, { url, page }) {
    const rules = ns.sites.identity(page.site);
    const offers = [];
    for (const selector of rules.offers) {
      const el = doc.querySelector(selector);
      if (el) offers.push(el.textContent);
    }
    return {
      site: page.site,
      item: itemOf(url, page),
      title: firstText(doc, rules.title, LIMITS.title) || squash(doc.title, LIMITS.title),
      price: firstText(doc, rules.price, LIMITS.price),
      offers: squash(offers.join(" "), LIMITS.offers),
    };
  }

  const SEP = "\u0001";
  /** One string per product identity: equal strings, same product, same price, same offers. */
  const fingerprint = (identity) =>
    ["site", "item", "title", "price", "offers"].map((key) => String(identity?.[key] ?? "")).join(SEP);

  /** Whether two fingerprints name the same item (site and item id), whatever their text. */
  const sameItem = (a, b) => a != null && b != null && a.split(SEP, 2).join(SEP) === b.split(SEP, 2).join(SEP);

  // Sends for one item whose text keeps changing (a SKU picked, a plan re-priced) before the
  // rest of its changes are taken as noise, such as a deal's countdown inside the price block.
  const SAME_ITEM_LIMIT = 6;

  /**
   * What to do now: "remove" (not a product page: no panel, nothing sent), "detect" (another
   * product than the one last sent, or the same item with other title, price or offers) or
   * "keep". page: the URL detector's answer or null; sent: what record() kept, or null.
   */
  function decide({ page, fingerprint: current, sent, limit = SAME_ITEM_LIMIT }) {
    if (!page) return "remove";
    if (!sent) return "detect";
    if (current === sent.fingerprint) return "keep";
    return sameItem(current, sent.fingerprint) && sent.repeats >= limit ? "keep" : "detect";
  }

  /** What to remember of a send: its fingerprint and how often this item was sent again. */
  const record = (sent, current) => ({
    fingerprint: current,
    repeats: sent && sameItem(current, sent.fingerprint) ? sent.repeats + 1 : 0,
  });

  /**
   * Runs fn once, `wait` ms after the last of a burst of schedule() calls. Cheap to call on
   * every mutation: it only moves a timer.
   */
  function debounce(fn, wait, timers = globalThis) {
    let timer = null;
    const cancel = () => {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    };
    const schedule = () => {
      cancel();
      timer = timers.setTimeout(() => {
        timer = null;
        fn();
      }, wait);
    };
    return { schedule, cancel, pending: () => timer !== null };
  }

  /**
   * The URL a snapshot is about. The browser's word for the frame (the message sender's URL)
   * stays the URL the document loaded with, while history.pushState moves the page to another
   * path of the same origin. So the page's claim counts when it keeps the frame's origin, and
   * never when it names another origin.
   */
  function pageUrl(claimed, frameUrl) {
    if (!frameUrl) return claimed;
    try {
      const origin = new URL(frameUrl).origin;
      return origin !== "null" && new URL(claimed).origin === origin ? claimed : frameUrl;
    } catch {
      return frameUrl;
    }
  }

  ns.redetect = { SAME_ITEM_LIMIT, identityOf, fingerprint, sameItem, decide, record, debounce, pageUrl };
})();

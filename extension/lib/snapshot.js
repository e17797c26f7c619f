// The trimmed snapshot the content script sends: the product's own region, breadcrumbs, price,
// SKU and service blocks, JSON-LD and the site's known product data, rebuilt as a small HTML
// document. Never other scripts, forms' inputs, header or account areas; capped in size.
// Site quirks are data (each site's file in sites/, read through lib/sites.js); the walk is one
// function that only reads the DOM.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  // Buttons stay: plan widgets (Extend, the shops' own add-on rows) render each offer as one.
  const DROP_TAGS = new Set([
    "script", "style", "noscript", "iframe", "frame", "object", "embed", "svg", "canvas",
    "video", "audio", "template", "input", "textarea", "select", "header", "link",
    "img", "picture", "source",
  ]);
  // Header, account and sign-in areas, by id or class word.
  const CHROME_PATTERN =
    /(^|[\s_-])(header|account|login|signin|sign-in|user-?info|nav-?belt|navbar|site-?nav|shortcut|topbar|J_SiteNav)($|[\s_-])/i;
  const KEEP_ATTRS = new Set([
    "id", "class", "itemprop", "itemscope", "itemtype", "itemid", "content", "datetime", "lang",
    "title", "aria-label", "role", "href", "rel", "name", "property", "data-sku", "data-sku-id",
    "data-price", "data-id", "data-value", "data-provider", "data-component",
  ]);
  const TRACKING_PARAM = /^(spm|scm|ref|ref_|pd_rd_\w+|pf_rd_\w+|qid|sr|utm_\w+|tag|psc|smid|trackid|from)$/i;
  const MAX_ATTR = 300;
  const MAX_SCRIPT = 150_000;
  const DEFAULT_MAX_BYTES = 400_000;

  const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

  /** An href with tracking parameters removed; anything but http(s) or relative links dropped. */
  function cleanHref(href) {
    if (/^\s*(javascript|data|vbscript):/i.test(href)) return null;
    const [base, query = ""] = href.split("#")[0].split("?");
    const kept = query.split("&").filter((p) => p && !TRACKING_PARAM.test(p.split("=")[0]));
    return kept.length ? `${base}?${kept.join("&")}` : base;
  }

  function keepAttribute(name, value) {
    if (!KEEP_ATTRS.has(name)) return null;
    const v = name === "href" ? cleanHref(value) : value;
    return v == null ? null : v.slice(0, MAX_ATTR);
  }

  const isChrome = (el) => {
    const id = el.getAttribute("id");
    const cls = el.getAttribute("class");
    if (!id && !cls) return el.getAttribute("role") === "banner";
    return el.getAttribute("role") === "banner" || CHROME_PATTERN.test(`${id ?? ""} ${cls ?? ""}`);
  };

  /**
   * HTML for an element with only kept tags and attributes, appended to out until the budget
   * runs out. Walks siblings by reference and reads attributes by name: on a 2 MB page this is
   * the content script's hot loop, and NodeList and Attr wrappers cost more than the work.
   */
  function serialize(node, out) {
    if (out.size >= out.limit) {
      out.truncated = true;
      return;
    }
    if (node.nodeType === 3) {
      const text = node.nodeValue;
      if (text.trim()) out.push(escapeText(text.length > 2000 ? text.slice(0, 2000) : text));
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.localName;
    if (DROP_TAGS.has(tag) || isChrome(node)) return;
    const name = tag === "form" ? "div" : tag; // forms unwrap: text stays, inputs go
    let attrs = "";
    for (const an of node.getAttributeNames()) {
      const lower = an.toLowerCase();
      if (!KEEP_ATTRS.has(lower)) continue;
      const kept = keepAttribute(lower, node.getAttribute(an));
      if (kept != null) attrs += ` ${lower}="${escapeAttr(kept)}"`;
    }
    out.push(`<${name}${attrs}>`);
    for (let child = node.firstChild; child; child = child.nextSibling) serialize(child, out);
    out.push(`</${name}>`);
  }

  /** Collects HTML pieces and counts their length against a limit. */
  class Budget {
    constructor(limit) {
      this.parts = [];
      this.size = 0;
      this.limit = limit;
      this.truncated = false;
    }

    push(piece) {
      this.parts.push(piece);
      this.size += piece.length;
    }

    /** Adds a whole piece only if it fits: a half script is worse than none. */
    pushWhole(piece) {
      if (this.size + piece.length > this.limit) this.truncated = true;
      else this.push(piece);
    }

    join() {
      return this.parts.join("");
    }
  }

  // Node.DOCUMENT_POSITION_FOLLOWING: b comes after a.
  const FOLLOWING = 4;
  const documentOrder = (a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1);

  /**
   * Elements matching any selector, in document order, without those inside another match.
   * One query per selector on purpose: browsers answer a lone #id or .class from an index,
   * while one comma-joined list walks every element of a 2 MB page.
   */
  function pickRegions(doc, selectors) {
    const found = new Set();
    for (const selector of selectors) {
      for (const el of doc.querySelectorAll(selector)) found.add(el);
    }
    const picked = [];
    for (const el of [...found].sort(documentOrder)) {
      const last = picked[picked.length - 1];
      if (!last || !last.contains(el)) picked.push(el);
    }
    return picked;
  }

  const scriptBlock = (type, text) =>
    `<script type="${type}">${text.slice(0, MAX_SCRIPT).replace(/<\/script/gi, "<\\/script")}</script>`;

  function headFor(doc) {
    const parts = [`<title>${escapeText((doc.title ?? "").slice(0, 500))}</title>`];
    for (const el of (doc.head ?? doc).querySelectorAll(
      'link[rel="canonical"], meta[property^="og:"], meta[property^="product:"], meta[name="description"], meta[name="keywords"], meta[itemprop]',
    )) {
      const tag = el.tagName.toLowerCase();
      let attrs = "";
      for (const key of ["rel", "href", "property", "name", "itemprop", "content"]) {
        const value = el.getAttribute(key);
        const kept = value == null ? null : keepAttribute(key, value);
        if (kept != null) attrs += ` ${key}="${escapeAttr(kept)}"`;
      }
      parts.push(`<${tag}${attrs}>`);
    }
    return parts.join("");
  }

  /**
   * The snapshot of a product page: {url, html, lang, bytes, truncated}.
   * site: a site id ("schema_org" for a shop the shopper enabled).
   */
  function buildSnapshot(doc, { url, site, maxBytes = DEFAULT_MAX_BYTES }) {
    const rules = ns.sites.snapshotRules(site);
    const out = new Budget(maxBytes);
    // Structured data first: it is the most useful per byte and survives a tight cap. One pass
    // over the scripts serves both JSON-LD and the site's own data blocks.
    const data = [];
    for (const script of doc.querySelectorAll("script")) {
      const type = (script.getAttribute("type") ?? "").toLowerCase();
      if (type === "application/ld+json") {
        out.pushWhole(scriptBlock("application/ld+json", script.textContent));
      } else if (rules.dataScripts.length && !script.getAttribute("src") && (!type || type.includes("javascript"))) {
        const text = script.textContent;
        const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
        if (rules.dataScripts.some((re) => re.test(head))) data.push(text);
      }
    }
    for (const text of data) out.pushWhole(scriptBlock("text/javascript", text));
    for (const el of pickRegions(doc, rules.regions)) serialize(el, out);
    const lang = doc.documentElement?.getAttribute("lang") ?? "";
    const html =
      `<!doctype html><html lang="${escapeAttr(lang)}"><head><meta charset="utf-8">` +
      `${headFor(doc)}</head><body>${out.join("")}</body></html>`;
    const capped = html.length > maxBytes + 10_000 ? html.slice(0, maxBytes + 10_000) : html;
    return { url, html: capped, lang, bytes: capped.length, truncated: out.truncated };
  }

  ns.snapshot = { buildSnapshot, serialize, pickRegions, cleanHref, keepAttribute, Budget, DEFAULT_MAX_BYTES };
})();

// Entry point on a page. Decides from the URL (or, on a shop the shopper enabled, the page's
// schema.org data) whether this is a product page; on any other page it stops here and sends
// nothing. Otherwise it trims the page, hands the snapshot to the worker and shows the answer.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  if (ns.started) return; // injected twice (manifest + a registered shop script): run once
  ns.started = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const send = (type, payload) =>
    api.runtime.sendMessage({ type, payload }).catch((error) => ({ ok: false, error: { status: 0, detail: String(error) } }));

  function classify(url) {
    const hit = ns.sites.detect(url);
    if (hit) return hit;
    if (ns.sites.isSupportedHost(url)) return null; // a search, list or shop page of a known site
    return ns.structuredData.hasProductData(document) ? { site: "generic", itemId: null } : null;
  }

  async function run() {
    const url = location.href;
    const page = classify(url);
    if (!page) return;
    const init = await send("panel.init", { url });
    if (!init.ok || !init.data.enabled) return;
    const { lang, messages, panel: prefs } = init.data;
    const t = ns.i18n.translator(messages);

    performance.mark("yanbao:trim-start");
    const snapshot = ns.snapshot.buildSnapshot(document, { url, site: page.site });
    performance.measure("yanbao:trim", "yanbao:trim-start");

    performance.mark("yanbao:snapshot-sent");
    const answer = await send("page.detect", {
      url, site: page.site, html: snapshot.html, lang: snapshot.lang, truncated: snapshot.truncated,
    });
    const panel = ns.panel.create({ t, lang, prefs, send, host: location.hostname });
    if (!answer.ok) {
      // Only a known product page gets this note; a generic shop page stays untouched.
      if (page.site !== "generic") panel.showError(t(answer.error?.status === 0 ? "panelUnreachable" : "panelServiceError"));
      return;
    }
    if (answer.data.state !== "product") return;
    const historyEl = panel.show(answer.data);
    performance.measure("yanbao:panel-visible", "yanbao:snapshot-sent");

    const itemId = answer.data.product?.item_id ?? page.itemId;
    if (itemId && answer.data.site) {
      const history = await send("page.history", { site: answer.data.site, itemId: String(itemId) });
      if (history.ok) panel.showHistory(historyEl, history.data);
    }
  }

  run();
})();

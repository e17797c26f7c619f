// Entry point on a page. Decides from the URL (or, on a shop the shopper enabled, the page's
// schema.org data) whether this is a product page; on any other page it sends nothing and shows
// nothing. Otherwise it trims the page, hands the snapshot to the worker and shows the answer.
// Shops change the product without a reload (a variant's pushState to another item URL, a SKU
// that re-renders price and service options), so it then watches cheaply: the URL, polled while
// the tab is visible and on popstate/hashchange, and the product regions the snapshot reads,
// with a debounced observer. It sends again only when the product's fingerprint changed.
// Each pass ends with a performance mark naming what it decided (DECIDED + outcome): marks are
// shared with the page's own world, so tests and benchmarks wait on them instead of sleeping.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  if (ns.started) return; // injected twice (manifest + a registered shop script): run once
  ns.started = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const send = (type, payload) =>
    api.runtime.sendMessage({ type, payload }).catch((error) => ({ ok: false, error: { status: 0, detail: String(error) } }));
  const { redetect } = ns;

  const POLL_MS = 1000; // how often a visible tab's URL is compared with the last one seen
  const SETTLE_MS = 600; // quiet time after a change before the product is read again
  // A pass's outcomes: "panel" (shown), "keep" (nothing changed, nothing sent), "none" (no
  // product page: nothing shown, nothing sent), "off" (turned off on this site), "not-product"
  // (the service says no), "error" (the service failed), "moved" (another item while asking).
  const DECIDED = "yanbao:decided:";

  function classify(url) {
    const hit = ns.sites.detect(url);
    if (hit) return hit;
    if (ns.sites.isSupportedHost(url)) return null; // a search, list or shop page of a known site
    return ns.structuredData.hasProductData(document) ? { site: ns.sites.fallback.id, itemId: null } : null;
  }

  let panel = null; // the panel while one is on the page; kept (collapsed, moved) across products
  let sent = null; // what was last sent: its fingerprint, and how often that item was resent
  let stopped = false; // the panel is off on this site: no more watching
  let running = false;
  let again = false;
  let lastUrl = location.href; // the URL last seen, by a URL check or by a pass reading the page

  function removePanel() {
    panel?.element.remove();
    panel = null;
  }

  /** Observes the product regions the snapshot reads (not the whole page) for re-renders. */
  const regions = (() => {
    let observer = null;
    let observed = [];
    let site = null;
    const attach = () => {
      observer?.disconnect();
      observed = site ? ns.snapshot.pickRegions(document, ns.sites.snapshotRules(site).regions) : [];
      if (!observed.length) return;
      observer ??= new MutationObserver(() => settle.schedule());
      for (const el of observed) observer.observe(el, { childList: true, subtree: true, characterData: true });
    };
    return {
      watch(nextSite) {
        site = nextSite;
        attach();
      },
      /** A region the page replaced wholesale is observed again in its new form. */
      refresh() {
        if (site && observed.some((el) => !el.isConnected)) attach();
      },
      stop() {
        observer?.disconnect();
        observed = [];
        site = null;
      },
    };
  })();

  /** The page as it is now: its URL, what the URL detector says, the product's fingerprint. */
  function current() {
    const url = location.href;
    lastUrl = url; // read now: a poll that sees it later has nothing new to report
    const page = classify(url);
    return { url, page, fingerprint: page ? redetect.fingerprint(redetect.identityOf(document, { url, page })) : null };
  }

  /** One look at the page; answers the outcome (see DECIDED). */
  async function detect() {
    const { url, page, fingerprint } = current();
    const action = redetect.decide({ page, fingerprint, sent });
    if (action === "keep") return "keep";
    if (action === "remove") {
      const shown = sent !== null;
      sent = null;
      removePanel();
      regions.stop();
      // Tell the worker (not the service) that the product it knows for this tab is gone.
      if (shown) await send("page.left", { url });
      return "none";
    }
    const init = await send("panel.init", { url });
    if (!init.ok) return "error";
    if (!init.data.enabled) {
      stop();
      return "off";
    }
    sent = redetect.record(sent, fingerprint);
    const { lang, messages, panel: prefs } = init.data;
    const t = ns.i18n.translator(messages);

    performance.mark("yanbao:trim-start");
    const snapshot = ns.snapshot.buildSnapshot(document, { url, site: page.site });
    performance.measure("yanbao:trim", "yanbao:trim-start");

    performance.mark("yanbao:snapshot-sent");
    const asked = send("page.detect", {
      url, site: page.site, html: snapshot.html, lang: snapshot.lang, truncated: snapshot.truncated,
    });
    regions.watch(page.site); // while the worker asks the service
    const answer = await asked;
    if (stopped) return "off";
    const now = current().fingerprint;
    if (now !== fingerprint) {
      again = true; // the page changed while this was asked about: one more pass, after this one
      if (!redetect.sameItem(now, fingerprint)) return "moved"; // do not show the item it left
    }
    panel ??= ns.panel.create({ t, lang, prefs, send, host: location.hostname });
    if (!answer.ok) {
      // Only a known product page gets this note; a shop found by schema.org stays untouched.
      if (page.site !== ns.sites.fallback.id) panel.showError(t(answer.error?.status === 0 ? "panelUnreachable" : "panelServiceError"));
      else removePanel();
      return "error";
    }
    if (answer.data.state !== "product") {
      removePanel();
      return answer.data.state === "off" ? "off" : "not-product";
    }
    const historyEl = panel.show(answer.data);
    performance.measure("yanbao:panel-visible", "yanbao:snapshot-sent");

    const itemId = answer.data.product?.item_id ?? page.itemId;
    if (itemId && answer.data.site) {
      const history = await send("page.history", { site: answer.data.site, itemId: String(itemId) });
      if (history.ok) panel?.showHistory(historyEl, history.data);
    }
    return "panel";
  }

  /** One pass at a time; a change during a pass makes one more pass after it. */
  async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        performance.mark(DECIDED + (await detect()));
      } while (again && !stopped);
    } finally {
      running = false;
    }
  }

  let hiddenChange = false;
  const settle = redetect.debounce(() => {
    if (stopped) return;
    if (document.visibilityState !== "visible") hiddenChange = true; // read it when shown again
    else run();
  }, SETTLE_MS);

  function checkUrl() {
    if (stopped) return;
    if (location.href !== lastUrl) {
      lastUrl = location.href;
      settle.schedule();
    }
    regions.refresh();
  }

  let poll = null;
  function syncPolling() {
    const visible = document.visibilityState === "visible" && !stopped;
    if (visible && poll === null) {
      poll = setInterval(checkUrl, POLL_MS);
      checkUrl();
      if (hiddenChange) {
        hiddenChange = false;
        settle.schedule();
      }
    } else if (!visible && poll !== null) {
      clearInterval(poll);
      poll = null;
    }
  }

  function stop() {
    stopped = true;
    removePanel();
    regions.stop();
    settle.cancel();
    syncPolling();
    document.removeEventListener("visibilitychange", syncPolling);
    removeEventListener("popstate", checkUrl);
    removeEventListener("hashchange", checkUrl);
  }

  document.addEventListener("visibilitychange", syncPolling);
  addEventListener("popstate", checkUrl);
  addEventListener("hashchange", checkUrl);
  run();
  syncPolling();
})();

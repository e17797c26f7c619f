// The panel frame: a closed shadow root fixed in a corner, with collapse, move (next corner) and
// "off on this site". It only ever adds its own host element; the page itself is left untouched.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const { el, svg, clear } = ns.dom;
  const { format } = ns;
  const CORNERS = ["bottom-right", "bottom-left", "top-left", "top-right"];

  function sheetFor(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(ns.panelStyle);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el("style", {}, ns.panelStyle)); // older engines without constructable sheets
    }
  }

  function create({ t, lang, prefs, send, host }) {
    const hostEl = document.createElement("yanbao-panel");
    const root = hostEl.attachShadow({ mode: "closed" });
    sheetFor(root);
    // Keys typed in the panel must not reach the page's own shortcuts.
    for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());

    let corner = CORNERS.includes(prefs.corner) ? prefs.corner : CORNERS[0];
    const body = el("div", { className: "body" });
    const best = el("span", { className: "best" });
    const frame = el("section", { className: `panel ${corner}`, role: "complementary", "aria-label": t("extName") });
    frame.classList.toggle("collapsed", Boolean(prefs.collapsed));

    const collapse = el("button", {
      type: "button",
      title: t("panelCollapse"),
      onclick() {
        const collapsed = frame.classList.toggle("collapsed");
        collapse.textContent = collapsed ? "▸" : "▾";
        send("panel.prefs", { collapsed });
      },
    }, prefs.collapsed ? "▸" : "▾");
    const move = el("button", {
      type: "button",
      title: t("panelMove"),
      onclick() {
        frame.classList.remove(corner);
        corner = CORNERS[(CORNERS.indexOf(corner) + 1) % CORNERS.length];
        frame.classList.add(corner);
        send("panel.prefs", { corner });
      },
    }, "⇆");
    const off = el("button", {
      type: "button",
      title: t("panelOffSiteHint"),
      onclick() {
        send("panel.prefs", { disableHost: host });
        hostEl.remove();
      },
    }, "✕");
    frame.append(el("div", { className: "bar" }, el("span", { className: "brand" }, t("extName")), best, collapse, move, off), body);
    root.append(frame);

    function show(result) {
      const plans = result.comparison?.plans ?? [];
      // The bar's chip is the verdict on the plan this page sells, never on an alternative.
      const head = ns.comparison.headlineOf(result);
      clear(best, head ? ns.panelOffers.verdictChip(head, t) : "");
      const product = result.product ?? {};
      const actions = el("div", { className: "actions" });
      const history = el("div", { className: "history" });
      // Where nothing could be compared the panel says why, in the shopper's words, and still
      // lists what the page sells.
      const why = ns.comparison.whyNoComparison(result);
      const unweighed = ns.comparison.unweighedOffers(result);
      const whyText = why && (why.messageKey ? t(why.messageKey, ...(why.args ?? [])) : why.detail);
      clear(body,
        el("p", { className: "product" }, product.title ?? "", " ",
          el("span", { className: "muted" }, format.money(product.price, product.currency, lang))),
        ns.panelOffers.headline(result, t, lang),
        whyText && el("p", { className: "reason muted", dataset: { reason: why.reason } }, whyText),
        ns.panelOffers.coverLines(result.comparison, t, lang, send),
        why?.reason === "not-eligible" ? null : ns.panelOffers.comparison(result, { unweighed, reason: why, send }, t, lang),
        history,
        actions,
      );
      const openBuy = ns.panelBuy.buyButton({ result, plans, t, lang, send, after: actions });
      actions.append(openBuy, el("button", { type: "button", onclick: () => off.click() }, t("panelOffSite")));
      if (!hostEl.isConnected) document.documentElement.append(hostEl);
      return history;
    }

    function showHistory(historyEl, data) {
      const series = (data?.series ?? []).filter((s) => (s.points ?? []).length > 1);
      if (!series.length) return;
      const s = series[0];
      const points = ns.sparkline.sparklinePoints(s.points, 120, 28);
      historyEl.append(
        svg("svg", { width: 120, height: 28, viewBox: "0 0 120 28", role: "img", "aria-label": t("historyLabel") },
          svg("polyline", { points })),
        el("span", { className: "muted" },
          t("historyRange", s.offer ?? "", format.money(s.lowest, s.currency, lang), format.money(s.highest, s.currency, lang))),
      );
    }

    function showError(message) {
      clear(body, el("p", { className: "error" }, message));
      if (!hostEl.isConnected) document.documentElement.append(hostEl);
    }

    return { show, showHistory, showError, element: hostEl };
  }

  ns.panel = { create };
})();

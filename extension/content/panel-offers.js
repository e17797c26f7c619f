// The comparison table: one row per plan with its price and where that price comes from (the
// page, the provider's published list with a link and the day it was read, or an estimate shown
// only as a marked range), months really added, cost per month and verdict; "why" opens the
// arithmetic under the row. Offers the page sells that nothing weighed get a plain table of their
// own. The alternatives' heading says "better options" only when the service says one is.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const { el } = ns.dom;
  const { format, comparison: cmp } = ns;

  function verdictChip(plan, t) {
    const key = format.VERDICT_KEYS[plan.verdict];
    return el("span", { className: `chip ${plan.verdict ?? ""}` }, key ? t(key) : (plan.verdict ?? "—"));
  }

  /** A link to a provider's page: a new tab, no referrer, no hold on this page. */
  const outLink = (href, text, className = "source") =>
    el("a", { className, href, target: "_blank", rel: "noopener noreferrer" }, text);

  /** The price cell: what the price is and where it comes from. An estimate has no price. */
  function priceCell(plan, t, lang) {
    const basis = cmp.priceBasis(plan, lang);
    if (basis.basis === "estimate") {
      const based = basis.n == null ? null
        : basis.n === 1 ? t("basedOnOnePrice") : t("basedOnPrices", String(basis.n));
      return el("td", { className: "num price estimate", title: [based, basis.method].filter(Boolean).join(" · ") },
        el("span", { className: "basis-mark" }, t("basisEstimate")), " ",
        el("span", { className: "range" }, basis.approx ? `≈${format.money(basis.approx, plan.currency, lang)}` : format.moneyRange(basis.low, basis.high, plan.currency, lang)),
        based && el("div", { className: "muted basis-note" }, based));
    }
    if (basis.basis === "published") {
      // How old the price is: the date its source shows when it shows one (a 2020 price list
      // reads "list dated Feb 2020"), else the day it was read.
      const read = basis.publishedOn ? t("publishedOn", format.date(basis.publishedOn, lang))
        : basis.readOn ? t("readOn", format.date(basis.readOn, lang)) : null;
      return el("td", { className: "num price published" },
        format.money(plan.price, plan.currency, lang),
        el("div", { className: "muted basis-note" },
          basis.source ? outLink(basis.source, t("basisPublished")) : t("basisPublished"),
          read && ` · ${read}`));
    }
    return el("td", { className: "num price" }, format.money(plan.price, plan.currency, lang));
  }

  function perMonthCell(plan, t, lang) {
    if (cmp.isEstimate(plan)) {
      const range = format.perMonthRange(plan);
      return el("td", { className: "num" }, range ? t("perMonth", format.moneyRange(range.low, range.high, plan.currency, lang)) : "—");
    }
    return el("td", { className: "num" }, plan.cost_per_added_month == null ? "—" : t("perMonth", format.money(plan.cost_per_added_month, plan.currency, lang)));
  }

  /** Above 100% (or with nothing left to repair) no chance pays the plan back: say so. */
  function breakEven(plan, t, lang) {
    const chance = format.percent(plan.failure_probability, lang);
    const even = plan.break_even_probability;
    return even != null && even <= 1
      ? t("whyBreakEven", format.percent(even, lang), chance)
      : t("whyNoBreakEven", chance);
  }

  function whyRows(plan, t, lang) {
    const explanation = cmp.localText(plan.explanation, lang);
    const source = cmp.webAddress(plan.source);
    const estimate = cmp.priceBasis(plan, lang);
    const range = format.moneyRange(estimate.low, estimate.high, plan.currency, lang);
    return [
      explanation && el("p", {}, explanation),
      estimate.basis === "estimate" && el("p", {}, estimate.n === 1
        ? t("whyEstimateOnePrice", range, estimate.method ?? "—")
        : t("whyEstimate", range, String(estimate.n ?? "—"), estimate.method ?? "—")),
      el("p", {}, breakEven(plan, t, lang)),
      el("p", {}, t("whyExpectedRepair", format.money(plan.expected_repair_cost, plan.currency, lang), format.money(plan.expected_value, plan.currency, lang))),
      plan.premium_share != null && el("p", {}, t("whyPremiumShare", format.percent(plan.premium_share, lang))),
      plan.buy_until && el("p", {}, t("whyBuyUntil", format.date(plan.buy_until, lang))),
      source && plan.origin !== "offer" && el("p", { className: "muted" }, t("whySourceLabel"), " ", outLink(source, source)),
      (plan.evidence ?? []).length ? el("p", { className: "muted evidence" }, t("whyEvidence", plan.evidence.join("; "))) : null,
    ];
  }

  const nameCell = (plan, t, lang) => {
    const where = cmp.localText(plan.where_to_buy, lang);
    return [
      plan.name ?? "—",
      plan.provider && plan.provider !== plan.name ? el("div", { className: "muted" }, plan.provider) : null,
      // Loss and theft are not in the verdict's sum: the shopper sees why this plan costs more.
      plan.covers_theft === true ? el("div", { className: "muted covers-theft" }, t("coversTheft")) : null,
      where ? el("div", { className: "muted where-to-buy" }, where) : null,
    ];
  };

  function planRows(plan, t, lang) {
    let why = null; // built on the first click: most shoppers never open it
    const toggle = el("button", {
      className: "link",
      type: "button",
      onclick: () => {
        why ??= el("tr", { className: "why", hidden: true }, el("td", { colSpan: 5 }, whyRows(plan, t, lang)));
        if (!why.isConnected) row.after(why);
        why.hidden = !why.hidden;
        toggle.textContent = why.hidden ? t("panelWhy") : t("panelHideWhy");
      },
    }, t("panelWhy"));
    const row = el(
      "tr",
      { className: "plan", dataset: { origin: plan.origin ?? "", basis: cmp.priceBasis(plan).basis } },
      el("td", {}, nameCell(plan, t, lang)),
      priceCell(plan, t, lang),
      el("td", { className: "num" }, plan.added_months == null ? "—" : t("monthsAdded", String(plan.added_months))),
      perMonthCell(plan, t, lang),
      el("td", {}, verdictChip(plan, t), " ", toggle),
    );
    return row;
  }

  function planTable(plans, t, lang) {
    const head = el("tr", {}, ["colPlan", "colPrice", "colAdded", "colPerMonth", "colVerdict"].map((k) => el("th", {}, t(k))));
    const cols = el("colgroup", {}, ["c-plan", "c-price", "c-added", "c-month", "c-verdict"].map((c) => el("col", { className: c })));
    return el("table", {}, cols, el("thead", {}, head), el("tbody", {}, plans.map((p) => planRows(p, t, lang))));
  }

  /** The page's offers as it sells them, unweighed: name, price and term. */
  function offerTable(offers, t, lang) {
    const head = el("tr", {}, ["colPlan", "colPrice", "colTerm"].map((k) => el("th", {}, t(k))));
    const rows = offers.map((offer) => el("tr", { className: "plan unweighed", dataset: { origin: "offer", basis: "page" } },
      el("td", {}, nameCell(offer, t, lang)),
      el("td", { className: "num price" }, format.money(offer.price, offer.currency, lang)),
      el("td", { className: "num" }, offer.term_months == null ? "—" : t("termMonths", String(offer.term_months)))));
    return el("table", {}, el("thead", {}, head), el("tbody", {}, rows));
  }

  /** The verdict on the plan this page sells (or that it sells none), never on an alternative. */
  function headline(result, t, lang) {
    const head = cmp.headlineOf(result);
    if (!head) return null;
    const fallback = head.verdict === "none_sold"
      ? t("panelHeadlineNoneSold")
      : t("panelHeadlinePlan", head.plan ?? "—");
    return el("p", { className: "headline", dataset: { verdict: head.verdict } },
      head.verdict === "none_sold" ? null : [verdictChip(head, t), " "], cmp.localText(head.text, lang) ?? fallback);
  }

  /** What the law already gives, the shopper's card, each one line. */
  function coverLines(comparison, t, lang, send) {
    const law = comparison?.statutory;
    const card = comparison?.card_benefit;
    const lawSource = cmp.webAddress(law?.source);
    const lawName = cmp.localText(law?.names, lang) ?? law?.name ?? "—";
    return [
      law && el("p", { className: "statutory" },
        law.main_parts_months
          ? t("panelStatutoryParts", lawName, String(law.whole_unit_months ?? "—"), String(law.main_parts_months))
          : t("panelStatutory", lawName, String(law.whole_unit_months ?? "—")),
        lawSource && [" ", outLink(lawSource, t("basisSource"))]),
      card && el("p", { className: "card-benefit" },
        cmp.localText(card.text, lang) ?? t("panelCardBenefit", String(card.months ?? "—")), " ",
        el("button", { type: "button", className: "link card-setting", onclick: () => send("panel.open", { page: "card" }) }, t("panelCardSetting"))),
    ];
  }

  /** Each market plan the service could not compare, with why (a few; the rest counted); its
   * name links to the plan's page when there is one. */
  function excludedList(excluded, kind, shown = 5) {
    if (!excluded.length) return null;
    return el("ul", { className: "excluded muted", dataset: { kind } },
      excluded.slice(0, shown).map((e) => el("li", {},
        el("strong", {}, e.source ? outLink(e.source, e.name, "source plan-page") : e.name),
        e.reason ? ` — ${e.reason}` : "")),
      excluded.length > shown ? el("li", {}, `+${excluded.length - shown}`) : null);
  }

  /** The plans left out in two groups: first those sold without a price we found (the shopper
   * can ask their providers), then those that do not fit this purchase. */
  function leftOut(result, t, lang) {
    const all = cmp.excludedAlternatives(result, lang);
    const ask = all.filter((e) => e.ask);
    const other = all.filter((e) => !e.ask);
    return [
      ask.length ? [el("p", { className: "muted excluded-heading" }, t("panelAskForPrice")), excludedList(ask, "ask")] : null,
      other.length ? [el("p", { className: "muted excluded-heading" }, t("panelNotCompared")), excludedList(other, "other")] : null,
    ];
  }

  /**
   * The page's offers (weighed ones in the comparison table, the rest plainly) and the market's
   * alternatives under a heading that says "better" only when one is; with fewer than three,
   * the service's note on why and the catalog plans left out. With a reason no comparison was
   * made, only what the page sells is listed.
   */
  function comparison(result, { unweighed = [], reason = null, send }, t, lang) {
    const answer = result.comparison ?? {};
    const { offers, alternatives } = format.arrangePlans(answer.plans ?? []);
    const sold = [
      offers.length ? planTable(offers, t, lang) : null,
      unweighed.length ? offerTable(unweighed, t, lang) : null,
    ].filter(Boolean);
    const note = cmp.localText(answer.alternatives_note, lang);
    const market = cmp.marketOf(result.product?.currency);
    const better = cmp.betterOptions(answer);
    return [
      el("h3", {}, t("panelOffersHeading")),
      sold.length ? sold : el("p", { className: "muted" }, t("panelNoOffers")),
      reason ? null : el("h3", { className: "alternatives-heading", dataset: { better: String(better) } },
        t(better ? "panelAlternativesHeading" : "panelOtherPlansHeading")),
      reason ? null : alternatives.length ? [
        planTable(alternatives, t, lang),
        // One or two alternatives: the service says why not more, and the plans left out follow.
        note ? el("p", { className: "muted alternatives-note" }, note) : null,
        note ? leftOut(result, t, lang) : null,
      ] : [
        el("p", { className: "muted alternatives-note" }, note ?? t("panelNoAlternatives")),
        leftOut(result, t, lang),
      ],
      market && el("p", { className: "all-plans" },
        el("button", {
          type: "button",
          className: "link",
          onclick: () => send("panel.open", { page: "plans", market, category: result.product?.category ?? "" }),
        }, t("panelAllPlans"))),
    ];
  }

  ns.panelOffers = { comparison, verdictChip, headline, coverLines };
})();

// The comparison table: one row per plan with price, months really added, cost per month and
// verdict; "why" opens the arithmetic under the row. Offers the page sells that nothing weighed
// (no comparison could be made) get a plain table of their own: name, price, term.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const { el } = ns.dom;
  const { format } = ns;

  function verdictChip(plan, t) {
    const key = format.VERDICT_KEYS[plan.verdict];
    return el("span", { className: `chip ${plan.verdict ?? ""}` }, key ? t(key) : (plan.verdict ?? "—"));
  }

  function whyRows(plan, t, lang) {
    const explanation = plan.explanation?.[lang === "zh_CN" ? "zh" : "en"] ?? plan.explanation?.en;
    return [
      explanation && el("p", {}, explanation),
      el("p", {}, t("whyBreakEven", format.percent(plan.break_even_probability, lang), format.percent(plan.failure_probability, lang))),
      el("p", {}, t("whyExpectedRepair", format.money(plan.expected_repair_cost, plan.currency, lang), format.money(plan.expected_value, plan.currency, lang))),
      plan.premium_share != null && el("p", {}, t("whyPremiumShare", format.percent(plan.premium_share, lang))),
      plan.buy_until && el("p", {}, t("whyBuyUntil", format.date(plan.buy_until, lang))),
      plan.source && el("p", { className: "muted" }, t("whySource", typeof plan.source === "string" ? plan.source : JSON.stringify(plan.source))),
    ];
  }

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
    const name = nameCell(plan);
    const row = el(
      "tr",
      { className: "plan", dataset: { origin: plan.origin ?? "" } },
      el("td", {}, name),
      el("td", { className: "num price" }, format.money(plan.price, plan.currency, lang)),
      el("td", { className: "num" }, plan.added_months == null ? "—" : t("monthsAdded", String(plan.added_months))),
      el("td", { className: "num" }, plan.cost_per_added_month == null ? "—" : t("perMonth", format.money(plan.cost_per_added_month, plan.currency, lang))),
      el("td", {}, verdictChip(plan, t), " ", toggle),
    );
    return row;
  }

  function planTable(plans, t, lang) {
    const head = el("tr", {}, ["colPlan", "colPrice", "colAdded", "colPerMonth", "colVerdict"].map((k) => el("th", {}, t(k))));
    const cols = el("colgroup", {}, ["c-plan", "c-price", "c-added", "c-month", "c-verdict"].map((c) => el("col", { className: c })));
    return el("table", {}, cols, el("thead", {}, head), el("tbody", {}, plans.map((p) => planRows(p, t, lang))));
  }

  const nameCell = (plan) => [
    plan.name ?? "—",
    plan.provider && plan.provider !== plan.name ? el("div", { className: "muted" }, plan.provider) : null,
  ];

  /** The page's offers as it sells them, unweighed: name, price and term. */
  function offerTable(offers, t, lang) {
    const head = el("tr", {}, ["colPlan", "colPrice", "colTerm"].map((k) => el("th", {}, t(k))));
    const rows = offers.map((offer) => el("tr", { className: "plan unweighed", dataset: { origin: "offer" } },
      el("td", {}, nameCell(offer)),
      el("td", { className: "num price" }, format.money(offer.price, offer.currency, lang)),
      el("td", { className: "num" }, offer.term_months == null ? "—" : t("termMonths", String(offer.term_months)))));
    return el("table", {}, el("thead", {}, head), el("tbody", {}, rows));
  }

  /**
   * The page's offers (weighed ones in the comparison table, the rest plainly) and the market's
   * alternatives. With a reason no comparison was made, only what the page sells is listed.
   */
  function comparison(plans, { unweighed = [], reason = null } = {}, t, lang) {
    const { offers, alternatives } = format.arrangePlans(plans);
    const sold = [
      offers.length ? planTable(offers, t, lang) : null,
      unweighed.length ? offerTable(unweighed, t, lang) : null,
    ].filter(Boolean);
    return [
      el("h3", {}, t("panelOffersHeading")),
      sold.length ? sold : el("p", { className: "muted" }, t("panelNoOffers")),
      reason ? null : el("h3", {}, t("panelAlternativesHeading")),
      reason ? null : alternatives.length ? planTable(alternatives, t, lang) : el("p", { className: "muted" }, t("panelNoAlternatives")),
    ];
  }

  ns.panelOffers = { comparison, verdictChip };
})();

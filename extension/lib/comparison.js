// What the panel and popup can say about a comparison (docs/CONTRACTS.md, "The trusted
// comparison"): the headline about the plan this page sells, why nothing could be compared (in
// the extension's own words, so in the shopper's language whatever the page's), where each price
// comes from, and which alternative the popup may name. Pure functions, no DOM.
// Classic script registering on globalThis.Yanbao, like the other content-side libraries.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  // Each situation with its message key; `reason` is what the panel marks its note with.
  const REASONS = {
    notEligible: { reason: "not-eligible", messageKey: "panelNotEligible" },
    noPrice: { reason: "no-price", messageKey: "panelWhyNoPrice" },
    noModel: { reason: "no-model", messageKey: "panelWhyNoModel" },
    noPlans: { reason: "no-plans-for-currency", messageKey: "panelWhyNoPlansForCurrency" },
    badInput: { reason: "bad-input", messageKey: "panelWhyBadInput" },
  };
  const BY_CODE = { not_eligible: REASONS.notEligible, no_price: REASONS.noPrice, no_model: REASONS.noModel, bad_input: REASONS.badInput };

  // The market a price's currency says (as server.domain.fairvalue.inputs.CURRENCY_MARKETS).
  const CURRENCY_MARKETS = { CNY: "CN", USD: "US", CAD: "CA", GBP: "UK", EUR: "EU" };
  const marketOf = (currency) => CURRENCY_MARKETS[currency] ?? null;

  const hasPrice = (product) => Boolean((product.price ?? product.price_min) && product.currency);

  /** The {en, zh} text in the shopper's language (English when the other is missing). */
  function localText(text, lang) {
    if (text == null) return null;
    if (typeof text === "string") return text;
    return (lang === "zh_CN" ? text.zh : text.en) ?? text.en ?? text.zh ?? null;
  }

  /**
   * Why the answer compares nothing, or null when it compares plans. The service's
   * `unavailable_code` decides when it gives one; the sentence is the extension's own, in the
   * shopper's language (the service writes `unavailable` in the page's). A reason the extension
   * has no words for carries the service's own sentence (`detail`). Without a code (an older
   * service) the product itself decides: a page that sells a plan is weighed whatever its
   * family, and a priced product with nothing to weigh has no plans known in its currency.
   */
  function whyNoComparison(result) {
    const comparison = result?.comparison ?? {};
    const product = result?.product ?? {};
    const detail = typeof comparison.unavailable === "string" ? comparison.unavailable : null;
    if (comparison.unavailable_code) {
      const known = BY_CODE[comparison.unavailable_code];
      if (known === REASONS.noModel) return { ...known, args: [product.currency ?? "—"], detail };
      return known ? { ...known, detail } : { reason: "other", messageKey: null, detail };
    }
    // A service that speaks the trusted-comparison contract says "no code" when it compared:
    // then an empty list is explained by `alternatives_note`, not by a reason made up here.
    if ("unavailable_code" in comparison || ((comparison.plans ?? []).length && !detail)) return null;
    if (product.category === "not_eligible" && !(result.offers ?? []).length) return { ...REASONS.notEligible, detail };
    if (!hasPrice(product)) return { ...REASONS.noPrice, detail };
    return { ...REASONS.noPlans, args: [product.currency ?? "—"], detail };
  }

  const offerKey = (o) => `${o.name ?? ""}|${o.price}|${o.currency ?? ""}`;

  /**
   * The page's own priced offers that the comparison does not weigh: all of them when there is
   * none, and any it left out (the service weighs only offers with a term).
   */
  function unweighedOffers(result) {
    const weighed = new Map();
    for (const plan of result?.comparison?.plans ?? []) {
      if (plan.origin === "offer") weighed.set(offerKey(plan), (weighed.get(offerKey(plan)) ?? 0) + 1);
    }
    return (result?.offers ?? []).filter((offer) => {
      if (offer.price == null) return false;
      const left = weighed.get(offerKey(offer)) ?? 0;
      if (left) weighed.set(offerKey(offer), left - 1);
      return !left;
    });
  }

  // The `reason_code`s of plans that are sold but whose price was not found: ones to ask about
  // (server/domain/vocabulary.py ASK_FOR_PRICE; a Node test holds the two equal).
  const ASK_FOR_PRICE = new Set(["no_public_price", "no_price_for_product"]);

  /**
   * The market's plans the service left out, each with its reason in the shopper's language
   * (`reason_zh` beside the English `reason`), the plan's page when it has one (`source`, only
   * a web address), so the shopper can still look it up, and whether it is one to ask a price
   * for (`ask`: sold, price not found) rather than one that does not fit; the page's own offers
   * are not among them.
   */
  function excludedAlternatives(result, lang) {
    const sold = new Set((result?.offers ?? []).map((o) => o.name));
    return (result?.comparison?.excluded ?? [])
      .filter((e) => e?.name && !sold.has(e.name))
      .map((e) => ({
        name: e.name,
        reason: (lang === "zh_CN" ? e.reason_zh : null) ?? e.reason ?? e.reason_en ?? "",
        source: webAddress(e.source),
        ask: ASK_FOR_PRICE.has(e.reason_code),
      }));
  }

  /** A web address a shopper can open (http or https); anything else is not made a link. */
  function webAddress(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

  /**
   * Where a plan's price comes from, as the row shows it: `page` (the price plainly),
   * `published` (the price, the provider's page to open, the date the source itself shows and
   * the day it was read) or `estimate`
   * (no price at all: the range, how many real prices it rests on and how it was made, in the
   * shopper's language: `method_zh` beside the English `method`, English when it is missing).
   * A plan from an older service without `price_basis` counts as the page's when the page
   * sells it, else as published without a source.
   */
  function priceBasis(plan, lang) {
    const basis = plan?.price_basis ?? (plan?.origin === "offer" ? "page" : "published");
    if (basis === "estimate") {
      const e = plan.estimate ?? {};
      // Without a range (not what the contract promises) only an approximate middle can be said.
      const approx = e.low == null && e.high == null ? (plan.price ?? null) : null;
      const method = (lang === "zh_CN" ? e.method_zh : null) ?? e.method ?? null;
      return { basis, low: e.low ?? null, high: e.high ?? null, n: e.n ?? null, method, ...(approx ? { approx } : {}) };
    }
    if (basis === "published") {
      return { basis, price: plan.price, source: webAddress(plan.source), readOn: plan.read_on ?? null, publishedOn: plan.published_on ?? null };
    }
    return { basis: "page", price: plan.price };
  }

  const isEstimate = (plan) => plan?.price_basis === "estimate";

  /**
   * The headline: the service's, about the plan this page sells (or that it sells none). An
   * older service without one gets it made from the page's own real-priced offers only, never
   * from an alternative or an estimate; none when the page sells plans nothing weighed.
   */
  function headlineOf(result) {
    const comparison = result?.comparison;
    if (comparison?.headline?.verdict) return comparison.headline;
    const sold = (comparison?.plans ?? []).filter((p) => p.origin === "offer" && !isEstimate(p));
    const best = ns.format.bestPlan(sold);
    if (best) return { verdict: best.verdict, plan: best.name ?? null, text: null };
    return (result?.offers ?? []).length ? null : { verdict: "none_sold", plan: null, text: null };
  }

  /** The heading over the alternatives says "better" only when the service says one is. */
  const betterOptions = (comparison) => comparison?.better_options === true;

  /**
   * The alternative the popup may name: only when one is better, and never an estimate (card
   * benefits are not plans in this answer at all).
   */
  function betterAlternative(comparison) {
    if (!betterOptions(comparison)) return null;
    const real = (comparison.plans ?? []).filter((p) => p.origin !== "offer" && !isEstimate(p));
    return ns.format.bestPlan(real);
  }

  /**
   * A catalog price entry as the all-plans view shows it: a price (page or published), an
   * estimate's range, or a share of the product's price; an estimate is never one figure.
   */
  function catalogPrice(entry) {
    const basis = entry?.price_basis ?? "published";
    if (basis === "estimate" && entry.low != null && entry.high != null) return { basis, kind: "range", low: entry.low, high: entry.high };
    // An estimate the catalog gives only a middle for: shown marked and approximate ("≈").
    if (basis === "estimate" && entry.price != null && entry.share == null) return { basis, kind: "approx", price: entry.price };
    if (basis !== "estimate" && entry?.price != null) return { basis, kind: "price", price: entry.price };
    if (entry?.share != null) return { basis, kind: "share", share: entry.share };
    return { basis, kind: "none" };
  }

  ns.comparison = {
    catalogPrice, excludedAlternatives, ASK_FOR_PRICE,
    whyNoComparison, unweighedOffers, priceBasis, isEstimate, headlineOf, betterOptions,
    betterAlternative, localText, webAddress, marketOf, REASONS,
  };
})();

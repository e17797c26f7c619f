// What the panel can say about a detect answer's comparison: why none could be made, in words
// of the extension's own (the service's `comparison.unavailable` is an English sentence for
// developers, not for shoppers), and the page's own offers to show when nothing weighed them.
// Classic script registering on globalThis.Yanbao, like the other content-side libraries.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  // Each situation with its message key; `reason` is what the panel marks its note with.
  const REASONS = {
    notEligible: { reason: "not-eligible", messageKey: "panelNotEligible" },
    noPrice: { reason: "no-price", messageKey: "panelWhyNoPrice" },
    noPlans: { reason: "no-plans-for-currency", messageKey: "panelWhyNoPlansForCurrency" },
  };

  const hasPrice = (product) => Boolean((product.price ?? product.price_min) && product.currency);

  /**
   * Why the answer compares nothing, chosen from the product itself, or null when it compares
   * plans. A page that sells a plan is weighed whatever its family, so "not a product warranties
   * cover" is said only of pages that sell none; a priced product with nothing to weigh against
   * it has no plans known in its currency (the catalog prices plans per market and currency).
   */
  function whyNoComparison(result) {
    const comparison = result?.comparison ?? {};
    if ((comparison.plans ?? []).length && !comparison.unavailable) return null;
    const product = result?.product ?? {};
    if (product.category === "not_eligible" && !(result.offers ?? []).length) return REASONS.notEligible;
    if (!hasPrice(product)) return REASONS.noPrice;
    return { ...REASONS.noPlans, args: [product.currency] };
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

  ns.comparison = { whyNoComparison, unweighedOffers, REASONS };
})();

// Request bodies built from what the page showed: the quote request for the comparison, and the
// coverage record for "I bought this" with its layers of cover.
import { CATEGORIES as QUOTABLE, PLAN_KINDS, WHOLE_UNIT } from "./vocabulary.js";

const clean = (obj) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));

/** An extended plan takes over when the manufacturer warranty ends; other plans run from purchase. */
export const planStarts = (offer) => offer.starts ?? (offer.kind === "extended" ? "after_manufacturer" : "purchase");

/** True when the service can price plans for it: an eligible category and a price. */
export const quotable = (product) => QUOTABLE.includes(product?.category) && Boolean(product.price && product.currency);

/**
 * POST /api/v1/quotes body for a detected product and its offers; the service derives the
 * market from the currency or site. Offers without a price or term cannot be compared.
 */
export function quoteRequest({ site, product, offers }, { cardExtensionMonths, purchaseDate }) {
  return {
    product: clean({
      title: product.title,
      category: product.category,
      subcategory: product.subcategory,
      brand: product.brand,
      price: product.price,
      currency: product.currency,
      site,
      purchase_date: purchaseDate,
      manufacturer_warranty_months: product.warranty_months ?? undefined,
    }),
    offers: (offers ?? [])
      .filter((o) => o.name && o.price && o.currency && o.term_months >= 1)
      .map((o) =>
        clean({ name: o.name, kind: o.kind, term_months: o.term_months, starts: planStarts(o), price: o.price, currency: o.currency, provider: o.provider }),
      ),
    settings: { card_extension_months: cardExtensionMonths, statutory: true },
  };
}

/** POST /api/v1/coverages body: the product, the purchase and the layers known from the page. */
export function coverageBody({ site, product, offer, purchaseDate, orderRef, cardExtensionMonths }) {
  const layers = [];
  if (product.warranty_months) {
    layers.push({ kind: "manufacturer", component: WHOLE_UNIT, term_months: product.warranty_months, starts: "purchase" });
  }
  if (cardExtensionMonths > 0) {
    layers.push({ kind: "card", component: WHOLE_UNIT, term_months: cardExtensionMonths, starts: "after_manufacturer" });
  }
  if (offer) {
    layers.push(
      clean({
        kind: "plan", // accident-only plans are plan_kind accidental_damage: the timeline keeps them apart
        component: WHOLE_UNIT,
        provider: offer.provider,
        name: offer.name,
        plan_kind: PLAN_KINDS.includes(offer.kind) ? offer.kind : "other",
        term_months: offer.term_months,
        starts: planStarts(offer),
        price: offer.price,
        currency: offer.currency,
      }),
    );
  }
  return clean({
    product: clean({
      title: product.title,
      site,
      url: product.canonical_url ?? product.url,
      item_id: product.item_id,
      brand: product.brand,
      model: product.model,
      category: product.category,
      subcategory: product.subcategory,
      price: product.price,
      currency: product.currency,
    }),
    purchase_date: purchaseDate,
    order_ref: orderRef || undefined,
    layers,
  });
}

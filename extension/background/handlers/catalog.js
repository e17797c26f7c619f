// The catalog's "all plans" list for the dashboard, and the two pages the panel may open (the
// all-plans view for the page's market, the card setting). A content script cannot open
// extension pages itself; it names one of these two, and nothing else can be opened this way.
import { api } from "../../lib/api.js";
import { CATEGORIES, MARKETS } from "../../lib/vocabulary.js";
import { query, request } from "../client.js";

const plans = {
  name: "catalog.plans",
  fields: {
    market: { type: "string", required: true, enum: MARKETS },
    category: { type: "string", enum: [...CATEGORIES, ""] },
  },
  run: ({ market, category }) => request("GET", `/api/v1/catalog/plans${query({ market, category })}`),
};

/** The extension page for a panel's request: the all-plans view (market, category) or options. */
export function pageFor({ page, market, category }) {
  if (page === "card") return "options/options.html#cardExtensionMonths";
  const params = new URLSearchParams(Object.entries({ market, category }).filter(([, v]) => v));
  return `dashboard/dashboard.html#plans${params.size ? `?${params}` : ""}`;
}

const open = {
  name: "panel.open",
  fromContent: true,
  fields: {
    page: { type: "string", required: true, enum: ["plans", "card"] },
    market: { type: "string", enum: MARKETS },
    category: { type: "string", enum: [...CATEGORIES, "not_eligible", ""] },
  },
  async run(payload) {
    const category = CATEGORIES.includes(payload.category) ? payload.category : undefined;
    await api.tabs.create({ url: api.runtime.getURL(pageFor({ ...payload, category })) });
    return null;
  },
};

export const handlers = [plans, open];

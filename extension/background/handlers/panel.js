// The panel's own choices: collapse, corner, off for this site, and "I bought this".
import "../../lib/format.js";
import { coverageBody } from "../../lib/purchase.js";
import { enqueue, newEntry } from "../../lib/queue.js";
import { applyUpdate, CORNERS } from "../../lib/settings.js";
import { DATE } from "../../lib/validate.js";
import { flushQueue } from "../jobs/queue-flush.js";
import { getSettings, updateQueue, updateSettings } from "../storage.js";

const prefs = {
  name: "panel.prefs",
  fromContent: true,
  fields: {
    collapsed: { type: "boolean" },
    corner: { type: "string", enum: CORNERS },
    disableHost: { type: "string", max: 253, pattern: /^[a-z0-9.-]+$/ },
  },
  async run({ collapsed, corner, disableHost }) {
    const panel = {};
    if (collapsed !== undefined) panel.collapsed = collapsed;
    if (corner !== undefined) panel.corner = corner;
    const { value, errors } = await updateSettings((settings) =>
      applyUpdate(settings, {
        panel,
        ...(disableHost ? { disabledHosts: [...settings.disabledHosts, disableHost] } : {}),
      }),
    );
    if (errors) throw Object.assign(new Error(errors[0].message), { status: 400 });
    return value.panel;
  },
};

const OFFER_FIELDS = ["name", "provider", "kind", "term_months", "price", "currency", "starts"];

/** Keeps only the plan fields a coverage layer uses, whatever else the panel held. */
const pickOffer = (offer) => offer && Object.fromEntries(OFFER_FIELDS.filter((k) => k in offer).map((k) => [k, offer[k]]));

const buy = {
  name: "coverage.buy",
  fromContent: true,
  fields: {
    site: { type: "string", required: true, max: 20 },
    product: { type: "object", required: true },
    offer: { type: "object", nullable: true },
    purchaseDate: { type: "string", required: true, pattern: DATE },
    orderRef: { type: "string", max: 200 },
  },
  async run({ site, product, offer, purchaseDate, orderRef }) {
    const { cardExtensionMonths } = await getSettings();
    const body = coverageBody({ site, product, offer: pickOffer(offer), purchaseDate, orderRef, cardExtensionMonths });
    const entry = newEntry({ kind: "coverage.create", body, now: Date.now() });
    await updateQueue((q) => enqueue(q, entry));
    const outcome = await flushQueue();
    return { id: entry.id, ...(outcome[entry.id] ?? { state: "queued" }) };
  },
};

export const handlers = [prefs, buy];

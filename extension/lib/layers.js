// A coverage's layers as the dashboard edits them: the stored record's layers turned back into
// the request shape of PATCH /api/v1/coverages/<id> (docs/CONTRACTS.md), the shopper's changes
// applied to one layer, and the service's error paths (`layers.2.term_months`) sorted by layer.
import { LAYER_KINDS, LAYER_STATES, PLAN_KINDS, PLAN_STARTS, WHOLE_UNIT } from "./vocabulary.js";

export { LAYER_KINDS as KINDS, LAYER_STATES as STATES, PLAN_KINDS };
/** Where a new layer may start; a stored "on_date" layer keeps its start as it is. */
export const NEW_STARTS = PLAN_STARTS;
export const TERMS = ["months", "end_date", "lifetime"];

// What a layer is sent with; everything else in a record (starts_on, ends_on, status,
// days_left, added_months) the service computes and refuses on input. A stored layer's id goes
// back with it, so the service keeps the layer (and the refund case or claim on it) by id even
// when other layers are removed or added around it.
const INPUT_FIELDS = ["id", "kind", "component", "provider", "name", "plan_kind", "term_months", "end_date",
  "lifetime", "starts", "start_date", "price", "currency", "cancellation", "state", "notes"];
const CANCELLATION_FIELDS = ["full_refund_days", "after", "fee", "less_claims"];

const given = (value) => value !== undefined && value !== null;
const pick = (source, names) => Object.fromEntries(names.filter((n) => given(source?.[n])).map((n) => [n, source[n]]));

/**
 * One stored layer in the request shape: every input field it has, nothing computed. A null is
 * left out (the service's default for an absent field is the same), and a layer without a
 * lifetime term does not send `lifetime: false` next to its months.
 */
export function layerRequest(layer) {
  const out = pick(layer, INPUT_FIELDS);
  if (out.lifetime === false) delete out.lifetime;
  if (layer?.cancellation) out.cancellation = pick(layer.cancellation, CANCELLATION_FIELDS);
  else delete out.cancellation;
  return out;
}

/** Every layer of a record in the request shape, in the record's order. */
export const layersRequest = (record) => (record?.layers ?? []).map(layerRequest);

/** Which of the three terms a layer has: "months", "end_date" or "lifetime". */
export function termOf(layer) {
  if (layer?.lifetime) return "lifetime";
  if (given(layer?.end_date)) return "end_date";
  return "months";
}

/** A number field's text as sent: "" is absent, whole digits a number, anything else as typed. */
function count(text) {
  const trimmed = String(text ?? "").trim();
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/**
 * A request-shape layer with the shopper's edits: `values` holds the form's strings
 * ({kind, plan_kind, starts, term, term_months, end_date, state, provider, name, price,
 * currency}); a key left out keeps the base's value. The term is exactly the one chosen; empty
 * text clears a field; plan_kind goes only with kind "plan". Fields the form does not show
 * (component, start_date, cancellation, notes, ...) are kept from the base.
 */
export function editedLayer(base, values) {
  const out = { ...base };
  const text = (name) => {
    if (!(name in values)) return;
    const value = String(values[name] ?? "").trim();
    if (value) out[name] = value;
    else delete out[name];
  };
  for (const name of ["kind", "plan_kind", "starts", "state", "provider", "name", "price"]) text(name);
  if ("currency" in values) {
    const code = String(values.currency ?? "").trim().toUpperCase();
    if (code) out.currency = code;
    else delete out.currency;
  }
  if (out.kind !== "plan") delete out.plan_kind;
  if ("term" in values) {
    delete out.term_months;
    delete out.end_date;
    delete out.lifetime;
    if (values.term === "lifetime") out.lifetime = true;
    else if (values.term === "end_date") {
      const day = String(values.end_date ?? "").trim();
      if (day) out.end_date = day;
    } else {
      const months = count(values.term_months);
      if (months !== null) out.term_months = months;
    }
  }
  return out;
}

/** A fresh layer of a kind, in the request shape; a plan is an extended warranty until told otherwise. */
export function newLayer(kind = "plan", currency = null) {
  const layer = { kind, component: WHOLE_UNIT, starts: kind === "card" || kind === "plan" ? "after_manufacturer" : "purchase", state: "in_force", term_months: 12 };
  if (kind === "plan") layer.plan_kind = "extended";
  if (currency) layer.currency = currency;
  return layer;
}

/**
 * The service's (or the worker's) errors split by where they belong: `layers` maps a layer's
 * index in the request to its [{field, message}] (field relative to the layer, "" for the layer
 * as a whole); `other` keeps the rest with their field paths. A worker path starts "changes.".
 */
export function errorsByLayer(errors) {
  const layers = new Map();
  const other = [];
  for (const error of errors ?? []) {
    const field = String(error?.field ?? "").replace(/^changes\./, "");
    const match = /^layers\.(\d+)(?:\.(.*))?$/.exec(field);
    if (!match) {
      other.push({ field, message: String(error?.message ?? "") });
      continue;
    }
    const index = Number(match[1]);
    if (!layers.has(index)) layers.set(index, []);
    layers.get(index).push({ field: match[2] ?? "", message: String(error?.message ?? "") });
  }
  return { layers, other };
}

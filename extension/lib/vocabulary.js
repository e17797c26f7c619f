// Written by `make vocabulary` from server/domain/vocabulary.py and the service's
// request schemas (server/schemas/extension_contract.py). Do not edit by hand.
import { DATE } from "./validate.js";

export const CATEGORIES = ["large", "small", "digital", "medical"];
export const NOT_ELIGIBLE = "not_eligible";
export const MARKETS = ["CN", "US", "CA", "UK", "EU"];
export const PRICE_BASES = ["page", "published", "estimate"];
export const ASK_FOR_PRICE = ["no_public_price", "no_price_for_product"];
export const EXCLUDED_REASONS = ["no_public_price", "no_price_for_product", "other_currency", "not_sold_at_price", "checkout_only", "partner_shops", "window_closed", "own_plan", "other_cover", "adds_nothing", "card_counted", "no_model"];
export const LAYER_KINDS = ["manufacturer", "statutory", "card", "plan", "accidental"];
export const PLAN_KINDS = ["extended", "accidental_damage", "replace", "other"];
export const PLAN_STARTS = ["purchase", "after_manufacturer"];
export const STARTS = ["purchase", "after_manufacturer", "on_date"];
export const LAYER_STATES = ["in_force", "refunded", "void"];
export const STATUSES = ["upcoming", "active", "ending_soon", "ended", "refunded", "void"];
export const WHOLE_UNIT = "whole unit";

export const COVERAGE_CHANGES = {
  product: {
    type: "object",
    fields: {
      title: { type: "string", min: 1, max: 500 },
      site: { type: "string", pattern: /^[a-z0-9][a-z0-9_.-]{0,39}$/, nullable: true },
      url: { type: "string", max: 2048, nullable: true },
      item_id: { type: "string", max: 100, nullable: true },
      brand: { type: "string", max: 200, nullable: true },
      model: { type: "string", max: 200, nullable: true },
      serial: { type: "string", max: 200, nullable: true },
      category: { type: "string", max: 64, nullable: true },
      subcategory: { type: "string", max: 64, nullable: true },
      price: { type: "string", max: 17, nullable: true },
      currency: { type: "string", max: 3, nullable: true },
    },
  },
  purchase_date: { type: "string", pattern: DATE },
  order_ref: { type: "string", max: 200, nullable: true },
  notes: { type: "string", max: 10000, nullable: true },
  tags: {
    type: "array",
    items: { type: "string", min: 1, max: 40 },
    max: 20,
  },
  layers: {
    type: "array",
    items: {
      type: "object",
      fields: {
        id: { type: "string", max: 36, nullable: true },
        kind: { type: "string", enum: ["manufacturer", "statutory", "card", "plan", "accidental"], required: true },
        component: { type: "string", max: 100, nullable: true },
        provider: { type: "string", max: 200, nullable: true },
        name: { type: "string", max: 200, nullable: true },
        plan_kind: { type: "string", enum: ["extended", "accidental_damage", "replace", "other"], nullable: true },
        term_months: { type: "integer", min: 0, max: 1200, nullable: true },
        end_date: { type: "string", pattern: DATE, nullable: true },
        lifetime: { type: "boolean" },
        starts: { type: "string", enum: ["purchase", "after_manufacturer", "on_date"], nullable: true },
        start_date: { type: "string", pattern: DATE, nullable: true },
        price: { type: "string", max: 17, nullable: true },
        currency: { type: "string", max: 3, nullable: true },
        cancellation: {
          type: "object",
          fields: {
            full_refund_days: { type: "integer", min: 0, max: 3650, nullable: true },
            after: { type: "string", enum: ["prorated", "none"], nullable: true },
            fee: { type: "string", max: 17, nullable: true },
            less_claims: { type: "boolean", nullable: true },
          },
          nullable: true,
        },
        state: { type: "string", enum: ["in_force", "refunded", "void"] },
        notes: { type: "string", max: 2000, nullable: true },
      },
    },
    max: 50,
  },
  reminders_muted: { type: "boolean" },
};

export const LIST_QUERY = {
  status: { type: "string", enum: ["upcoming", "active", "ending_soon", "ended", "refunded", "void"], nullable: true },
  site: { type: "string", pattern: /^[a-z0-9][a-z0-9_.-]{0,39}$/, nullable: true },
  category: { type: "string", max: 64, nullable: true },
  ending_before: { type: "string", pattern: DATE, nullable: true },
  q: { type: "string", max: 200, nullable: true },
  sort: { type: "string", enum: ["purchase_date", "-purchase_date", "covered_until", "-covered_until", "created_at", "-created_at", "title", "-title"] },
  limit: { type: "integer", min: 1, max: 200 },
  cursor: { type: "string", max: 500, nullable: true },
  as_of: { type: "string", pattern: DATE, nullable: true },
};

export const ACCOUNT_CHANGES = {
  lead_days: {
    type: "array",
    items: { type: "integer", min: 0, max: 365 },
    max: 5,
  },
  time_zone: { type: "string", max: 64 },
  quiet_hours: {
    type: "object",
    fields: {
      start: { type: "string", pattern: /^([01]\d|2[0-3]):[0-5]\d$/, required: true },
      end: { type: "string", pattern: /^([01]\d|2[0-3]):[0-5]\d$/, required: true },
    },
    nullable: true,
  },
  language: { type: "string", enum: ["zh", "en"] },
};

export const REMINDER_QUERY = {
  state: { type: "string", enum: ["due", "upcoming"] },
  limit: { type: "integer", min: 1, max: 500 },
};

export const SNOOZE = {
  until: { type: "string", pattern: DATE, required: true },
};

export const CHANNEL_IN = {
  url: { type: "string", min: 1, max: 2000, required: true },
  name: { type: "string", max: 100 },
};

export const REFUND_STATES = ["draft", "requested", "negotiating", "platform_intervention", "complaint", "refunded", "partly_refunded", "rejected", "withdrawn"];
export const REFUND_FINAL = ["refunded", "partly_refunded", "rejected", "withdrawn"];
export const REFUND_ROUTES = ["with_goods", "plan_only"];
export const REFUND_AMOUNT_MEANS = {"requested": "asked", "negotiating": "offered", "platform_intervention": "asked", "complaint": "asked", "refunded": "received", "partly_refunded": "received"};
export const REFUND_AMOUNT_REQUIRED = ["refunded", "partly_refunded"];
export const EVIDENCE_KINDS = ["call_recordings", "chat_screenshots", "contract", "transfer_records", "order_screenshot", "plan_terms", "plan_receipt"];
export const CLAIM_EVENT_KINDS = ["called_back", "visit", "repaired", "replaced", "refused"];

export const REFUND_CASE_IN = {
  route: { type: "string", enum: ["with_goods", "plan_only"], required: true },
  layer_id: { type: "string", max: 36, nullable: true },
};

export const REFUND_TRANSITION_IN = {
  to: { type: "string", enum: ["draft", "requested", "negotiating", "platform_intervention", "complaint", "refunded", "partly_refunded", "rejected", "withdrawn"], required: true },
  note: { type: "string", max: 2000, nullable: true },
  amount: { type: "string", max: 17, nullable: true },
};

export const CLAIM_IN = {
  layer_id: { type: "string", max: 36, nullable: true },
  fault: { type: "string", min: 1, max: 2000, required: true },
  reported_on: { type: "string", pattern: DATE, nullable: true },
  reported_to: { type: "string", max: 200, nullable: true },
  callback_promised_hours: { type: "integer", min: 1, max: 720, nullable: true },
};

export const CLAIM_EVENT_IN = {
  kind: { type: "string", enum: ["called_back", "visit", "repaired", "replaced", "refused"], required: true },
  on: { type: "string", pattern: DATE, nullable: true },
  note: { type: "string", max: 2000, nullable: true },
  amount: { type: "string", max: 17, nullable: true },
  new_warranty_months: { type: "integer", min: 1, max: 120, nullable: true },
};

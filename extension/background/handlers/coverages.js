// The dashboard's and popup's calls on coverages, export and import, relayed to the service.
import { KINDS, PLAN_KINDS, STATES } from "../../lib/layers.js";
import { DATE, ID } from "../../lib/validate.js";
import { query, request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };

const list = {
  name: "coverages.list",
  fields: {
    status: { type: "string", max: 20 },
    site: { type: "string", max: 20 },
    category: { type: "string", max: 64 },
    ending_before: { type: "string", pattern: DATE },
    q: { type: "string", max: 200 },
    sort: { type: "string", max: 30 },
    limit: { type: "integer", min: 1, max: 200 },
    cursor: { type: "string", max: 500 },
  },
  run: (params) => request("GET", `/api/v1/coverages${query(params)}`),
};

// The shape of PATCH /api/v1/coverages/<id> (docs/CONTRACTS.md): types, choices and lengths are
// checked here; whether the layers make a sensible timeline is the service's to say.
const text = (max) => ({ type: "string", max, nullable: true });
const layer = {
  kind: { type: "string", required: true, enum: KINDS },
  component: text(100),
  provider: text(200),
  name: text(200),
  plan_kind: { type: "string", enum: PLAN_KINDS, nullable: true },
  term_months: { type: "integer", min: 0, max: 1200, nullable: true },
  end_date: { type: "string", pattern: DATE, nullable: true },
  lifetime: { type: "boolean" },
  starts: { type: "string", enum: ["purchase", "after_manufacturer", "on_date"], nullable: true },
  start_date: { type: "string", pattern: DATE, nullable: true },
  price: text(20),
  currency: text(3),
  cancellation: {
    type: "object",
    nullable: true,
    fields: {
      full_refund_days: { type: "integer", min: 0, max: 3650, nullable: true },
      after: { type: "string", enum: ["prorated", "none"], nullable: true },
      fee: text(20),
      less_claims: { type: "boolean", nullable: true },
    },
  },
  state: { type: "string", enum: STATES },
  notes: text(2000),
};
const changes = {
  type: "object",
  required: true,
  fields: {
    product: { type: "object" },
    purchase_date: { type: "string", pattern: DATE },
    order_ref: text(200),
    notes: text(10000),
    tags: { type: "array", max: 20, items: { type: "string", min: 1, max: 40 } },
    layers: { type: "array", max: 50, items: { type: "object", fields: layer } },
  },
};

const update = {
  name: "coverages.update",
  fields: { id, changes },
  run: ({ id: coverageId, changes }) =>
    request("PATCH", `/api/v1/coverages/${encodeURIComponent(coverageId)}`, { body: changes }),
};

const remove = {
  name: "coverages.delete",
  fields: { id },
  run: ({ id: coverageId }) => request("DELETE", `/api/v1/coverages/${encodeURIComponent(coverageId)}`),
};

const exportData = {
  name: "data.export",
  fields: { format: { type: "string", required: true, enum: ["json", "csv"] } },
  run: ({ format }) => request("GET", `/api/v1/export${query({ format })}`, { raw: true }),
};

const importData = {
  name: "data.import",
  fields: {
    contentType: { type: "string", required: true, enum: ["application/json", "text/csv"] },
    text: { type: "string", required: true, max: 16 * 1024 * 1024 },
  },
  run: ({ contentType, text }) =>
    request("POST", "/api/v1/import", { body: text, headers: { "Content-Type": contentType } }),
};

export const handlers = [list, update, remove, exportData, importData];

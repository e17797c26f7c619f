// The dashboard's and popup's calls on coverages, export and import, relayed to the service.
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

const update = {
  name: "coverages.update",
  fields: { id, changes: { type: "object", required: true } },
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

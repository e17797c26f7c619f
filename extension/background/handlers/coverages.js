// The dashboard's and popup's calls on coverages, export and import, relayed to the service.
import { ID } from "../../lib/validate.js";
import { COVERAGE_CHANGES, LIST_QUERY } from "../../lib/vocabulary.js";
import { query, request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };

const list = {
  name: "coverages.list",
  fields: LIST_QUERY,
  run: (params) => request("GET", `/api/v1/coverages${query(params)}`),
};

const one = {
  name: "coverages.get",
  fields: { id },
  run: ({ id: coverageId }) => request("GET", `/api/v1/coverages/${encodeURIComponent(coverageId)}`),
};

// The shape of PATCH /api/v1/coverages/<id>, as the service's schema states it (written into
// lib/vocabulary.js from the service): whether the layers make a sensible timeline is the
// service's to say.
const changes = { type: "object", required: true, fields: COVERAGE_CHANGES };

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

export const handlers = [list, one, update, remove, exportData, importData];

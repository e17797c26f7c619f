// The dashboard's calls on repair claims (issue 14): report a fault on a coverage's layer,
// record what the provider did, list the claims with their callback clock's next steps.
import { CLAIM_EVENTS } from "../../lib/refunds.js";
import { DATE, ID } from "../../lib/validate.js";
import { request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };
const path = (value) => encodeURIComponent(value);
const text = (max) => ({ type: "string", max, nullable: true });

const list = {
  name: "claims.list",
  fields: {},
  run: () => request("GET", "/api/v1/claims"),
};

const get = {
  name: "claims.get",
  fields: { id },
  run: ({ id: claimId }) => request("GET", `/api/v1/claims/${path(claimId)}`),
};

const open = {
  name: "claims.open",
  fields: {
    coverageId: id,
    layer_id: { type: "string", max: 36, nullable: true },
    fault: { type: "string", required: true, min: 1, max: 2000 },
    reported_on: { type: "string", pattern: DATE, nullable: true },
    reported_to: text(200),
    callback_promised_hours: { type: "integer", min: 1, max: 720, nullable: true },
  },
  run: ({ coverageId, ...body }) => request("POST", `/api/v1/coverages/${path(coverageId)}/claims`, { body }),
};

const event = {
  name: "claims.event",
  fields: {
    id,
    kind: { type: "string", required: true, enum: CLAIM_EVENTS },
    on: { type: "string", pattern: DATE, nullable: true },
    note: text(2000),
    amount: { type: "string", max: 17, nullable: true },
    new_warranty_months: { type: "integer", min: 1, max: 120, nullable: true },
  },
  run: ({ id: claimId, ...body }) => request("POST", `/api/v1/claims/${path(claimId)}/events`, { body }),
};

export const handlers = [list, get, open, event];

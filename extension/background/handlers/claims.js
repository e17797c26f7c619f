// The dashboard's calls on repair claims (issue 14): report a fault on a coverage's layer,
// record what the provider did, list the claims with their callback clock's next steps. The
// payloads are the service's request schemas, as lib/vocabulary.js states them.
import { ID } from "../../lib/validate.js";
import { CLAIM_EVENT_IN, CLAIM_IN } from "../../lib/vocabulary.js";
import { request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };
const path = (value) => encodeURIComponent(value);

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
  fields: { coverageId: id, ...CLAIM_IN },
  run: ({ coverageId, ...body }) => request("POST", `/api/v1/coverages/${path(coverageId)}/claims`, { body }),
};

const event = {
  name: "claims.event",
  fields: { id, ...CLAIM_EVENT_IN },
  run: ({ id: claimId, ...body }) => request("POST", `/api/v1/claims/${path(claimId)}/events`, { body }),
};

export const handlers = [list, get, open, event];

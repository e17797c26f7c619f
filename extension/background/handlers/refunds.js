// The dashboard's calls on refund cases, their evidence, platform guides and complaint letters
// (issue 14), relayed to the service.
//
// Evidence files: the device token lives in storage.local and only this worker reads it (the
// pages get publicAuth(), never the token), so an upload is made here, not from the page. A page
// cannot hand the worker a File: Chrome passes extension messages as JSON, where a File or an
// ArrayBuffer arrives as {}. The page reads the file and sends its bytes as base64 with its name
// and type; this handler turns them back into a Blob and posts it as multipart/form-data.
import { base64Length, fromBase64, MAX_EVIDENCE_BYTES, toBase64 } from "../../lib/refunds.js";
import { ID } from "../../lib/validate.js";
import { EVIDENCE_KINDS, REFUND_CASE_IN, REFUND_TRANSITION_IN } from "../../lib/vocabulary.js";
import { request } from "../client.js";

const id = { type: "string", required: true, pattern: ID };
const path = (value) => encodeURIComponent(value);

const list = {
  name: "refunds.list",
  fields: {},
  run: () => request("GET", "/api/v1/refund-cases"),
};

const get = {
  name: "refunds.get",
  fields: { id },
  run: ({ id: caseId }) => request("GET", `/api/v1/refund-cases/${path(caseId)}`),
};

const open = {
  name: "refunds.open",
  fields: { coverageId: id, ...REFUND_CASE_IN },
  run: ({ coverageId, route, layer_id: layerId }) =>
    request("POST", `/api/v1/coverages/${path(coverageId)}/refund-cases`, { body: { route, ...(layerId ? { layer_id: layerId } : {}) } }),
};

const move = {
  name: "refunds.move",
  fields: { id, ...REFUND_TRANSITION_IN },
  run: ({ id: caseId, to, note = null, amount = null }) =>
    request("POST", `/api/v1/refund-cases/${path(caseId)}/transitions`, { body: { to, note, amount } }),
};

const guide = {
  name: "refunds.guide",
  fields: { platform: { type: "string", required: true, pattern: /^[a-z0-9_-]{1,40}$/ } },
  run: ({ platform }) => request("GET", `/api/v1/refund-guides/${path(platform)}`),
};

const letter = {
  name: "refunds.letter",
  fields: { id, lang: { type: "string", required: true, enum: ["zh", "en"] } },
  async run({ id: caseId, lang }) {
    const { text, contentType } = await request("GET", `/api/v1/refund-cases/${path(caseId)}/letter?lang=${lang}`, { raw: true });
    // The letter is text to copy; a JSON answer carries it in `text` (or `letter`).
    if (/json/.test(contentType ?? "")) {
      const data = JSON.parse(text);
      return { ...data, text: data.text ?? data.letter ?? "" };
    }
    return { lang, text };
  },
};

const evidenceList = {
  name: "evidence.list",
  fields: { caseId: id },
  run: ({ caseId }) => request("GET", `/api/v1/refund-cases/${path(caseId)}/evidence`),
};

const upload = {
  name: "evidence.upload",
  fields: {
    caseId: id,
    kind: { type: "string", required: true, enum: EVIDENCE_KINDS },
    name: { type: "string", required: true, min: 1, max: 255 },
    type: { type: "string", max: 255 },
    data: { type: "string", required: true, min: 1, max: base64Length(MAX_EVIDENCE_BYTES), pattern: /^[A-Za-z0-9+/]+={0,2}$/ },
  },
  run({ caseId, kind, name, type, data }) {
    const form = new FormData();
    form.append("kind", kind);
    // The service reads the type from the bytes; the browser's guess goes along as it is.
    form.append("file", new Blob([fromBase64(data)], { type: type || "application/octet-stream" }), name);
    return request("POST", `/api/v1/refund-cases/${path(caseId)}/evidence`, { body: form });
  },
};

const download = {
  name: "evidence.download",
  fields: { id },
  async run({ id: evidenceId }) {
    const { bytes, contentType } = await request("GET", `/api/v1/evidence/${path(evidenceId)}`, { bytes: true });
    return { type: contentType ?? "application/octet-stream", data: toBase64(bytes) };
  },
};

const remove = {
  name: "evidence.delete",
  fields: { id },
  run: ({ id: evidenceId }) => request("DELETE", `/api/v1/evidence/${path(evidenceId)}`),
};

export const handlers = [list, get, open, move, guide, letter, evidenceList, upload, download, remove];

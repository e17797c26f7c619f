// From a coverage's card: "Start a refund" (a refund case on one of its plan layers) and
// "Report a fault" (a repair claim on one of its layers). Each is a small form that opens the
// case or claim through the worker and then shows it in its own section.
import "../lib/dom.js";
import "../lib/format.js";
import { ROUTE_LABELS } from "../lib/refunds.js";
import { REFUND_ROUTES } from "../lib/vocabulary.js";

const { dom, format } = globalThis.Yanbao;
const { el } = dom;

// Layers a refund case may name: bought plans still in force (server/store/refunds.py).
const REFUNDABLE = ["plan", "accidental"];
const ROUTE_HELP = { with_goods: "refundRouteWithGoodsHelp", plan_only: "refundRoutePlanOnlyHelp" };

let serial = 0;

/** The layers a refund case may be opened on: bought plans still in force. */
export const refundableLayers = (record) => (record.layers ?? []).filter((l) => REFUNDABLE.includes(l.kind) && l.state === "in_force");

const layerName = (layer, t) => [t(`layer_${layer.kind}`), layer.name || layer.provider].filter(Boolean).join(" · ");

function shell({ className, heading, fields, submitKey, t, onSubmit, onCancel }) {
  const error = el("p", { className: "error form-error", role: "alert", hidden: true });
  const form = el("form", {
    className: `case-form ${className}`,
    noValidate: true,
    async onsubmit(event) {
      event.preventDefault();
      error.hidden = true;
      try {
        await onSubmit();
      } catch (failure) {
        error.hidden = false;
        error.textContent = failure.errors?.length ? failure.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ") : failure.message;
      }
    },
  },
  el("h3", {}, heading),
  fields,
  el("div", { className: "row-actions" },
    el("button", { type: "submit", className: "primary" }, t(submitKey)),
    el("button", { type: "button", onclick: onCancel }, t("cancel"))),
  error);
  return form;
}

const labelled = (id, text, control) => {
  control.id = id;
  return [el("label", { for: id }, text), control];
};

/** "Start a refund": the route and, when the coverage has more than one, the plan layer. */
export function refundForm(record, { t, call, onCancel, go = (hash) => { location.hash = hash; } }) {
  const id = `refund-form-${record.id}-${++serial}`;
  const layers = refundableLayers(record);
  if (!layers.length) {
    return el("div", { className: "case-form refund-form" }, el("p", { className: "muted" }, t("refundNoPlanLayer")),
      el("button", { type: "button", onclick: onCancel }, t("cancel")));
  }
  const route = el("select", { name: "route" }, REFUND_ROUTES.map((r) => el("option", { value: r }, t(ROUTE_LABELS[r]))));
  const help = el("p", { className: "muted route-help" });
  const sync = () => { help.textContent = t(ROUTE_HELP[route.value]); };
  route.addEventListener("change", sync);
  sync();
  const layer = el("select", { name: "layer_id" }, layers.map((l) => el("option", { value: l.id }, layerName(l, t))));
  return shell({
    className: "refund-form",
    heading: t("refundStartHeading"),
    t,
    submitKey: "refundStartSubmit",
    onCancel,
    fields: [labelled(`${id}-route`, t("refundRoute"), route), help, labelled(`${id}-layer`, t("refundLayer"), layer)],
    async onSubmit() {
      const opened = await call("refunds.open", { coverageId: record.id, route: route.value, layer_id: layer.value });
      go(`refunds?case=${encodeURIComponent(opened.id)}`);
    },
  });
}

/** "Report a fault": which layer, what broke, when and to whom it was reported, the promise. */
export function claimForm(record, { t, call, onCancel, go = (hash) => { location.hash = hash; } }) {
  const id = `claim-form-${record.id}-${++serial}`;
  const layers = (record.layers ?? []).filter((l) => l.state === "in_force");
  if (!layers.length) {
    return el("div", { className: "case-form claim-form" }, el("p", { className: "muted" }, t("claimNoLayer")),
      el("button", { type: "button", onclick: onCancel }, t("cancel")));
  }
  const preferred = layers.find((l) => l.status === "active") ?? layers[0];
  const layer = el("select", { name: "layer_id" }, layers.map((l) => el("option", { value: l.id, selected: l === preferred }, layerName(l, t))));
  const fault = el("textarea", { name: "fault", rows: 2, maxLength: 2000, required: true });
  const reportedOn = el("input", { type: "date", name: "reported_on", value: format.today() });
  const reportedTo = el("input", { type: "text", name: "reported_to", maxLength: 200, value: preferred.provider ?? "" });
  const hours = el("input", { type: "number", name: "callback_promised_hours", min: "1", max: "720", step: "1", value: "24", size: 5 });
  layer.addEventListener("change", () => {
    const chosen = layers.find((l) => l.id === layer.value);
    if (chosen?.provider && !reportedTo.value) reportedTo.value = chosen.provider;
  });
  return shell({
    className: "claim-form",
    heading: t("claimStartHeading"),
    t,
    submitKey: "claimStartSubmit",
    onCancel,
    fields: [
      labelled(`${id}-layer`, t("claimLayer"), layer),
      labelled(`${id}-fault`, t("claimFault"), fault),
      labelled(`${id}-reported-on`, t("claimReportedOn"), reportedOn),
      labelled(`${id}-reported-to`, t("claimReportedTo"), reportedTo),
      labelled(`${id}-hours`, t("claimPromisedHours"), hours),
      el("p", { className: "muted route-help" }, t("claimPromisedHelp")),
    ],
    async onSubmit() {
      const payload = { coverageId: record.id, layer_id: layer.value, fault: fault.value.trim(), reported_to: reportedTo.value.trim() || null };
      if (reportedOn.value) payload.reported_on = reportedOn.value;
      // Left empty: the platform guide's usual promise, where a source gives one.
      if (hours.value !== "") payload.callback_promised_hours = Number(hours.value);
      const claim = await call("claims.open", payload);
      go(`claims?claim=${encodeURIComponent(claim.id)}`);
    },
  });
}

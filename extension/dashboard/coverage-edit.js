// Editing a coverage: its own fields and its layers of cover. Saving sends every remaining layer
// in the request shape (lib/layers.js), which replaces the stored layers; the service's errors
// are shown beside the field, or the layer, they name.
import "../lib/dom.js";
import { editedLayer, errorsByLayer, layersRequest, NEW_STARTS, newLayer, termOf } from "../lib/layers.js";
import { LAYER_KINDS, LAYER_STATES, PLAN_KINDS, STARTS } from "../lib/vocabulary.js";

const { el, clear } = globalThis.Yanbao.dom;

const FIELDS = [
  { name: "purchase_date", type: "date", labelKey: "editPurchaseDate" },
  { name: "order_ref", type: "text", labelKey: "editOrderRef" },
  { name: "notes", type: "text", labelKey: "editNotes" },
  { name: "tags", type: "text", labelKey: "editTags" },
];

// Message keys per choice, written out so the locale test sees every key used; the choices
// themselves and their order come from the service's vocabulary (lib/vocabulary.js).
const KIND_LABELS = {
  manufacturer: "layer_manufacturer",
  statutory: "layer_statutory",
  card: "layer_card",
  plan: "layer_plan",
  accidental: "layer_accidental",
};
const PLAN_KIND_LABELS = {
  extended: "editPlanKindExtended",
  accidental_damage: "editPlanKindAccidentalDamage",
  replace: "editPlanKindReplace",
  other: "editPlanKindOther",
};
const STATE_LABELS = { in_force: "editStateInForce", refunded: "editStateRefunded", void: "editStateVoid" };
const STARTS_LABELS = {
  purchase: "editStartsPurchase",
  after_manufacturer: "editStartsAfterManufacturer",
  on_date: "editStartsOnDate",
};
/** The choices of a vocabulary with their message keys; a word without a label is a bug. */
const labelledChoices = (values, labels) =>
  values.map((value) => {
    if (!labels[value]) throw new Error(`no label for ${value}`);
    return { value, labelKey: labels[value] };
  });
const KIND_CHOICES = labelledChoices(LAYER_KINDS, KIND_LABELS);
const PLAN_KIND_CHOICES = labelledChoices(PLAN_KINDS, PLAN_KIND_LABELS);
const STATE_CHOICES = labelledChoices(LAYER_STATES, STATE_LABELS);
const STARTS_CHOICES = labelledChoices(STARTS, STARTS_LABELS);
const TERM_LABELS = [
  { value: "months", labelKey: "editTermMonths" },
  { value: "end_date", labelKey: "editTermEndDate" },
  { value: "lifetime", labelKey: "editTermLifetime" },
];
// Which input of a layer row a service error path points at.
const ERROR_INPUT = {
  kind: "kind", plan_kind: "plan_kind", starts: "starts", start_date: "starts", term_months: "term_months",
  end_date: "end_date", lifetime: "term", state: "state", provider: "provider", name: "name", price: "price", currency: "currency",
};

let serial = 0;

function select(name, choices, value, t) {
  return el("select", { name }, choices.map((c) => el("option", { value: c.value, selected: c.value === value }, t(c.labelKey))));
}

/** One labelled control in a layer's grid: a <label for> and the control with its id. */
function labelled(id, text, control) {
  control.id = id;
  return [el("label", { for: id }, text), control];
}

/**
 * A layer's fieldset. `base` is the layer in the request shape; `fresh` (a layer being added)
 * also shows its kind, plan kind and start. read() answers the edited layer in the request shape.
 */
function layerRow(base, { t, fresh, prefix, onRemove }) {
  const id = (name) => `${prefix}-${name}`;
  const inputs = {
    term: select("term", TERM_LABELS, termOf(base), t),
    term_months: el("input", { type: "number", name: "term_months", min: "0", max: "1200", step: "1", inputMode: "numeric", value: base.term_months == null ? "" : String(base.term_months) }),
    end_date: el("input", { type: "date", name: "end_date", value: base.end_date ?? "" }),
    state: select("state", STATE_CHOICES, base.state ?? "in_force", t),
    provider: el("input", { type: "text", name: "provider", maxLength: 200, value: base.provider ?? "" }),
    name: el("input", { type: "text", name: "name", maxLength: 200, value: base.name ?? "" }),
    price: el("input", { type: "text", name: "price", inputMode: "decimal", maxLength: 20, value: base.price ?? "" }),
    currency: el("input", { type: "text", name: "currency", maxLength: 3, size: 4, autocapitalize: "characters", value: base.currency ?? "" }),
  };
  if (fresh) {
    inputs.kind = select("kind", KIND_CHOICES, base.kind, t);
    inputs.plan_kind = select("plan_kind", PLAN_KIND_CHOICES, base.plan_kind ?? "extended", t);
    inputs.starts = select("starts", STARTS_CHOICES.filter((s) => NEW_STARTS.includes(s.value)), base.starts ?? "purchase", t);
  }
  const legend = el("legend");
  const remove = el("button", { type: "button", className: "remove-layer", onclick: onRemove }, t("editLayerRemove"));
  const message = el("p", { className: "error layer-error", id: id("error"), role: "alert", hidden: true });
  const termMonths = el("span", { className: "term-field" }, labelled(id("term_months"), t("editLayerMonths"), inputs.term_months));
  const termEnd = el("span", { className: "term-field" }, labelled(id("end_date"), t("editLayerEndDate"), inputs.end_date));
  const planKindRow = fresh ? el("div", { className: "layer-field" }, labelled(id("plan_kind"), t("editLayerPlanKind"), inputs.plan_kind)) : null;

  const sync = () => {
    const kind = inputs.kind?.value ?? base.kind;
    const what = t(`layer_${kind}`);
    clear(legend, fresh ? t("editLayerNewLegend", what) : [what, base.name || base.provider].filter(Boolean).join(" · "));
    termMonths.hidden = inputs.term.value !== "months";
    termEnd.hidden = inputs.term.value !== "end_date";
    if (planKindRow) planKindRow.hidden = kind !== "plan";
    remove.setAttribute("aria-label", `${t("editLayerRemove")}: ${legend.textContent}`);
  };
  inputs.term.addEventListener("change", sync);
  inputs.kind?.addEventListener("change", sync);

  const field = (name, text) => el("div", { className: "layer-field" }, labelled(id(name), text, inputs[name]));
  const node = el("fieldset", { className: "layer-edit", dataset: { kind: base.kind } },
    legend,
    fresh ? field("kind", t("editLayerKind")) : null,
    planKindRow,
    fresh ? field("starts", t("editLayerStarts")) : null,
    el("div", { className: "layer-field" }, labelled(id("term"), t("editLayerTerm"), inputs.term), termMonths, termEnd),
    field("state", t("editLayerState")),
    field("provider", t("editLayerProvider")),
    field("name", t("editLayerName")),
    el("div", { className: "layer-field" }, labelled(id("price"), t("editLayerPrice"), inputs.price), labelled(id("currency"), t("editLayerCurrency"), inputs.currency)),
    el("div", { className: "row-actions" }, remove),
    message);
  sync();

  return {
    node,
    read() {
      const values = {};
      for (const [name, input] of Object.entries(inputs)) values[name] = input.value;
      return editedLayer(base, values);
    },
    showErrors(errors) {
      for (const input of Object.values(inputs)) {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
      message.hidden = !errors.length;
      clear(message, errors.map((e) => e.message).join(" "));
      for (const error of errors) {
        const target = inputs[ERROR_INPUT[error.field]] ?? null;
        if (!target) continue;
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", message.id);
      }
    },
  };
}

export function editForm(record, { t, call, onSaved, onCancel }) {
  const formId = `edit-${record.id}-${++serial}`;
  const inputs = {};
  const status = el("p", { role: "status", className: "edit-status" });
  const rows = FIELDS.flatMap(({ name, type, labelKey }) => {
    const value = name === "tags" ? (record.tags ?? []).join(", ") : (record[name] ?? "");
    inputs[name] = el("input", { type, name, value: String(value) });
    return labelled(`${formId}-${name}`, t(labelKey), inputs[name]);
  });

  const layerList = el("div", { className: "layer-list" });
  let layers = [];
  let added = 0;
  const addRow = (base, fresh) => {
    const row = layerRow(base, {
      t,
      fresh,
      prefix: `${formId}-layer-${fresh ? `new${++added}` : layers.length}`,
      onRemove() {
        layers = layers.filter((r) => r !== row);
        row.node.remove();
        status.textContent = t("editLayerRemoved");
        status.className = "edit-status";
      },
    });
    layers.push(row);
    layerList.append(row.node);
    return row;
  };
  for (const layer of layersRequest(record)) addRow(layer, false);

  const newKind = select("new_kind", KIND_CHOICES, "plan", t);
  newKind.id = `${formId}-new-kind`;
  const adder = el("div", { className: "layer-add" },
    el("label", { for: newKind.id }, t("editLayerAddKind")), newKind,
    el("button", {
      type: "button",
      className: "add-layer",
      onclick() {
        const row = addRow(newLayer(newKind.value, record.product?.currency ?? null), true);
        row.node.querySelector("select, input")?.focus();
      },
    }, t("editLayerAdd")));

  const showErrors = (error) => {
    const { layers: byLayer, other } = errorsByLayer(error.errors);
    layers.forEach((row, index) => row.showErrors(byLayer.get(index) ?? []));
    for (const input of Object.values(inputs)) input.removeAttribute("aria-invalid");
    for (const e of other) inputs[e.field]?.setAttribute("aria-invalid", "true");
    status.className = "edit-status error";
    const lines = other.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
    if (byLayer.size) lines.unshift(t("editLayerErrors"));
    status.textContent = lines.length ? lines.join("; ") : error.message;
  };

  const form = el("form", {
    className: "edit",
    noValidate: true,
    async onsubmit(event) {
      event.preventDefault();
      const changes = {
        purchase_date: inputs.purchase_date.value,
        order_ref: inputs.order_ref.value.trim() || null,
        notes: inputs.notes.value.trim() || null,
        tags: inputs.tags.value.split(",").map((s) => s.trim()).filter(Boolean),
        layers: layers.map((row) => row.read()),
      };
      status.className = "edit-status";
      status.textContent = "";
      try {
        onSaved(await call("coverages.update", { id: record.id, changes }));
      } catch (error) {
        showErrors(error);
      }
    },
  }, rows,
  el("h3", { className: "layers-heading", id: `${formId}-layers` }, t("editLayersHeading")),
  el("div", { className: "layers", role: "group", "aria-labelledby": `${formId}-layers` }, layerList, adder),
  el("div", { className: "row-actions" },
    el("button", { type: "submit", className: "primary" }, t("save")),
    el("button", { type: "button", onclick: onCancel }, t("cancel"))), status);
  return form;
}

// Editing a coverage's own fields (the layers stay as the service computed them).
import "../lib/dom.js";

const { el } = globalThis.Yanbao.dom;

const FIELDS = [
  ["purchase_date", "date", "editPurchaseDate"],
  ["order_ref", "text", "editOrderRef"],
  ["notes", "text", "editNotes"],
  ["tags", "text", "editTags"],
];

export function editForm(record, { t, call, onSaved, onCancel }) {
  const inputs = {};
  const status = el("p", { role: "status" });
  const rows = FIELDS.flatMap(([name, type, key]) => {
    const value = name === "tags" ? (record.tags ?? []).join(", ") : (record[name] ?? "");
    inputs[name] = el("input", { type, name, value: String(value) });
    return [el("label", { htmlFor: `edit-${record.id}-${name}` }, t(key)), Object.assign(inputs[name], { id: `edit-${record.id}-${name}` })];
  });
  const form = el("form", {
    className: "edit",
    async onsubmit(event) {
      event.preventDefault();
      const changes = {
        purchase_date: inputs.purchase_date.value,
        order_ref: inputs.order_ref.value.trim() || null,
        notes: inputs.notes.value.trim() || null,
        tags: inputs.tags.value.split(",").map((s) => s.trim()).filter(Boolean),
      };
      try {
        onSaved(await call("coverages.update", { id: record.id, changes }));
      } catch (error) {
        status.className = "error";
        status.textContent = error.errors.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join("; ") : error.message;
      }
    },
  }, rows, el("span"), el("div", { className: "row-actions" },
    el("button", { type: "submit", className: "primary" }, t("save")),
    el("button", { type: "button", onclick: onCancel }, t("cancel"))), status);
  return form;
}

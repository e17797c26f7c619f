// A small schema check for message payloads: every handler declares the fields it accepts.
// Spec per field: {type: "string"|"integer"|"number"|"boolean"|"object"|"array", required?,
// max? (string length / array length), min?, enum?, pattern?, nullable?, fields? (an object's own
// spec, checked the same way), items? (the rule for each element of an array)}. Errors in nested
// values carry dotted paths such as "changes.layers.2.term_months".
export function validate(payload, spec, prefix = "") {
  const errors = [];
  if (payload == null || typeof payload !== "object" || Array.isArray(payload)) {
    return [{ field: prefix, message: prefix ? "must be object" : "payload must be an object" }];
  }
  const path = (name) => (prefix ? `${prefix}.${name}` : String(name));
  for (const key of Object.keys(payload)) {
    if (!Object.hasOwn(spec, key)) errors.push({ field: path(key), message: "unknown field" });
  }
  for (const [field, rule] of Object.entries(spec)) errors.push(...checkValue(payload[field], rule, path(field)));
  return errors;
}

function checkValue(value, rule, field) {
  if (value === undefined || (value === null && rule.nullable)) {
    return rule.required && value === undefined ? [{ field, message: "required" }] : [];
  }
  const problem = check(value, rule);
  if (problem) return [{ field, message: problem }];
  if (rule.fields) return validate(value, rule.fields, field);
  if (rule.items) return value.flatMap((item, index) => checkValue(item, rule.items, `${field}.${index}`));
  return [];
}

function check(value, rule) {
  const actual = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
  const ok = actual === rule.type || (rule.type === "number" && actual === "integer");
  if (!ok || value === null) return `must be ${rule.type}`;
  if (rule.enum && !rule.enum.includes(value)) return `must be one of ${rule.enum.join(", ")}`;
  if (rule.pattern && !rule.pattern.test(value)) return "has the wrong format";
  const size = typeof value === "string" || Array.isArray(value) ? value.length : value;
  if (rule.max != null && typeof size === "number" && size > rule.max) return `must be at most ${rule.max}`;
  if (rule.min != null && typeof size === "number" && size < rule.min) return `must be at least ${rule.min}`;
  return null;
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ID = /^[A-Za-z0-9-]{1,64}$/;

// A small schema check for message payloads: every handler declares the fields it accepts.
// Spec per field: {type: "string"|"integer"|"number"|"boolean"|"object"|"array", required?,
// max? (string length / array length), min?, enum?, pattern?, nullable?}.
export function validate(payload, spec) {
  const errors = [];
  if (payload == null || typeof payload !== "object" || Array.isArray(payload)) {
    return [{ field: "", message: "payload must be an object" }];
  }
  for (const key of Object.keys(payload)) {
    if (!(key in spec)) errors.push({ field: key, message: "unknown field" });
  }
  for (const [field, rule] of Object.entries(spec)) {
    const value = payload[field];
    if (value === undefined || (value === null && rule.nullable)) {
      if (rule.required && value === undefined) errors.push({ field, message: "required" });
      continue;
    }
    const problem = check(value, rule);
    if (problem) errors.push({ field, message: problem });
  }
  return errors;
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

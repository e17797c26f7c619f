// Options: one defaults object plus an ordered list of migrations, applied on read, so a stored
// object from any earlier version comes out in today's shape.
export const DEFAULT_SERVICE_URL = "http://127.0.0.1:8000";

export const DEFAULTS = Object.freeze({
  version: 2,
  serviceUrl: DEFAULT_SERVICE_URL,
  language: "auto", // "auto" | "en" | "zh_CN"
  cardExtensionMonths: 0,
  disabledHosts: [], // hosts where the panel stays off
  shopOrigins: [], // schema.org shops the shopper enabled, e.g. "https://shop.example"
  panel: { collapsed: false, corner: "bottom-right" },
});

export const CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"];

const hostList = (list) =>
  [...new Set((Array.isArray(list) ? list : []).map((h) => String(h).trim().toLowerCase()).filter(Boolean))];

/** Each step takes the stored object of version `to - 1` and returns version `to`. */
export const MIGRATIONS = [
  {
    // 1: the first stored shape; normalises whatever an unversioned object holds.
    to: 1,
    up: (s) => ({ ...s, serviceUrl: normaliseServiceUrl(s.serviceUrl ?? DEFAULT_SERVICE_URL) }),
  },
  {
    // 2: "off" sites became host names, and the panel position moved under `panel`.
    to: 2,
    up: ({ disabledSites, panelCorner, panelCollapsed, ...s }) => ({
      ...s,
      disabledHosts: hostList([...(s.disabledHosts ?? []), ...(disabledSites ?? [])]),
      panel: { collapsed: Boolean(panelCollapsed), corner: panelCorner ?? "bottom-right", ...s.panel },
    }),
  },
];

export function normaliseServiceUrl(url) {
  const u = new URL(String(url).trim());
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("service URL must be http(s)");
  return u.origin + u.pathname.replace(/\/+$/, "");
}

/** Stored settings (or nothing) brought to the current version, with defaults filled in. */
export function migrate(stored, migrations = MIGRATIONS, defaults = DEFAULTS) {
  let current = stored && typeof stored === "object" ? { ...stored } : {};
  const from = Number.isInteger(current.version) ? current.version : 0;
  for (const step of migrations) {
    if (step.to > from) current = { ...step.up(current), version: step.to };
  }
  return { ...structuredClone(defaults), ...current, panel: { ...defaults.panel, ...current.panel } };
}

/** Validates a partial update from the options page; returns {value} or {errors}. */
export function applyUpdate(settings, patch) {
  const errors = [];
  const next = { ...settings, panel: { ...settings.panel } };
  if ("serviceUrl" in patch) {
    try {
      next.serviceUrl = normaliseServiceUrl(patch.serviceUrl);
    } catch {
      errors.push({ field: "serviceUrl", message: "Enter an http:// or https:// address." });
    }
  }
  if ("language" in patch) {
    if (["auto", "en", "zh_CN"].includes(patch.language)) next.language = patch.language;
    else errors.push({ field: "language", message: "Choose auto, en or zh_CN." });
  }
  if ("cardExtensionMonths" in patch) {
    const n = Number(patch.cardExtensionMonths);
    if (Number.isInteger(n) && n >= 0 && n <= 60) next.cardExtensionMonths = n;
    else errors.push({ field: "cardExtensionMonths", message: "Use whole months from 0 to 60." });
  }
  if ("disabledHosts" in patch) next.disabledHosts = hostList(patch.disabledHosts);
  if ("shopOrigins" in patch) next.shopOrigins = [...new Set(patch.shopOrigins ?? [])];
  if ("panel" in patch) {
    if ("collapsed" in patch.panel) next.panel.collapsed = Boolean(patch.panel.collapsed);
    if ("corner" in patch.panel) {
      if (CORNERS.includes(patch.panel.corner)) next.panel.corner = patch.panel.corner;
      else errors.push({ field: "panel.corner", message: `Choose one of ${CORNERS.join(", ")}.` });
    }
  }
  return errors.length ? { errors } : { value: next };
}

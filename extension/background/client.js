// The only code that talks to the service. Registers a device on first use, sends the bearer
// token, and turns every failure into a ServiceError: status 0 means "could not reach it".
import { clearAuth, getAuth, getSettings, saveAuth } from "./storage.js";

export class ServiceError extends Error {
  constructor({ status, title, detail, errors }) {
    super(detail || title || `service answered ${status}`);
    this.status = status;
    this.title = title ?? null;
    this.detail = detail ?? null;
    this.errors = errors ?? [];
  }

  get unreachable() {
    return this.status === 0;
  }

  toJSON() {
    return { status: this.status, title: this.title, detail: this.detail, errors: this.errors };
  }
}

const TIMEOUT_MS = 15_000;

/**
 * One request. Answers the JSON body; with `raw`, {text, contentType}; with `bytes`,
 * {bytes: Uint8Array, contentType, disposition}; with `withStatus`, {status, data} (a 200
 * instead of a 201 tells a replayed idempotent create). A FormData body goes as multipart, its
 * boundary in the Content-Type fetch writes.
 */
async function send(base, method, path, { body, headers = {}, token, raw, bytes, withStatus } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers }, signal: AbortSignal.timeout(TIMEOUT_MS) };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers["Content-Type"] ??= "application/json";
  }
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (error) {
    throw new ServiceError({ status: 0, title: "unreachable", detail: String(error?.message ?? error) });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not problem+json (a proxy's page, say): the status alone must do.
    }
    throw new ServiceError({ status: response.status, ...problem });
  }
  if (response.status === 204) return null;
  if (raw) return { text: await response.text(), contentType: response.headers.get("Content-Type") };
  if (bytes) {
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("Content-Type"),
      disposition: response.headers.get("Content-Disposition") };
  }
  const data = await response.json();
  return withStatus ? { status: response.status, data } : data;
}

function deviceName() {
  const brand = navigator.userAgentData?.brands?.find((b) => !/Not.A.Brand|Chromium/i.test(b.brand))?.brand;
  const browser = brand ?? (/Firefox/.test(navigator.userAgent) ? "Firefox" : "Chromium");
  return `Yanbao on ${browser}`.slice(0, 80);
}

/** Registers this browser with the service (or joins another device's account with a code). */
export async function register({ pairingCode } = {}) {
  const { serviceUrl } = await getSettings();
  const body = { name: deviceName(), ...(pairingCode ? { pairing_code: pairingCode } : {}) };
  const result = await send(serviceUrl, "POST", "/api/v1/devices", { body });
  const auth = {
    token: result.token,
    accountId: result.account_id,
    deviceId: result.device?.id ?? null,
    serviceUrl,
    registeredAt: Date.now(),
  };
  await saveAuth(auth);
  return auth;
}

/** The stored token for the configured service, registering first when there is none. */
export async function ensureAuth() {
  const [auth, { serviceUrl }] = await Promise.all([getAuth(), getSettings()]);
  if (auth?.token && auth.serviceUrl === serviceUrl) return auth;
  return register();
}

/** An authenticated call: request("GET", "/api/v1/coverages", {body, headers, raw, withStatus}). */
export async function request(method, path, options = {}) {
  const auth = await ensureAuth();
  try {
    return await send(auth.serviceUrl, method, path, { ...options, token: auth.token });
  } catch (error) {
    // A token the service no longer knows: forget it so the options page offers to pair again.
    if (error.status === 401) await clearAuth();
    throw error;
  }
}

export const query = (params) => {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return pairs.length ? `?${new URLSearchParams(pairs)}` : "";
};

// A stand-in for the WebExtension APIs the worker uses (storage, runtime, i18n) and for fetch,
// so the real worker modules run in Node. Import this before any module that reads `chrome`.
const clone = (v) => (v === undefined ? undefined : structuredClone(v));

function area() {
  const data = {};
  return {
    data,
    async get(keys) {
      const list = keys == null ? Object.keys(data) : [keys].flat();
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, clone(data[k])]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data[k] = clone(v);
    },
    async remove(keys) {
      for (const k of [keys].flat()) delete data[k];
    },
  };
}

export const local = area();
export const session = area();

globalThis.chrome = {
  storage: { local, session },
  runtime: { getURL: (p) => `chrome-extension://test/${p}`, getManifest: () => ({ content_scripts: [{ js: [] }] }) },
  i18n: { getUILanguage: () => "en-US" },
};

/** Every request the code made, and a switchable service behind fetch. */
export const service = {
  requests: [],
  up: true,
  coverageStatus: 201,
  routes: null, // a test's own answers: (method, path, init) => Response | undefined
  async handle(url, init = { method: "GET", headers: {} }) {
    const path = new URL(url).pathname;
    this.requests.push({ method: init.method, path, headers: { ...init.headers }, body: init.body });
    if (!this.up) throw new TypeError("Failed to fetch");
    const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    const own = this.routes?.(init.method, path, init, url);
    if (own) return own;
    if (path === "/api/v1/devices") return json(201, { token: "tok-1", account_id: "acc-1", device: { id: "dev-1" } });
    if (path === "/api/v1/coverages" && init.method === "POST") {
      const status = this.coverageStatus;
      return status < 400 ? json(status, { id: "cov-1", status: "active" }) : json(status, { title: "Bad Request", detail: "purchase_date: bad", status });
    }
    return json(404, { title: "Not Found", status: 404 });
  },
  posts(path) {
    return this.requests.filter((r) => r.method === "POST" && r.path === path);
  },
};

globalThis.fetch = (url, init) => service.handle(url, init);
globalThis.navigator ??= { userAgent: "Node" }; // Node 20 has none; the worker names its device from it

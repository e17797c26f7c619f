// One router for every message: a map of named handlers, each declaring its payload fields and
// whether content scripts may call it. Answers {ok: true, data} or {ok: false, error}.
import { validate } from "../lib/validate.js";
import { ServiceError } from "./client.js";

const EXTENSION_ORIGIN = globalThis.location?.origin ?? "";

/** True when the sender is one of the extension's own pages, not a content script in a tab. */
export function fromExtensionPage(sender, origin = EXTENSION_ORIGIN) {
  return Boolean(sender?.url && origin && sender.url.startsWith(`${origin}/`));
}

export function createRouter(handlers, { origin = EXTENSION_ORIGIN } = {}) {
  const byName = new Map();
  for (const handler of handlers) {
    if (byName.has(handler.name)) throw new Error(`two handlers named ${handler.name}`);
    byName.set(handler.name, handler);
  }

  async function dispatch(message, sender) {
    const handler = byName.get(message?.type);
    if (!handler) return { ok: false, error: { status: 400, title: "unknown message", detail: String(message?.type) } };
    if (!handler.fromContent && !fromExtensionPage(sender, origin)) {
      return { ok: false, error: { status: 403, title: "not allowed from a web page", detail: handler.name } };
    }
    const payload = message.payload ?? {};
    const errors = validate(payload, handler.fields ?? {});
    if (errors.length) return { ok: false, error: { status: 400, title: "invalid payload", errors } };
    try {
      return { ok: true, data: (await handler.run(payload, sender)) ?? null };
    } catch (error) {
      if (error instanceof ServiceError) return { ok: false, error: error.toJSON() };
      return { ok: false, error: { status: 500, title: "extension error", detail: String(error?.message ?? error) } };
    }
  }

  return { dispatch, names: () => [...byName.keys()] };
}

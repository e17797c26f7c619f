// Shared start of every extension page: load the shopper's language, fill data-i18n text, and a
// call() that goes through the worker's router (pages never call the service themselves).
import { api } from "./api.js";
import "./i18n.js";

const { i18n } = globalThis.Yanbao;

export class CallError extends Error {
  constructor(error) {
    super(error?.detail || error?.title || "error");
    this.status = error?.status ?? 500;
    this.errors = error?.errors ?? [];
  }
}

export async function call(type, payload = {}) {
  const answer = await api.runtime.sendMessage({ type, payload });
  if (!answer?.ok) throw new CallError(answer?.error);
  return answer.data;
}

/** Loads settings and the catalog, localizes the document; returns {t, lang, settings}. */
export async function setup() {
  const { settings, lang, messages } = await call("settings.get");
  const t = i18n.translator(messages);
  document.documentElement.lang = lang === "zh_CN" ? "zh-CN" : "en";
  i18n.localize(document, t);
  document.title = t(document.body.dataset.titleKey ?? "extName");
  return { t, lang, settings };
}

/** A sentence for a failed call: "could not reach the service" or the service's own words. */
export const describeError = (t, error) =>
  error.status === 0 ? t("errorUnreachable") : t("errorService", error.message);

// The worker's side of translations: which language the shopper chose, and its catalog.
import { api } from "../lib/api.js";
import "../lib/i18n.js";

const { i18n } = globalThis.Yanbao;
const cache = new Map();

export const languageOf = (settings) => i18n.resolveLanguage(settings.language, api.i18n.getUILanguage());

export async function loadMessages(lang) {
  if (!cache.has(lang)) {
    const response = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    cache.set(lang, await response.json());
  }
  return cache.get(lang);
}

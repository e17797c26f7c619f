// Schema.org shops the shopper enabled by hand: the same content script, registered at run time
// for exactly the origins whose permission was granted (optional "scripting" + host).
import { api } from "../lib/api.js";

const SCRIPT_ID = "yanbao-shops";

const contentFiles = () => api.runtime.getManifest().content_scripts[0].js;

export async function syncShopScripts(origins) {
  if (!api.scripting) return; // not granted yet: nothing to register
  const granted = [];
  for (const origin of origins) {
    if (await api.permissions.contains({ origins: [`${origin}/*`] })) granted.push(`${origin}/*`);
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await api.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches: granted, js: contentFiles(), runAt: "document_idle", persistAcrossSessions: true },
    ]);
  }
}

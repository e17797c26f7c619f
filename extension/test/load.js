// The content-side libraries are classic scripts that register on globalThis.Yanbao (so the
// content script needs no web_accessible_resources); importing one runs it once.
import "../sites/index.js";
import "../lib/structured-data.js";
import "../lib/snapshot.js";
import "../lib/redetect.js";
import "../lib/i18n.js";
import "../lib/format.js";
import "../lib/comparison.js";
import "../lib/sparkline.js";

export const Y = globalThis.Yanbao;

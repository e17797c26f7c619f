// Every site, for the service worker and the extension pages: `import "../sites/index.js"`.
// Written by `node tools/sync-sites.mjs` from the files in this folder; do not edit by hand.
import "../lib/sites.js";
import "./aliexpress.js";
import "./amazon.js";
import "./bestbuy.js";
import "./ebay.js";
import "./jd.js";
import "./schema_org.js";
import "./taobao.js";
import "./tmall.js";
import "./walmart.js";

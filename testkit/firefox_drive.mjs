// Real Firefox (Debian's firefox-esr) with the unpacked extension, driven over WebDriver BiDi by
// puppeteer-core: installs the extension as a temporary add-on, opens each page through the
// page server (an HTTP proxy; loopback bypasses it, so the extension reaches the local service)
// and reports whether the extension drew its panel there. The panel's shadow root is closed and
// BiDi cannot enter extension pages, so what the panel says is checked through the service it
// talks to (testkit/firefox.py) and kept as a screenshot.
//
// node testkit/firefox_drive.mjs '<json: {puppeteer, firefox, extension, proxyPort, pages: [{url, screenshot}]}>'
import { createRequire } from "node:module";

const job = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const puppeteer = require(job.puppeteer);

const browser = await puppeteer.launch({
  browser: "firefox", executablePath: job.firefox, headless: true, acceptInsecureCerts: true,
  extraPrefsFirefox: {
    "xpinstall.signatures.required": false,
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1", "network.proxy.http_port": job.proxyPort,
    "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": job.proxyPort,
    "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
    "network.proxy.allow_hijacking_localhost": false,
    // No traffic of Firefox's own (remote settings, telemetry) through the page server.
    "services.settings.server": "http://127.0.0.1:9/",
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
  },
});
const results = [];
try {
  const id = await browser.installExtension(job.extension);
  const version = await browser.version();
  for (const { url, screenshot } of job.pages) {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: "load" });
    let drawn = false;
    for (let i = 0; i < 150 && !drawn; i++) {
      drawn = await page.evaluate(() => Boolean(document.querySelector("yanbao-panel")));
      if (!drawn) await new Promise((r) => setTimeout(r, 100));
    }
    // The panel fills in once the service answers; give it that moment before the picture.
    await new Promise((r) => setTimeout(r, 2500));
    if (screenshot) await page.screenshot({ path: screenshot });
    results.push({ url, drawn, title: await page.title() });
    await page.close();
  }
  console.log(JSON.stringify({ id, version, results }));
} finally {
  await browser.close();
}

// Shopper-facing text comes from _locales/<lang>/messages.json, in chrome.i18n's own format.
// The shopper may pick a language other than the browser's, which chrome.i18n.getMessage cannot
// do, so the catalog is loaded as data and substituted here with the same placeholder rules.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const LANGUAGES = ["en", "zh_CN"];

  /** "auto" follows the browser: any Chinese UI gets Simplified Chinese, everything else English. */
  function resolveLanguage(setting, uiLanguage) {
    if (LANGUAGES.includes(setting)) return setting;
    return /^zh\b/i.test(uiLanguage ?? "") ? "zh_CN" : "en";
  }

  /** t(key, ...substitutions) over a messages.json object; an unknown key shows itself. */
  function translator(messages) {
    return (key, ...subs) => {
      const entry = messages[key];
      if (!entry) return key;
      const values = subs.flat().map(String);
      const named = entry.placeholders ?? {};
      const positional = (text) => text.replace(/\$(\d)/g, (_, n) => values[Number(n) - 1] ?? "");
      // One pass, so a substituted value containing "$1" is never substituted again.
      return entry.message.replace(/\$([A-Za-z_][A-Za-z0-9_@]*)\$|\$(\d)|\$\$/g, (whole, name, digit) => {
        if (digit) return values[Number(digit) - 1] ?? "";
        if (!name) return "$";
        const placeholder = named[name.toLowerCase()];
        return placeholder ? positional(placeholder.content) : whole;
      });
    };
  }

  /** Fills data-i18n (text), data-i18n-placeholder, -title and -aria-label under root. */
  function localize(root, t) {
    for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const attr of ["placeholder", "title", "aria-label"]) {
      const key = `i18n${attr.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;
      for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
        el.setAttribute(attr, t(el.dataset[key]));
      }
    }
  }

  ns.i18n = { LANGUAGES, resolveLanguage, translator, localize };
})();

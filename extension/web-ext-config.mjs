// `web-ext lint` / `web-ext run` from this folder: the extension only, not its tests or tools.
export default {
  ignoreFiles: [".tooling", ".tooling/**", "test", "test/**", "tools", "tools/**", "web-ext-config.mjs"],
};

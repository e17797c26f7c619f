// The WebExtension namespace: Firefox's promise-based `browser`, else Chrome's `chrome`.
export const api = globalThis.browser ?? globalThis.chrome;

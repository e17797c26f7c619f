// The dashboard shell: a nav of sections and the one on screen. Each section is one module in
// sections/ (see sections/index.js); the shell knows nothing about what they show.
import "../lib/dom.js";
import { call, setup } from "../lib/page.js";
import { SECTIONS } from "./sections/index.js";

const { el, clear } = globalThis.Yanbao.dom;
const ctx = { ...(await setup()), call };
const nav = document.getElementById("sections");
const main = document.getElementById("section");

/** Opens the section a hash names: "#plans?market=US&category=digital" (its query is the section's). */
function open(hash) {
  const [id, search = ""] = hash.split("?");
  const section = SECTIONS.find((s) => s.id === id) ?? SECTIONS[0];
  for (const button of nav.children) {
    if (button.dataset.section === section.id) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  const container = el("div", { id: `section-${section.id}` });
  clear(main, container);
  section.mount(container, { ...ctx, params: new URLSearchParams(search) });
}

for (const section of SECTIONS) {
  nav.append(el("button", { type: "button", dataset: { section: section.id }, onclick: () => { location.hash = section.id; } }, ctx.t(section.titleKey)));
}
window.addEventListener("hashchange", () => open(location.hash.slice(1)));
open(location.hash.slice(1));

// The comparison table of the panel (content/panel-offers.js), built on a minimal DOM: an
// estimate's row says how it was made, in its tooltip and its "why?" line, in the shopper's
// language (the catalog's `method_zh` in Chinese, `method` in English or when there is no
// Chinese).
import assert from "node:assert/strict";
import { test } from "node:test";
import "../lib/dom.js";
import { Y } from "./load.js";
import { comparison, detectAnswer, estimatePlan } from "./helpers/contract.js";

// Just what dom.js's el() and the table's "why?" toggle use.
class Node {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.dataset = {};
    this.style = {};
    this.children = [];
    this.parentNode = null;
    this.hidden = false;
    this.listeners = {};
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  getAttribute(name) {
    return this.attributes[name] ?? null;
  }

  addEventListener(type, listener) {
    this.listeners[type] = listener;
  }

  append(...nodes) {
    for (const node of nodes) {
      if (typeof node === "object") node.parentNode = this;
      this.children.push(node);
    }
  }

  after(node) {
    const siblings = this.parentNode.children;
    node.parentNode = this.parentNode;
    siblings.splice(siblings.indexOf(this) + 1, 0, node);
  }

  get isConnected() {
    return this.parentNode != null;
  }

  get textContent() {
    return this.children.map((c) => (typeof c === "object" ? c.textContent : c)).join("");
  }

  set textContent(value) {
    this.children = [String(value)];
  }

  /** Every descendant whose class list holds all of `classes`. */
  find(...classes) {
    const found = [];
    for (const child of this.children) {
      if (typeof child !== "object") continue;
      const own = (child.attributes.class ?? "").split(" ");
      if (classes.every((c) => own.includes(c))) found.push(child);
      found.push(...child.find(...classes));
    }
    return found;
  }
}

globalThis.SVGElement ??= class {};
await import("../content/panel-offers.js");

const t = (key, ...args) => `${key}(${args.join("|")})`;
const METHOD = "Median and range of JD's 2-year 免费换新 prices on 4 products";
const METHOD_ZH = "京东2年免费换新在4件商品上价格的中位数和范围";

/** The alternatives' table for one estimate, in `lang`, with its "why?" opened. */
function shown(estimate, lang, overrides = {}) {
  globalThis.document = { createElement: (tag) => new Node(tag) };
  try {
    const plan = estimatePlan({ name: "京东 2年免费换新", estimate, ...overrides });
    const result = detectAnswer({ comparison: comparison({ plans: [plan] }) });
    const root = new Node("div");
    root.append(...[Y.panelOffers.comparison(result, { send: () => {} }, t, lang)].flat(Infinity).filter(Boolean));
    const [row] = root.find("plan");
    const [price] = row.find("price", "estimate");
    const [toggle] = row.find("link");
    toggle.listeners.click();
    const why = row.parentNode.children[row.parentNode.children.indexOf(row) + 1];
    return { title: price.getAttribute("title"), why: why.textContent };
  } finally {
    delete globalThis.document;
  }
}

const both = { low: "89.00", high: "149.00", n: 4, method: METHOD, method_zh: METHOD_ZH };

test("in Chinese an estimate's tooltip and why-line say how it was made in Chinese", () => {
  const { title, why } = shown(both, "zh_CN");
  assert.equal(title, `basedOnPrices(4) · ${METHOD_ZH}`);
  assert.match(why, new RegExp(`whyEstimate\\([^|]+\\|4\\|${METHOD_ZH}\\)`));
  assert.ok(!why.includes(METHOD) && !title.includes(METHOD));
});

test("in English they say it in English", () => {
  const { title, why } = shown(both, "en");
  assert.equal(title, `basedOnPrices(4) · ${METHOD}`);
  assert.ok(why.includes(`|4|${METHOD})`), why);
  assert.ok(!why.includes(METHOD_ZH) && !title.includes(METHOD_ZH));
});

test("without a Chinese method a Chinese shopper still reads the English one", () => {
  const { title, why } = shown({ ...both, method_zh: null }, "zh_CN");
  assert.equal(title, `basedOnPrices(4) · ${METHOD}`);
  assert.ok(why.includes(`|4|${METHOD})`), why);
});

test("an estimate from one real price says price, not prices", () => {
  const { title, why } = shown({ ...both, n: 1 }, "en");
  assert.equal(title, `basedOnOnePrice() · ${METHOD}`);
  assert.match(why, new RegExp(`whyEstimateOnePrice\\([^|]+\\|${METHOD}\\)`));
  assert.ok(!why.includes("whyEstimate("), why);
});

test("a premium above the net repair has no break-even percentage in its why-line", () => {
  const over = shown(both, "en", { break_even_probability: 1.871, failure_probability: 0.04 });
  assert.match(over.why, /whyNoBreakEven\(4\.0%\)/);
  assert.ok(!over.why.includes("whyBreakEven("), over.why);
  const none = shown(both, "en", { break_even_probability: null, failure_probability: 0.04 });
  assert.match(none.why, /whyNoBreakEven\(4\.0%\)/);
  const under = shown(both, "en", { break_even_probability: 0.25, failure_probability: 0.04 });
  assert.match(under.why, /whyBreakEven\(25\.0%\|4\.0%\)/);
});

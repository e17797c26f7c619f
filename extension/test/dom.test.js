import assert from "node:assert/strict";
import { test } from "node:test";
import "../lib/dom.js";

const { el } = globalThis.Yanbao.dom;

// An element as an HTML document makes it: attribute names are lower-cased on the way in.
function fakeElement(tag) {
  const attributes = new Map();
  return {
    tagName: tag.toUpperCase(),
    children: [],
    setAttribute: (name, value) => attributes.set(name.toLowerCase(), value),
    getAttribute: (name) => attributes.get(name.toLowerCase()) ?? null,
    append(...nodes) {
      this.children.push(...nodes);
    },
  };
}

test("el: htmlFor and className become the for and class attributes", () => {
  globalThis.document = { createElement: fakeElement };
  const label = el("label", { htmlFor: "cardExtensionMonths", className: "field" }, "Months");
  assert.equal(label.getAttribute("for"), "cardExtensionMonths");
  assert.equal(label.getAttribute("htmlfor"), null);
  assert.equal(label.getAttribute("class"), "field");
  assert.deepEqual(label.children, ["Months"]);
  delete globalThis.document;
});

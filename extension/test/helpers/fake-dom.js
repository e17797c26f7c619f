// Just enough of the DOM for the pure modules' tests: elements, text, attributes and
// querySelectorAll over simple selectors (tag, #id, .class, [attr], [attr=|*=|^=v], :not([a]),
// descendant combinator, comma lists).
class Text {
  constructor(value) {
    this.nodeType = 3;
    this.nodeValue = value;
    this.parentNode = null;
    this.nextSibling = null;
  }

  get textContent() {
    return this.nodeValue;
  }
}

class Element {
  constructor(tag, attrs = {}, children = []) {
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.localName = tag.toLowerCase();
    this.attributes = Object.entries(attrs).map(([name, value]) => ({ name, value: String(value) }));
    this.childNodes = [];
    this.parentNode = null;
    for (const child of children) this.append(child);
  }

  append(child) {
    const node = typeof child === "string" ? new Text(child) : child;
    node.parentNode = this;
    const last = this.childNodes[this.childNodes.length - 1];
    if (last) last.nextSibling = node;
    node.nextSibling = null;
    this.childNodes.push(node);
  }

  getAttributeNames() {
    return this.attributes.map((a) => a.name);
  }

  get firstChild() {
    return this.childNodes[0] ?? null;
  }

  getAttribute(name) {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join("");
  }

  *descendants() {
    for (const child of this.childNodes) {
      if (child.nodeType !== 1) continue;
      yield child;
      yield* child.descendants();
    }
  }

  querySelectorAll(selector) {
    const groups = selector.split(",").map((s) => s.trim().split(/\s+/).map(parseCompound));
    return [...this.descendants()].filter((el) => groups.some((chain) => matchesChain(el, chain)));
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  /** Only DOCUMENT_POSITION_FOLLOWING (4) and PRECEDING (2), which is all the code asks. */
  compareDocumentPosition(other) {
    let root = this;
    while (root.parentNode) root = root.parentNode;
    const order = [root, ...root.descendants()];
    return order.indexOf(other) > order.indexOf(this) ? 4 : 2;
  }

  contains(other) {
    for (let node = other; node; node = node.parentNode) if (node === this) return true;
    return false;
  }
}

function parseCompound(text) {
  const parts = { tag: null, tests: [] };
  const re = /^([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:([*^]?=)"([^"]*)")?\]|:not\(\[([\w-]+)\]\)/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) parts.tag = m[1].toUpperCase();
    else if (m[2]) parts.tests.push((el) => el.getAttribute("id") === m[2]);
    else if (m[3]) parts.tests.push((el) => (el.getAttribute("class") ?? "").split(/\s+/).includes(m[3]));
    else if (m[4]) {
      const [name, op, value] = [m[4], m[5], m[6]];
      parts.tests.push((el) => {
        const v = el.getAttribute(name);
        if (v == null) return false;
        if (!op) return true;
        return op === "=" ? v === value : op === "*=" ? v.includes(value) : v.startsWith(value);
      });
    } else if (m[7]) parts.tests.push((el) => el.getAttribute(m[7]) == null);
  }
  return parts;
}

const matchesOne = (el, c) => (!c.tag || el.tagName === c.tag) && c.tests.every((test) => test(el));

function matchesChain(el, chain) {
  if (!matchesOne(el, chain[chain.length - 1])) return false;
  let i = chain.length - 2;
  for (let p = el.parentNode; p && i >= 0; p = p.parentNode) if (p.nodeType === 1 && matchesOne(p, chain[i])) i--;
  return i < 0;
}

export const h = (tag, attrs, ...children) => new Element(tag, attrs ?? {}, children.flat());

/** A document around a <body>: {title, documentElement, querySelector(All)}. */
export function doc({ title = "", lang = "", head = [], body = [] }) {
  const headEl = h("head", {}, ...head);
  const root = h("html", lang ? { lang } : {}, headEl, h("body", {}, ...body));
  return {
    title,
    head: headEl,
    documentElement: root,
    querySelectorAll: (s) => root.querySelectorAll(s),
    querySelector: (s) => root.querySelector(s),
  };
}

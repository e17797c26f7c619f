// el("p", {className: "x", onclick}, "text", child): builds elements with text as textContent
// only. There is no path from page or service text to markup anywhere in the extension.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const SVG = "http://www.w3.org/2000/svg";
  // Props whose attribute has another name; setAttribute("htmlFor") would make "htmlfor".
  const ATTRIBUTE_NAMES = { className: "class", htmlFor: "for" };

  function append(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child == null || child === false) continue;
      parent.append(typeof child === "object" ? child : String(child));
    }
    return parent;
  }

  function setProps(node, props) {
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value == null || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key in ATTRIBUTE_NAMES) node.setAttribute(ATTRIBUTE_NAMES[key], value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      // CSSOM, not a style attribute: a strict CSP (no 'unsafe-inline') allows only this.
      else if (key === "style") Object.assign(node.style, value);
      else if (key in node && !(node instanceof SVGElement) && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function el(tag, props, ...children) {
    const node = globalThis.document.createElement(tag);
    setProps(node, props);
    return append(node, children);
  }

  function svg(tag, props, ...children) {
    const node = globalThis.document.createElementNS(SVG, tag);
    setProps(node, props);
    return append(node, children);
  }

  /** Empties node, then appends children (arrays flattened, null and false skipped). */
  const clear = (node, ...children) => {
    node.replaceChildren();
    return append(node, children);
  };

  ns.dom = { el, svg, clear, append };
})();

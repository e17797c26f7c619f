// Finds schema.org Product data in a page: JSON-LD (including @graph) and microdata. Used to
// decide whether a shop the shopper enabled by hand is showing a product page at all.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const PRODUCT_TYPES = new Set(["Product", "ProductGroup", "IndividualProduct", "ProductModel"]);

  const typeNames = (value) =>
    (Array.isArray(value) ? value : [value])
      .filter((t) => typeof t === "string")
      .map((t) => t.replace(/^https?:\/\/schema\.org\//, ""));

  /** True when a JSON-LD text holds a Product anywhere in it; broken JSON is simply not one. */
  function jsonLdHasProduct(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return false;
    }
    const stack = [data];
    let budget = 2000; // nodes visited: a pathological document must not stall the page
    while (stack.length && budget-- > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        stack.push(...node);
      } else if (node && typeof node === "object") {
        if (typeNames(node["@type"]).some((t) => PRODUCT_TYPES.has(t))) return true;
        if (node["@graph"]) stack.push(node["@graph"]);
        if (node.mainEntity) stack.push(node.mainEntity);
      }
    }
    return false;
  }

  /** True when the document carries schema.org Product data as JSON-LD or microdata. */
  function hasProductData(doc) {
    if (doc.querySelector('[itemscope][itemtype*="schema.org/Product"]')) return true;
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      if (jsonLdHasProduct(script.textContent)) return true;
    }
    return false;
  }

  ns.structuredData = { jsonLdHasProduct, hasProductData };
})();

// Tmall (天猫): item pages on detail.tmall.com, detail.tmall.hk (/item.htm and /hk/item.htm),
// the mobile site (detail.m.tmall.com) and Tmall Supermarket (chaoshi.detail.tmall.com, 天猫超市). Its pages are Taobao's
// (samePagesAs): the snapshot and the identity come from sites/taobao.js.
// The service reads these pages with scrapers/sites/tmall.py; tests/test_shops_agree.py keeps
// the two in step. Fields: see extension/README.md "One file per shop".
(() => {
  const ns = (globalThis.Yanbao ??= {});
  (ns.siteDefinitions ??= []).push({
    id: "tmall",
    hosts: ["detail.tmall.com", "detail.tmall.hk", "detail.m.tmall.com", "chaoshi.detail.tmall.com"],
    matches: [
      "https://detail.tmall.com/item.htm*", "https://detail.tmall.hk/item.htm*", "https://detail.tmall.hk/hk/item.htm*",
      "https://detail.m.tmall.com/item.htm*", "https://chaoshi.detail.tmall.com/item.htm*",
    ],
    match(u) {
      const itemPage = u.pathname === "/item.htm" || (u.hostname === "detail.tmall.hk" && u.pathname === "/hk/item.htm");
      return itemPage ? ns.sites.digitsParam(u, "id") : null;
    },
    accepts: [
      "https://detail.tmall.com/item.htm?id=612345678901",
      "https://detail.tmall.com/item.htm?id=612345678901&skuId=4987654321098",
      "https://detail.tmall.hk/item.htm?id=612345678901",
      "https://detail.tmall.hk/hk/item.htm?id=599742108377",
      "https://detail.m.tmall.com/item.htm?id=18959526273",
      "https://chaoshi.detail.tmall.com/item.htm?id=599742108377",
    ],
    rejects: [
      "https://list.tmall.com/search_product.htm?q=%E7%A9%BA%E8%B0%83",
      "https://haier.tmall.com/shop/view_shop.htm",
      "https://detail.tmall.com/",
      "https://detail.m.tmall.com/item.htm",
      "https://chaoshi.detail.tmall.com/item.htm?id=abc",
    ],
    samePagesAs: "taobao",
  });
})();

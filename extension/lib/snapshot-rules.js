// Where each site keeps its product on the page: the regions the snapshot keeps and the inline
// scripts that carry the site's own product data. Data, not code: a site that changes its
// markup changes a line here. Checked against every saved page in tests/data by
// tests/browser/test_browser_snapshot.py (the service must read the same from the snapshot).
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const COMMON_REGIONS = [
    '[itemscope][itemtype*="schema.org/Product"]',
    '[itemscope][itemtype*="schema.org/BreadcrumbList"]',
    'nav[aria-label*="readcrumb"]',
    ".breadcrumb",
    ".breadcrumbs",
    "#breadcrumb",
  ];

  // Per-site regions and the inline scripts that carry the site's own product data.
  const RULES = {
    jd: {
      regions: [
        "#crumb-wrap", ".crumb-wrap", ".product-intro", ".itemInfo-wrap", ".sku-name",
        ".summary-price-wrap", "#choose-service", "#choose-attrs", ".choose-service",
        "#J-summary-top", ".p-parameter", "#detail .Ptable", "#summary-service", '[id^="choose-service"]',
        "#guarantee", ".serve-agree", ".fn_text_wrap", "#itemName", "#parameter-brand", ".parameter2",
        ".p-parameter-list", ".summary-price", "#jdPrice", ".J-promise-icon", ".shopName", ".service-type-yb",
      ],
      dataScripts: [/pageConfig\s*=/],
    },
    taobao: {
      regions: [
        "#J_DetailMeta", ".tb-detail-hd", "#J_StrPriceModBox", ".tb-sku", "#J_isku",
        '[class*="ItemHeader--"]', '[class*="MainTitle--"]', '[class*="BasicContent--"]',
        '[class*="Price--"]', '[class*="SkuContent--"]', '[class*="Service--"]',
        '[class*="Guarantee"]', "#J_AttrUL", ".attributes-list", '[class*="Attrs--"]',
        '[class*="ShopHeader--"]', '[class*="skuItem"]', "dl.tm-sale-prop", ".sku-group", "#J_Title",
        "#J_PromoPrice", "#J_StrPrice", ".price-now", ".tm-price", ".tb-shop-name", ".shop-name",
        ".main-title", ".title-text",
      ],
      dataScripts: [/__INIT_DATA|g_config\s*=|TShop\.Setup\(|Hub\.config\.set\('sku'|_DATA_Detail\s*=|__ICE_APP_CONTEXT__/],
    },
    amazon: {
      regions: [
        "#wayfinding-breadcrumbs_feature_div", "#centerCol", "#title_feature_div",
        "#corePrice_feature_div", "#corePriceDisplay_desktop_feature_div", "#apex_desktop",
        "#mbb_feature_div", "#abbWrapper", "#attach-warranty-pane", "#warranty_feature_div",
        "#productOverview_feature_div", "#productDetails_feature_div", "#detailBullets_feature_div",
        "#prodDetails", "#bylineInfo_feature_div", "#merchant-info", "#feature-bullets",
        "#tabular-buybox", "#productTitle", "#title", "#bylineInfo", "#sellerProfileTriggerId",
        "#productDetails_techSpec_section_1", "#productDetails_detailBullets_sections1",
        "#priceblock_dealprice", "#priceblock_ourprice", "#price_inside_buybox", "#price",
        '[id^="mbb-offeringID"]', '[id*="warranty"]', '[id*="protection"]', '[id*="Protection"]',
      ],
      dataScripts: [],
    },
    bestbuy: {
      regions: [
        ".shop-breadcrumb", ".sku-title", ".shop-product-title", ".priceView-hero-price",
        ".shop-customer-price", ".shop-protection-plans", ".protection-plans",
        '[class*="protection-plan"]', '[data-testid*="protection"]', ".sku-product-data",
        ".product-data", ".sku-model", ".shop-specifications", '[data-testid*="product-title"]',
        '[data-component="protection-plans"]', '[class*="modelNumber"]', 'h1[class*="productName"]', ".sku",
        '[class*="breadcrumb"]', '[class*="protection"]',
      ],
      dataScripts: [],
    },
  };
  RULES.tmall = RULES.taobao;

  ns.snapshotRules = { COMMON_REGIONS, RULES };
})();

// The account's refund cases (GET /api/v1/refund-cases), one card each (../refund-case.js).
// Opened as #refunds?case=<id> from a coverage's "Start a refund": that case first and open.
import "../../lib/dom.js";
import { describeError } from "../../lib/page.js";
import { REFUND_FINAL } from "../../lib/vocabulary.js";
import { caseCard } from "../refund-case.js";

const { el, clear } = globalThis.Yanbao.dom;

/** {title, layer} of each case's coverage and plan layer, by coverage id. */
export async function coverageInfo(call, t) {
  const byId = new Map();
  try {
    const { items } = await call("coverages.list", { limit: 200 });
    for (const record of items) byId.set(record.id, record);
  } catch {
    // The cards show the coverage id instead.
  }
  return (coverageId, layerId) => {
    const record = byId.get(coverageId);
    const layer = record?.layers?.find((l) => l.id === layerId);
    return {
      title: record?.product?.title,
      layer: layer ? layer.name || layer.provider || t(`layer_${layer.kind}`) : null,
    };
  };
}

export const section = {
  id: "refunds",
  titleKey: "sectionRefunds",
  mount(container, ctx) {
    const { t, call, params } = ctx;
    const list = el("div", { id: "refund-list" });
    const guides = new Map();
    const guideOf = (platform) => {
      if (!guides.has(platform)) guides.set(platform, call("refunds.guide", { platform }));
      return guides.get(platform);
    };

    async function refresh() {
      try {
        const [{ items }, info] = await Promise.all([call("refunds.list"), coverageInfo(call, t)]);
        const wanted = params?.get("case");
        const ordered = wanted ? [...items.filter((c) => c.id === wanted), ...items.filter((c) => c.id !== wanted)] : items;
        clear(list, ordered.length
          ? ordered.map((record) => caseCard(record, ctx, {
            info: info(record.coverage_id, record.layer_id),
            guideOf,
            expanded: wanted ? record.id === wanted : !REFUND_FINAL.includes(record.state),
          }))
          : el("p", { className: "muted empty" }, t("refundNone")));
      } catch (error) {
        clear(list, el("p", { className: "error" }, describeError(t, error)));
      }
    }

    container.append(el("p", { className: "muted" }, t("refundIntro")), list);
    refresh();
  },
};

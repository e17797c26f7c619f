// Draws one coverage's timeline from lib/timeline-layout.js: a lane per layer, hatched gaps,
// shaded overlaps, and a line for today.
import "../lib/dom.js";
import "../lib/format.js";
import { layout } from "../lib/timeline-layout.js";
import { WHOLE_UNIT } from "../lib/vocabulary.js";

const { el } = globalThis.Yanbao.dom;
const { format } = globalThis.Yanbao;

const percent = (n) => `${n.toFixed(3)}%`;

function layerLabel(layer, t) {
  const kind = t(`layer_${layer.kind}`);
  const what = layer.name || layer.provider || (layer.component && layer.component !== WHOLE_UNIT ? layer.component : "");
  return what ? `${kind} · ${what}` : kind;
}

export function timelineView(record, { t, lang }) {
  const plan = layout(record, format.today());
  const bands = (ranges, kind, titleKey) =>
    ranges.map((r) =>
      el("div", {
        className: `band ${kind}`,
        style: { left: percent(r.left), width: percent(r.width) },
        title: t(titleKey, format.date(r.from, lang), format.date(r.to, lang), String(r.days)),
      }),
    );
  const lanes = plan.rows.map(({ layer, from, to, left, width }) => {
    const until = to ? format.date(to, lang) : t("lifetime");
    const left_ = layer.days_left != null && layer.status !== "ended" ? t("daysLeft", String(layer.days_left)) : "";
    return el("div", { className: "lane" },
      el("span", { className: "lane-label", title: layerLabel(layer, t) }, layerLabel(layer, t)),
      el("div", {
        className: `seg k-${layer.kind} s-${layer.status ?? ""}`,
        style: { left: percent(left), width: percent(width) },
        title: `${layerLabel(layer, t)}: ${format.date(from, lang)} – ${until}`,
      }, `${until}${left_ ? ` · ${left_}` : ""}`));
  });
  const summary = el("div", { className: "notes-row" },
    plan.gaps.length ? el("span", { className: "error" }, t("timelineGaps", String(plan.gaps.length))) : el("span", { className: "ok" }, t("timelineNoGaps")),
    plan.overlaps.length ? el("span", {}, t("timelineOverlaps", String(plan.overlaps.length))) : null,
  );
  const gapLane = el("div", { className: "lane" },
    el("span", { className: "lane-label" }, t("timelineCombined")),
    bands(plan.gaps, "gap", "timelineGapTitle"),
    bands(plan.overlaps, "overlap", "timelineOverlapTitle"),
    plan.today == null ? null : el("div", { className: "today", style: { left: percent(plan.today) }, title: t("today") }));
  return el("div", { className: "timeline" }, lanes, gapLane, summary);
}

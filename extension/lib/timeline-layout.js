// Places a coverage's layers on one horizontal scale: each layer's segment, the gaps where no
// breakdown cover is in force, and the overlaps where two layers pay for the same thing.
// Pure: dates in, percentages out; the dashboard only draws what this returns.
const DAY = 86_400_000;
const toDay = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

const isBreakdown = (layer) => layer.kind !== "accidental" && layer.plan_kind !== "accidental_damage";
const inForce = (layer) => (layer.state ?? "in_force") === "in_force";

/** Day ranges [from, to] (inclusive) covered by at least `depth` of the given intervals. */
export function coveredAtDepth(intervals, depth) {
  const events = [];
  for (const [from, to] of intervals) events.push([from, 1], [to + 1, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  let level = 0;
  let openedAt = null;
  for (const [day, step] of events) {
    const before = level;
    level += step;
    if (before < depth && level >= depth) openedAt = day;
    if (before >= depth && level < depth && openedAt !== null && day - 1 >= openedAt) {
      const last = out[out.length - 1];
      if (last && last[1] + 1 >= openedAt) last[1] = day - 1;
      else out.push([openedAt, day - 1]);
      openedAt = null;
    }
  }
  return out;
}

/** Ranges within [from, to] that none of the covered ranges touch. */
export function gapsWithin(covered, from, to) {
  const gaps = [];
  let cursor = from;
  for (const [a, b] of [...covered].sort((x, y) => x[0] - y[0])) {
    if (a > cursor) gaps.push([cursor, Math.min(a - 1, to)]);
    cursor = Math.max(cursor, b + 1);
    if (cursor > to) break;
  }
  if (cursor <= to) gaps.push([cursor, to]);
  return gaps.filter(([a, b]) => a <= b);
}

/** {start, end, today, rows, gaps, overlaps}; positions are percentages of the whole span. */
export function layout(record, todayIso) {
  const layers = (record.layers ?? []).filter((l) => l.starts_on);
  const purchase = toDay(record.purchase_date ?? layers[0]?.starts_on ?? todayIso);
  const finiteEnds = layers.filter((l) => l.ends_on).map((l) => toDay(l.ends_on));
  const today = toDay(todayIso);
  // Lifetime layers run to the right edge: a year past the last dated end (or today).
  const end = Math.max(purchase + 1, today, ...finiteEnds) + (layers.some((l) => !l.ends_on) ? 365 : 0);
  const span = end - purchase + 1;
  const pos = (a, b) => ({ left: ((a - purchase) / span) * 100, width: ((b - a + 1) / span) * 100 });
  const interval = (l) => [toDay(l.starts_on), l.ends_on ? toDay(l.ends_on) : end];

  const rows = layers.map((layer) => {
    const [a, b] = interval(layer);
    return { layer, from: layer.starts_on, to: layer.ends_on ?? null, ...pos(a, b) };
  });
  const breakdown = layers.filter((l) => isBreakdown(l) && inForce(l)).map(interval);
  const lastEnd = Math.max(purchase, ...breakdown.map(([, b]) => b));
  const asRange = ([a, b]) => ({ from: toIso(a), to: toIso(b), days: b - a + 1, ...pos(a, b) });
  return {
    start: toIso(purchase),
    end: toIso(end),
    today: today >= purchase && today <= end ? ((today - purchase) / span) * 100 : null,
    rows,
    gaps: gapsWithin(coveredAtDepth(breakdown, 1), purchase, lastEnd).map(asRange),
    overlaps: coveredAtDepth(breakdown, 2).map(asRange),
  };
}

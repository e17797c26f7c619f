// A price history as an SVG polyline: pure geometry, drawn by the panel with createElementNS.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  /** Points "x,y x,y" for prices over dates, scaled into width x height with a pad. */
  function sparklinePoints(points, width, height, pad = 2) {
    const clean = (points ?? [])
      .map((p) => ({ t: Date.parse(p.date), v: Number(p.price) }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v))
      .sort((a, b) => a.t - b.t);
    if (clean.length === 0) return "";
    const [t0, t1] = [clean[0].t, clean[clean.length - 1].t];
    const values = clean.map((p) => p.v);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const x = (t) => (t1 === t0 ? width / 2 : pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad));
    const y = (v) => (hi === lo ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
    const round = (n) => Math.round(n * 10) / 10;
    return clean.map((p) => `${round(x(p.t))},${round(y(p.v))}`).join(" ");
  }

  ns.sparkline = { sparklinePoints };
})();

// Numbers, money, dates and durations as the shopper reads them, in the panel and the pages.
(() => {
  const ns = (globalThis.Yanbao ??= {});

  const locale = (lang) => (lang === "zh_CN" ? "zh-CN" : "en-US");

  /** "199.00" + "CNY" -> "¥199.00"; money stays a string on the wire and is parsed only here. */
  function money(amount, currency, lang) {
    if (amount == null || amount === "") return "—";
    const value = Number(amount);
    if (!Number.isFinite(value)) return String(amount);
    if (!currency) return value.toFixed(2);
    try {
      // "¥" rather than "CN¥": the currency is always shown beside a page in that currency.
      return new Intl.NumberFormat(locale(lang), { style: "currency", currency, currencyDisplay: "narrowSymbol" }).format(value);
    } catch {
      return `${value.toFixed(2)} ${currency}`;
    }
  }

  function percent(share, lang) {
    const value = Number(share);
    if (share == null || !Number.isFinite(value)) return "—";
    return new Intl.NumberFormat(locale(lang), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  }

  /**
   * A YYYY-MM-DD date in the shopper's language, read as a calendar date (no time zone shift);
   * a month (YYYY-MM) or a year (YYYY) stays as precise as it is given, as a source's own date
   * often is.
   */
  function date(iso, lang) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso ?? "");
    if (!m) return iso ?? "—";
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)));
    const style = m[3] ? { dateStyle: "medium" } : m[2] ? { year: "numeric", month: "short" } : { year: "numeric" };
    return new Intl.DateTimeFormat(locale(lang), { ...style, timeZone: "UTC" }).format(d);
  }

  /** Today as YYYY-MM-DD in the shopper's own time zone (a purchase date is a local date). */
  function today(now = new Date()) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  /** Whole days from a to b (YYYY-MM-DD), negative when b is earlier. */
  function daysBetween(a, b) {
    const ms = (iso) => Date.UTC(...iso.split("-").map((v, i) => Number(v) - (i === 1 ? 1 : 0)));
    return Math.round((ms(b) - ms(a)) / 86_400_000);
  }

  const VERDICT_KEYS = {
    worth_it: "verdictWorthIt",
    marginal: "verdictMarginal",
    not_worth_it: "verdictNotWorthIt",
    already_covered: "verdictAlreadyCovered",
    none_sold: "verdictNoneSold",
  };
  const VERDICT_RANK = { worth_it: 0, marginal: 1, not_worth_it: 2, already_covered: 3 };

  const estimated = (p) => (p.price_basis === "estimate" ? 1 : 0);
  const byValue = (a, b) => {
    const rank = (p) => VERDICT_RANK[p.verdict] ?? 9;
    const cost = (p) => (p.cost_per_added_month == null ? Infinity : Number(p.cost_per_added_month));
    return estimated(a) - estimated(b) || rank(a) - rank(b) || cost(a) - cost(b);
  };

  /**
   * The best plan: a real price (the page's or a published one) before any estimate, then the
   * best verdict, then the lowest cost per added month; null for an empty list.
   */
  function bestPlan(plans) {
    return [...(plans ?? [])].sort(byValue)[0] ?? null;
  }

  /** "¥30.00–¥60.00": an estimate's range, never one figure. */
  function moneyRange(low, high, currency, lang) {
    if (low == null && high == null) return "—";
    if (low == null || high == null || Number(low) === Number(high)) return money(low ?? high, currency, lang);
    return `${money(low, currency, lang)}–${money(high, currency, lang)}`;
  }

  /**
   * An estimate's cost per added month as a range (its low and high over the months added), so
   * the row shows no point figure the estimate does not have; null when nothing is added.
   */
  function perMonthRange(plan) {
    const months = Number(plan.added_months);
    const { low, high } = plan.estimate ?? {};
    if (!(months > 0) || low == null || high == null) return null;
    return { low: (Number(low) / months).toFixed(2), high: (Number(high) / months).toFixed(2) };
  }

  /**
   * Offers first as the page sells them, then up to `alternatives` catalog plans (the contract
   * allows five), best first: real prices before estimates.
   */
  function arrangePlans(plans, alternatives = 5) {
    const offers = (plans ?? []).filter((p) => p.origin === "offer");
    const market = (plans ?? []).filter((p) => p.origin !== "offer");
    const ordered = [];
    let rest = [...market];
    while (ordered.length < alternatives && rest.length) {
      const best = bestPlan(rest);
      ordered.push(best);
      rest = rest.filter((p) => p !== best);
    }
    return { offers, alternatives: ordered };
  }

  ns.format = { money, moneyRange, perMonthRange, percent, date, today, daysBetween, bestPlan, arrangePlans, VERDICT_KEYS };
})();

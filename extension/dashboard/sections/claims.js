// Repair claims (GET /api/v1/claims): each with its callback clock — the time left before the
// provider's promised callback, or "overdue — escalate" with the escalation step the service
// gives — what happened since, and a button per event to record. Opened as #claims?claim=<id>
// from a coverage's "Report a fault".
import "../../lib/dom.js";
import "../../lib/format.js";
import { describeError } from "../../lib/page.js";
import { callbackClock, CLAIM_EVENT_LABELS, CLAIM_EVENTS, escalation, pick } from "../../lib/refunds.js";
import { sourceLink, when } from "../refund-case.js";
import { coverageInfo } from "./refunds.js";

const { dom, format } = globalThis.Yanbao;
const { el, clear } = dom;

let serial = 0;
const TICK_MS = 30_000;

/** The clock's sentence, and its class for the colour. */
export function clockText(clock, { t, lang }) {
  const day = (iso) => format.date(iso, lang);
  switch (clock.state) {
    case "waiting":
      return { className: "waiting", text: t("claimCallbackLeft", String(clock.left.hours), String(clock.left.minutes), day(clock.dueOn)) };
    case "overdue":
      return { className: "overdue error", text: t("claimCallbackOverdue", String(clock.late.hours), String(clock.late.minutes), day(clock.dueOn)) };
    case "answered":
      return clock.kept === false
        ? { className: "answered late", text: t("claimCallbackLate", day(clock.answeredOn)) }
        : { className: "answered ok", text: t("claimCallbackAnswered", day(clock.answeredOn)) };
    default:
      return { className: "none muted", text: t("claimNoCallbackPromise") };
  }
}

function escalationBox(claim, clock, { t, lang }) {
  if (clock.state !== "overdue") return null;
  const step = escalation(claim);
  const actions = step?.actions ?? [];
  return el("section", { className: "escalation", role: "alert" },
    el("h3", {}, step?.title ? pick(step.title, lang) : t("claimEscalateHeading")),
    el("p", {}, t("claimEscalateText", String(claim.callback?.promised_hours ?? claim.callback_promised_hours ?? ""))),
    actions.length ? el("ol", {}, actions.map((a) => el("li", {}, pick(a, lang), " ", sourceLink(a.source, t)))) : null);
}

// What an event may carry besides its day and note (server: ClaimEventIn): what the plan paid
// for a repair or a replacement, and a replacement unit's own warranty.
const PAID_KINDS = ["repaired", "replaced"];

function eventForm(claim, kind, ctx, done, cancel) {
  const { t, call } = ctx;
  const id = `claim-event-${claim.id}-${++serial}`;
  const on = el("input", { id: `${id}-on`, type: "date", name: "on", value: format.today() });
  const note = el("textarea", { id: `${id}-note`, name: "note", rows: 2, maxLength: 2000 });
  const amount = PAID_KINDS.includes(kind) ? el("input", { id: `${id}-amount`, type: "text", name: "amount", inputMode: "decimal", maxLength: 17, size: 10 }) : null;
  const months = kind === "replaced" ? el("input", { id: `${id}-months`, type: "number", name: "new_warranty_months", min: "1", max: "120", step: "1", size: 5 }) : null;
  const error = el("p", { className: "error", role: "alert", hidden: true });
  return el("form", {
    className: "event-form",
    dataset: { kind },
    noValidate: true,
    async onsubmit(event) {
      event.preventDefault();
      error.hidden = true;
      const payload = { id: claim.id, kind, on: on.value || null, note: note.value.trim() || null };
      if (amount?.value.trim()) payload.amount = amount.value.trim();
      if (months?.value) payload.new_warranty_months = Number(months.value);
      try {
        done(await call("claims.event", payload));
      } catch (failure) {
        error.hidden = false;
        error.textContent = failure.errors.length ? failure.errors.map((e) => e.message).join(" ") : describeError(t, failure);
      }
    },
  },
  el("h4", {}, t(CLAIM_EVENT_LABELS[kind])),
  el("label", { for: on.id }, t("claimEventOn")), on,
  el("label", { for: note.id }, t("claimEventNote")), note,
  amount ? [el("label", { for: amount.id }, t("claimEventPaid"), claim.currency ? ` (${claim.currency})` : ""), amount] : null,
  months ? [el("label", { for: months.id }, t("claimEventNewWarranty")), months] : null,
  el("div", { className: "row-actions" },
    el("button", { type: "submit", className: "primary" }, t("claimEventRecord")),
    el("button", { type: "button", onclick: cancel }, t("cancel"))),
  error);
}

function claimCard(claim, ctx, info) {
  const { t, lang, call } = ctx;
  const clockLine = el("p", { className: "callback-clock" });
  const body = el("div");
  const chip = el("span");
  const node = el("article", { className: "claim", dataset: { id: claim.id } },
    el("header", {},
      el("h2", {}, info.title ?? claim.coverage_id),
      chip,
      el("span", { className: "muted" }, [info.layer, claim.reported_to ? t("claimReportedToShown", claim.reported_to) : null,
        claim.reported_on ? t("claimReportedShown", format.date(claim.reported_on, lang)) : null].filter(Boolean).join(" · "))),
    el("p", { className: "fault" }, claim.fault ?? ""),
    clockLine,
    body);

  const tick = () => {
    const clock = callbackClock(claim, Date.now());
    const { className, text } = clockText(clock, ctx);
    clockLine.className = `callback-clock ${className}`;
    clockLine.textContent = text;
    node.dataset.clock = clock.state;
    return clock;
  };

  const draw = () => {
    const clock = tick();
    const events = claim.events ?? [];
    const state = claim.state ?? "reported";
    clear(chip, el("span", { className: `chip claim-${state}` }, state === "reported" ? t("claimStateReported") : t(CLAIM_EVENT_LABELS[state] ?? state)));
    const buttons = el("div", { className: "row-actions event-buttons" },
      CLAIM_EVENTS.map((kind) => el("button", {
        type: "button",
        className: "event",
        dataset: { kind },
        onclick: () => clear(actions, eventForm(claim, kind, ctx, async (answer) => {
          claim = answer?.id ? answer : await call("claims.get", { id: claim.id });
          draw();
        }, () => clear(actions, buttons))),
      }, t(CLAIM_EVENT_LABELS[kind]))));
    const actions = el("section", { className: "claim-actions" }, claim.closed ? el("p", { className: "muted" }, t("claimClosed")) : buttons);
    clear(body,
      escalationBox(claim, clock, ctx),
      el("section", { className: "claim-events" },
        el("h3", {}, t("claimEventsHeading")),
        Number(claim.paid) > 0 ? el("p", {}, t("claimPaidTotal", format.money(claim.paid, claim.currency, lang))) : null,
        events.length
          ? el("ol", {}, events.map((e) => el("li", { dataset: { kind: e.kind } },
            el("time", { dateTime: e.on ?? e.at ?? "" }, e.on ? format.date(e.on, lang) : when(e.at, lang)), " ", t(CLAIM_EVENT_LABELS[e.kind] ?? e.kind),
            e.amount ? el("span", {}, " ", t("claimPaidShown", format.money(e.amount, claim.currency, lang))) : null,
            e.note ? el("div", { className: "muted" }, e.note) : null)))
          : el("p", { className: "muted" }, t("claimNoEvents"))),
      el("h3", {}, t("claimRecordHeading")),
      actions);
  };
  draw();
  return { node, tick };
}

export const section = {
  id: "claims",
  titleKey: "sectionClaims",
  mount(container, ctx) {
    const { t, call, params } = ctx;
    const list = el("div", { id: "claim-list" });
    let cards = [];
    const timer = setInterval(() => {
      if (!container.isConnected) clearInterval(timer);
      else for (const card of cards) card.tick();
    }, TICK_MS);

    async function refresh() {
      try {
        const [{ items }, info] = await Promise.all([call("claims.list"), coverageInfo(call, t)]);
        const wanted = params?.get("claim");
        const ordered = wanted ? [...items.filter((c) => c.id === wanted), ...items.filter((c) => c.id !== wanted)] : items;
        cards = ordered.map((claim) => claimCard(claim, ctx, info(claim.coverage_id, claim.layer_id)));
        clear(list, cards.length ? cards.map((c) => c.node) : el("p", { className: "muted empty" }, t("claimNone")));
      } catch (error) {
        clear(list, el("p", { className: "error" }, describeError(t, error)));
      }
    }

    container.append(el("p", { className: "muted" }, t("claimIntro")), list);
    refresh();
  },
};

// One refund case as a card: its state, the refund its plan's terms promise with the arithmetic,
// the next steps with the platform guide's instructions, the evidence checklist with an upload
// per kind, a button per move the service allows next, the history, and the drafted complaint
// letter to copy. Every change goes through the worker (handlers/refunds.js) and redraws the card
// from the service's answer.
import "../lib/dom.js";
import "../lib/format.js";
import "../lib/comparison.js";
import { describeError } from "../lib/page.js";
import { amountFor, checklist, EVIDENCE_KINDS, EVIDENCE_LABELS, fileSize, MAX_EVIDENCE_BYTES, pick, ROUTE_LABELS, STATE_LABELS, toBase64 } from "../lib/refunds.js";

const { dom, format, comparison } = globalThis.Yanbao;
const { el, clear } = dom;

let serial = 0;

/** A date-time the service wrote, in the shopper's language and time zone. */
export function when(iso, lang) {
  const ms = Date.parse(iso ?? "");
  if (!Number.isFinite(ms)) return iso ?? "—";
  return new Intl.DateTimeFormat(lang === "zh_CN" ? "zh-CN" : "en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

/** A fact's source: a link for a web address, "the seed article" for `seed:`, else nothing. */
export function sourceLink(source, t) {
  const href = comparison.webAddress(source);
  if (href) return el("a", { className: "source", href, target: "_blank", rel: "noopener noreferrer" }, t("refundSource"));
  if (typeof source === "string" && source.startsWith("seed:")) return el("span", { className: "source muted" }, t("refundSourceSeed"));
  return null;
}

const stateChip = (state, t) => el("span", { className: `chip refund-${state}` }, t(STATE_LABELS[state] ?? state));

function expected(record, { t, lang }) {
  const refund = record.expected_refund ?? {};
  return el("section", { className: "expected-refund" },
    el("h3", {}, t("refundExpectedHeading")),
    el("p", { className: "expected-amount" }, refund.amount == null ? t("refundExpectedUnknown") : format.money(refund.amount, refund.currency ?? record.currency, lang)),
    el("p", { className: "arithmetic muted" }, pick(refund.arithmetic, lang)));
}

function nextSteps(record, { t, lang }) {
  const steps = record.next_steps ?? [];
  if (!steps.length) return null;
  return el("section", { className: "next-steps" },
    el("h3", {}, t("refundNextHeading")),
    steps.map((step) => el("div", { className: `next-step${step.overdue ? " overdue" : ""}`, dataset: { to: step.to } },
      el("h4", {}, pick(step.title, lang)),
      step.due_on ? el("p", { className: step.overdue ? "due error" : "due muted" },
        t(step.overdue ? "refundStepOverdue" : "refundStepDue", format.date(step.due_on, lang))) : null,
      (step.actions ?? []).length
        ? el("ol", { className: "guide-actions" }, step.actions.map((a) => el("li", {}, pick(a, lang), " ", sourceLink(a.source, t))))
        : el("p", { className: "muted" }, t("refundStepNoGuide")),
      (step.evidence ?? []).length
        ? el("p", { className: "muted" }, t("refundStepNeeds", step.evidence.map((e) => pick(e.label, lang)).join(lang === "zh_CN" ? "、" : ", ")))
        : null)));
}

function moveForm(record, to, ctx, done, cancel) {
  const { t, call } = ctx;
  const id = `move-${record.id}-${++serial}`;
  const amount = amountFor(to);
  const note = el("textarea", { id: `${id}-note`, name: "note", rows: 2, maxLength: 2000 });
  const money = amount.means
    ? el("input", { id: `${id}-amount`, name: "amount", type: "text", inputMode: "decimal", maxLength: 17, size: 10,
      required: amount.required, value: to === "refunded" || to === "requested" ? (record.expected_refund?.amount ?? "") : "" })
    : null;
  const error = el("p", { className: "error move-error", role: "alert", id: `${id}-error`, hidden: true });
  const form = el("form", {
    className: "move-form",
    dataset: { to },
    noValidate: true,
    async onsubmit(event) {
      event.preventDefault();
      error.hidden = true;
      money?.removeAttribute("aria-invalid");
      const payload = { id: record.id, to, note: note.value.trim() || null };
      if (money) payload.amount = money.value.trim() || null;
      try {
        done(await call("refunds.move", payload));
      } catch (failure) {
        error.hidden = false;
        const onAmount = failure.errors.find((e) => e.field === "amount");
        if (onAmount && money) {
          money.setAttribute("aria-invalid", "true");
          money.setAttribute("aria-describedby", error.id);
        }
        error.textContent = failure.errors.length ? failure.errors.map((e) => e.message).join(" ") : describeError(t, failure);
      }
    },
  },
  el("h4", {}, t("refundMoveHeading", t(STATE_LABELS[to]))),
  el("label", { for: note.id }, t("refundMoveNote")), note,
  money ? [el("label", { for: money.id }, t(amount.labelKey), record.currency ? ` (${record.currency})` : ""), money] : null,
  el("div", { className: "row-actions" },
    el("button", { type: "submit", className: "primary" }, t("refundMoveRecord")),
    el("button", { type: "button", onclick: cancel }, t("cancel"))),
  error);
  return form;
}

function transitions(record, ctx, redraw) {
  const { t } = ctx;
  const box = el("section", { className: "transitions" });
  const allowed = record.allowed_next ?? [];
  const buttons = () => clear(box,
    el("h3", {}, t("refundMovesHeading")),
    allowed.length
      ? el("div", { className: "row-actions" }, allowed.map((to) =>
        el("button", { type: "button", className: "move", dataset: { to }, onclick: () => clear(box, moveForm(record, to, ctx, redraw, buttons)) }, t(STATE_LABELS[to]))))
      : el("p", { className: "muted" }, t("refundClosed")));
  buttons();
  return box;
}

function history(record, { t, lang }) {
  const money = (amount) => format.money(amount, record.currency, lang);
  return el("section", { className: "history" },
    el("h3", {}, t("refundHistoryHeading")),
    el("ol", {}, (record.history ?? []).map((event) => el("li", { dataset: { to: event.to } },
      el("time", { dateTime: event.at }, when(event.at, lang)), " ",
      stateChip(event.to, t),
      event.asked ? el("span", {}, " ", t("refundAskedShown", money(event.asked))) : null,
      event.offered ? el("span", {}, " ", t("refundOfferedShown", money(event.offered))) : null,
      event.received ? el("span", {}, " ", t("refundReceivedShown", money(event.received))) : null,
      event.layer_refunded ? el("span", { className: "ok" }, " ", t("refundLayerMarked")) : null,
      event.note ? el("div", { className: "muted note" }, event.note) : null))));
}

// Message keys written out for the locale test: evidenceBytes, evidenceKilobytes, evidenceMegabytes.
const sizeOf = (bytes, t) => {
  const size = fileSize(bytes);
  return size ? t(size.key, size.value) : null;
};

const labelOf = (kind, items, lang, t) => {
  const known = items.find((i) => i.kind === kind);
  return known ? pick(known.label, lang) : t(EVIDENCE_LABELS[kind] ?? kind);
};

function evidence(record, ctx, { files, error }, reload) {
  const { t, lang, call } = ctx;
  const status = el("p", { role: "status", className: "evidence-status muted" });
  const rows = checklist(record, files);
  files ??= [];
  const fileInput = (kind) => {
    const input = el("input", {
      type: "file",
      className: "evidence-file",
      accept: "image/*,application/pdf,audio/*",
      dataset: { kind },
      async onchange() {
        const chosen = input.files[0];
        if (!chosen) return;
        if (chosen.size > MAX_EVIDENCE_BYTES) {
          status.textContent = t("evidenceTooLarge", String(Math.round(MAX_EVIDENCE_BYTES / 1048576)));
          input.value = "";
          return;
        }
        status.textContent = t("evidenceUploading", chosen.name);
        try {
          const data = toBase64(await chosen.arrayBuffer());
          await call("evidence.upload", { caseId: record.id, kind: input.dataset.kind, name: chosen.name, type: chosen.type, data });
          await reload(t("evidenceUploaded", chosen.name));
        } catch (failure) {
          status.textContent = describeError(t, failure);
          input.value = "";
        }
      },
    });
    return input;
  };
  const upload = (kind, label) => el("label", { className: "upload" }, el("span", { className: "visually-hidden" }, label), t("evidenceUpload"), " ", fileInput(kind));

  const table = rows.length
    ? el("table", { className: "checklist" },
      el("thead", {}, el("tr", {}, ["evidenceColWhat", "evidenceColFor", "evidenceColHave", "evidenceColUpload"].map((k) => el("th", {}, t(k))))),
      el("tbody", {}, rows.map((row) => el("tr", { dataset: { kind: row.kind }, className: row.have ? "have" : "missing" },
        el("td", {}, pick(row.label, lang), " ", sourceLink(row.source, t)),
        el("td", {}, row.steps.map((to) => t(STATE_LABELS[to])).join(lang === "zh_CN" ? "、" : ", ")),
        el("td", {}, row.have ? el("span", { className: "ok" }, t("evidenceHave", String(row.have))) : el("span", { className: "error" }, t("evidenceMissing"))),
        el("td", {}, upload(row.kind, pick(row.label, lang)))))))
    : el("p", { className: "muted" }, t("evidenceNoneNeeded"));

  const otherKind = el("select", { name: "kind", className: "other-kind", "aria-label": t("evidenceOtherKind") },
    EVIDENCE_KINDS.map((kind) => el("option", { value: kind }, labelOf(kind, rows, lang, t))));
  const otherFile = fileInput(EVIDENCE_KINDS[0]);
  otherKind.addEventListener("change", () => { otherFile.dataset.kind = otherKind.value; });

  const uploaded = files.length
    ? el("ul", { className: "evidence-files" }, files.map((file) => el("li", { dataset: { id: file.id, kind: file.kind } },
      el("span", {}, file.name ?? file.filename ?? file.id), " ",
      el("span", { className: "muted" }, [labelOf(file.kind, rows, lang, t), sizeOf(file.size, t)].filter(Boolean).join(" · ")), " ",
      el("button", {
        type: "button",
        className: "link download",
        async onclick() {
          try {
            const { type, data } = await call("evidence.download", { id: file.id });
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const url = URL.createObjectURL(new Blob([bytes], { type }));
            el("a", { href: url, download: file.download_name ?? file.name ?? "evidence" }).click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (failure) {
            status.textContent = describeError(t, failure);
          }
        },
      }, t("evidenceDownload")), " ",
      el("button", {
        type: "button",
        className: "link delete",
        async onclick() {
          if (!confirm(t("evidenceConfirmDelete", file.name ?? file.filename ?? ""))) return;
          try {
            await call("evidence.delete", { id: file.id });
            await reload(t("evidenceDeleted"));
          } catch (failure) {
            status.textContent = describeError(t, failure);
          }
        },
      }, t("delete")))))
    : el("p", { className: "muted" }, t("evidenceNoFiles"));

  return {
    node: el("section", { className: "evidence" },
      el("h3", {}, t("evidenceHeading")),
      table,
      el("h4", {}, t("evidenceFilesHeading")),
      error ? el("p", { className: "error" }, describeError(t, error)) : uploaded,
      el("div", { className: "evidence-other" }, el("span", {}, t("evidenceOther")), otherKind, el("label", {}, t("evidenceUpload"), " ", otherFile)),
      status),
    status,
  };
}

function letter(record, ctx) {
  const { t, lang, call } = ctx;
  const id = `letter-${record.id}-${++serial}`;
  const language = el("select", { id: `${id}-lang`, name: "letter-lang" },
    el("option", { value: "zh", selected: lang === "zh_CN" }, t("letterChinese")),
    el("option", { value: "en", selected: lang !== "zh_CN" }, t("letterEnglish")));
  const subject = el("input", { id: `${id}-subject`, className: "letter-subject", type: "text", readOnly: true });
  const subjectRow = el("div", { className: "letter-subject-row", hidden: true }, el("label", { for: subject.id }, t("letterSubject")), subject);
  const text = el("textarea", { className: "letter-text", readOnly: true, rows: 14, hidden: true, "aria-label": t("letterHeading") });
  const status = el("p", { role: "status", className: "letter-status muted" });
  const copy = el("button", {
    type: "button",
    className: "copy-letter",
    hidden: true,
    async onclick() {
      try {
        await navigator.clipboard.writeText(text.value);
      } catch {
        // No clipboard permission (an older browser): copy the selection the old way.
        text.hidden = false;
        text.select();
        document.execCommand("copy");
      }
      status.textContent = t("letterCopied");
    },
  }, t("letterCopy"));
  const draft = el("button", {
    type: "button",
    className: "draft-letter",
    async onclick() {
      status.textContent = "";
      try {
        const answer = await call("refunds.letter", { id: record.id, lang: language.value });
        text.value = answer.text;
        text.rows = Math.min(40, Math.max(8, answer.text.split("\n").length + 1));
        text.hidden = false;
        subject.value = answer.subject ?? "";
        subjectRow.hidden = !answer.subject;
        copy.hidden = false;
      } catch (failure) {
        status.textContent = describeError(t, failure);
      }
    },
  }, t("letterDraft"));
  return el("section", { className: "letter" },
    el("h3", {}, t("letterHeading")),
    el("p", { className: "muted" }, t("letterIntro")),
    el("div", { className: "row-actions" }, el("label", { for: language.id }, t("letterLanguage")), language, draft, copy),
    subjectRow, text, status);
}

function contacts(guide, { t, lang }) {
  if (!guide?.contacts?.length) return null;
  return el("section", { className: "contacts" },
    el("h3", {}, t("refundContactsHeading", pick(guide.name, lang))),
    el("ul", {}, guide.contacts.map((c) => el("li", {}, pick(c.label, lang), ": ", el("strong", {}, c.value), " ", sourceLink(c.label?.source, t)))));
}

/**
 * The card. `info` is {title, layer} for its header; `guideOf(platform)` answers the platform's
 * guide (cached by the section); `onChange(record)` hears of every move.
 */
export function caseCard(record, ctx, { info = {}, guideOf, onChange, expanded = true }) {
  const { t, lang, call } = ctx;
  const body = el("div", { className: "case-body" });
  const chip = el("span");
  const node = el("details", { className: "refund-case", open: expanded, dataset: { id: record.id } },
    el("summary", {},
      el("h2", {}, info.title ?? record.coverage_id),
      chip,
      el("span", { className: "muted" }, [t(ROUTE_LABELS[record.route] ?? record.route), info.layer, t("refundOpenedOn", format.date(String(record.created_at ?? "").slice(0, 10), lang))].filter(Boolean).join(" · "))),
    body);

  // Everything is fetched first and the card changes in one go: its data-state (which the
  // browser tests wait on) never shows a state whose body is not drawn yet.
  async function draw(message) {
    node.setAttribute("aria-busy", "true");
    let files = null;
    let error = null;
    try {
      const answer = await call("evidence.list", { caseId: record.id });
      files = answer?.items ?? answer ?? [];
    } catch (failure) {
      error = failure;
    }
    const proof = evidence(record, ctx, { files, error }, async (text) => {
      record = await call("refunds.get", { id: record.id });
      await draw(text);
    });
    const guide = guideOf ? await guideOf(record.platform).catch(() => null) : null;
    node.dataset.state = record.state;
    node.removeAttribute("aria-busy");
    clear(chip, stateChip(record.state, t));
    clear(body,
      expected(record, ctx),
      nextSteps(record, ctx),
      contacts(guide, ctx),
      proof.node,
      transitions(record, ctx, async (next) => {
        record = next;
        onChange?.(record);
        await draw();
      }),
      history(record, ctx),
      letter(record, ctx));
    if (message) proof.status.textContent = message;
  }
  draw();
  return node;
}

// "I bought this": which plan (or none), the purchase date (today unless changed) and the order
// reference. The worker saves it, or queues it when the service cannot be reached.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  const { el } = ns.dom;
  const { format } = ns;

  // An estimate is no price: the form shows its marked range and records no price for it.
  const priceText = (plan, t, lang) => (ns.comparison.isEstimate(plan)
    ? `${t("basisEstimate")} ${format.moneyRange(plan.estimate?.low, plan.estimate?.high, plan.currency, lang)}`
    : format.money(plan.price, plan.currency, lang));
  const recorded = (plan) => (ns.comparison.isEstimate(plan) ? { ...plan, price: null } : plan);

  function buyForm({ plans, t, lang, onSubmit, onCancel }) {
    const choices = [
      ...plans.map((plan, i) =>
        el("label", {}, el("input", { type: "radio", name: "plan", value: String(i) }),
          `${plan.name ?? "—"} · ${priceText(plan, t, lang)}`),
      ),
      el("label", {}, el("input", { type: "radio", name: "plan", value: "none", checked: true }), t("buyNoPlan")),
    ];
    const dateInput = el("input", { type: "date", name: "purchaseDate", required: true, value: format.today() });
    const orderInput = el("input", { type: "text", name: "orderRef", maxLength: 200, autocomplete: "off" });
    const status = el("p", { className: "status", role: "status" });
    const save = el("button", { type: "submit", className: "primary" }, t("buySave"));

    const form = el(
      "form",
      {
        className: "buy",
        async onsubmit(event) {
          event.preventDefault();
          const picked = form.querySelector('input[name="plan"]:checked')?.value ?? "none";
          save.disabled = true;
          status.className = "status";
          status.textContent = t("buySaving");
          const result = await onSubmit({
            plan: picked === "none" ? null : recorded(plans[Number(picked)]),
            purchaseDate: dateInput.value,
            orderRef: orderInput.value.trim(),
          });
          save.disabled = false;
          status.classList.toggle("error", result.state === "rejected" || result.state === "error");
          status.textContent = t(
            { saved: "buySaved", queued: "buyQueued", rejected: "buyRejected" }[result.state] ?? "buyError",
            result.detail ?? "",
          );
          if (result.state === "saved" || result.state === "queued") form.dataset.done = result.state;
        },
      },
      el("strong", {}, t("buyHeading")),
      el("div", {}, el("div", { className: "muted" }, t("buyPlanLabel")), choices),
      el("label", {}, t("buyDateLabel"), dateInput),
      el("label", {}, t("buyOrderLabel"), orderInput),
      el("div", { className: "actions" }, save, el("button", { type: "button", onclick: onCancel }, t("buyCancel"))),
      status,
    );
    return form;
  }

  /** The "I bought this" button: opens the form after `after`, and hides while it is open. */
  function buyButton({ result, plans, t, lang, send, after }) {
    const button = el("button", {
      type: "button",
      className: "primary",
      onclick() {
        button.hidden = true;
        const { offers, alternatives } = format.arrangePlans(plans);
        const form = buyForm({
          plans: [...offers, ...alternatives],
          t,
          lang,
          async onSubmit({ plan, purchaseDate, orderRef }) {
            const answer = await send("coverage.buy", {
              site: result.site, product: result.product ?? {}, offer: plan, purchaseDate, ...(orderRef ? { orderRef } : {}),
            });
            return answer.ok ? answer.data : { state: "error", detail: answer.error?.detail ?? answer.error?.title };
          },
          onCancel() {
            form.remove();
            button.hidden = false;
          },
        });
        after.after(form);
      },
    }, t("panelBought"));
    return button;
  }

  ns.panelBuy = { buyForm, buyButton };
})();

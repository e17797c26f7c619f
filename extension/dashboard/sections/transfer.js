// Export and import through the service, as JSON or CSV files.
import "../../lib/dom.js";
import { describeError } from "../../lib/page.js";

const { el } = globalThis.Yanbao.dom;

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  el("a", { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const section = {
  id: "transfer",
  titleKey: "sectionTransfer",
  mount(container, { t, call }) {
    const status = el("p", { role: "status", id: "transfer-status" });
    const exportButton = (format) =>
      el("button", {
        type: "button",
        id: `export-${format}`,
        async onclick() {
          try {
            const { text } = await call("data.export", { format });
            // Reading a response as text drops the service's byte order mark; Excel needs it to
            // show Chinese text in a CSV.
            const body = format === "csv" && !text.startsWith("\ufeff") ? `\ufeff${text}` : text;
            download(body, format === "csv" ? "text/csv" : "application/json", `yanbao-coverages.${format}`);
            status.textContent = t("exportDone");
          } catch (error) {
            status.textContent = describeError(t, error);
          }
        },
      }, t(format === "csv" ? "exportCsv" : "exportJson"));
    const file = el("input", {
      type: "file",
      id: "import-file",
      accept: ".json,.csv,application/json,text/csv",
      async onchange() {
        const chosen = file.files[0];
        if (!chosen) return;
        const contentType = /\.csv$/i.test(chosen.name) || chosen.type === "text/csv" ? "text/csv" : "application/json";
        try {
          const result = await call("data.import", { contentType, text: await chosen.text() });
          status.textContent = t("importDone", String(result.imported ?? 0), String(result.replaced ?? 0));
        } catch (error) {
          status.textContent = error.errors.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join("; ") : describeError(t, error);
        }
        file.value = "";
      },
    });
    container.append(
      el("h2", {}, t("exportHeading")), el("p", { className: "muted" }, t("exportIntro")),
      el("div", { className: "row-actions" }, exportButton("json"), exportButton("csv")),
      el("h2", {}, t("importHeading")), el("p", { className: "muted" }, t("importIntro")),
      el("label", {}, t("importChoose"), " ", file), status);
  },
};

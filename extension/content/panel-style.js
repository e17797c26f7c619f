// The panel's styles, applied inside its shadow root so neither side's CSS reaches the other.
(() => {
  const ns = (globalThis.Yanbao ??= {});
  ns.panelStyle = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483646; width: 440px; max-width: calc(100vw - 32px); max-height: 80vh; overflow: auto;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", sans-serif;
  color: #1d2330; background: #fff; border: 1px solid #c9ced8; border-radius: 10px;
  box-shadow: 0 6px 24px rgba(20, 30, 50, .18); }
.bottom-right { right: 16px; bottom: 16px; } .bottom-left { left: 16px; bottom: 16px; }
.top-right { right: 16px; top: 16px; } .top-left { left: 16px; top: 16px; }
.bar { display: flex; align-items: center; gap: 6px; padding: 8px 10px; background: #f3f5f9;
  border-bottom: 1px solid #e1e5ec; position: sticky; top: 0; }
.brand { font-weight: 700; flex: 1; }
button { font: inherit; cursor: pointer; border: 1px solid #c9ced8; background: #fff; color: inherit;
  border-radius: 6px; padding: 2px 8px; }
button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
button.link { border: 0; background: none; color: #1f6feb; padding: 0; text-decoration: underline; }
.collapsed .body { display: none; }
.body { padding: 8px 10px 10px; }
.product { margin: 0 0 6px; font-weight: 600; overflow-wrap: anywhere; }
h3 { font-size: 12px; margin: 10px 0 4px; color: #55607a; text-transform: uppercase; letter-spacing: .03em; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12px; }
col.c-plan { width: 31%; } col.c-price { width: 17%; } col.c-added { width: 14%; } col.c-month { width: 18%; } col.c-verdict { width: 20%; }
th, td { text-align: left; padding: 3px 4px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
th { font-size: 11px; color: #55607a; font-weight: 600; }
td.num { text-align: right; }
td { overflow-wrap: anywhere; }
.chip { display: inline-block; border-radius: 8px; padding: 0 6px; font-size: 11px; font-weight: 600; }
.worth_it { background: #d8f5df; color: #11602a; } .marginal { background: #fff1c7; color: #6d5200; }
.not_worth_it { background: #ffe0de; color: #8a1c13; } .already_covered { background: #e5e9f2; color: #3a4560; }
.headline { margin: 4px 0 6px; font-weight: 600; }
.statutory, .card-benefit, .reason, .all-plans { margin: 4px 0; }
.basis-mark { display: inline-block; border: 1px dashed #8a6d00; color: #6d5200; border-radius: 6px; padding: 0 4px;
  font-size: 10px; font-weight: 600; }
td.estimate .range { font-style: italic; }
.basis-note { font-size: 11px; }
ul.excluded { margin: 2px 0 4px; padding-left: 16px; font-size: 11px; }
ul.excluded li { margin: 2px 0; }
p.excluded-heading { margin: 4px 0 0; font-size: 11px; }
a { color: #1f6feb; }
.why { background: #f7f8fb; font-size: 12px; color: #323a4d; }
.why p { margin: 2px 0; }
.muted { color: #66708a; font-size: 12px; }
.history { display: flex; align-items: center; gap: 8px; margin-top: 6px; }
.history svg { flex: none; }
.history polyline { fill: none; stroke: #1f6feb; stroke-width: 1.5; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 10px; }
form { margin-top: 8px; padding: 8px; border: 1px solid #e1e5ec; border-radius: 8px; display: grid; gap: 6px; }
form label { display: flex; gap: 6px; align-items: center; }
input[type=text], input[type=date] { font: inherit; padding: 2px 4px; border: 1px solid #c9ced8; border-radius: 4px; }
.status { margin: 6px 0 0; font-weight: 600; }
.error { color: #8a1c13; }
@media (prefers-color-scheme: dark) {
  .panel { color: #e6e9f0; background: #1b1f27; border-color: #3a4150; }
  .bar { background: #232936; border-color: #3a4150; }
  button { background: #232936; border-color: #3a4150; }
  th, td { border-color: #2c3340; } .why { background: #232936; color: #d3d8e2; }
  h3, th, .muted { color: #9aa5bb; } form { border-color: #3a4150; }
}`;
})();

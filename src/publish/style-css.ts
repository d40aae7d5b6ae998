/** The site's stylesheet: light and dark by `prefers-color-scheme`, narrow screens, print. */
export const SITE_CSS = `:root {
  --bg: #ffffff; --fg: #1d2126; --muted: #5b6470; --line: #d8dde3; --panel: #f5f7f9;
  --accent: #0b5cad; --ok: #1a7f37; --bad: #c62828; --warn: #a15c00; --down: rgba(198,40,40,.14);
  --term-bg: #f7f7f7; --term-fg: #1d2126;
  --c0:#000000; --c1:#b3261e; --c2:#17803d; --c3:#8a6d00; --c4:#1f5fbf; --c5:#9a3fa8; --c6:#0e7c86; --c7:#b5b5b5;
  --c8:#6b6b6b; --c9:#d93b32; --c10:#22a352; --c11:#b08d00; --c12:#3b7ee0; --c13:#bd59cc; --c14:#16a0ac; --c15:#e5e5e5;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171b; --fg: #e3e6ea; --muted: #9aa4b0; --line: #2e343b; --panel: #1c2026;
    --accent: #6cb0ff; --ok: #4cc06b; --bad: #ff6b62; --warn: #e0a84a; --down: rgba(255,107,98,.16);
    --term-bg: #0d0f12; --term-fg: #d8dde3;
    --c0:#3a3a3a; --c1:#f06b62; --c2:#4cc06b; --c3:#e0c04a; --c4:#6ca4ff; --c5:#d38ae0; --c6:#4ccad4; --c7:#cfcfcf;
    --c8:#7d7d7d; --c9:#ff8a80; --c10:#7ee29a; --c11:#ffe07a; --c12:#99c2ff; --c13:#eab0f2; --c14:#86e6ee; --c15:#ffffff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
header.site { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;
  padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel); }
header.site .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .8em;
  border: 1px solid currentColor; white-space: nowrap; }
.badge.ok, .status-completed { color: var(--ok); }
.badge.bad, .status-abandoned, .status-rolled-back { color: var(--bad); }
.badge.warn, .status-in-progress { color: var(--warn); }
.badge.live { color: #fff; background: var(--bad); border-color: var(--bad); animation: pulse 2s infinite; }
@keyframes pulse { 50% { opacity: .6; } }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.filter { margin: .5rem 0; padding: .35rem .5rem; width: min(100%, 24rem); font: inherit;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: .3rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; }
.timeline { margin: 0 0 1rem; border: 1px solid var(--line); border-radius: .4rem; padding: .5rem; background: var(--panel); }
.timeline .row { display: grid; grid-template-columns: minmax(6rem, 12rem) 1fr; gap: .5rem; align-items: center; }
.timeline .track { position: relative; height: 1.2rem; }
.timeline .bar { position: absolute; top: .15rem; bottom: .15rem; min-width: 2px; border-radius: .2rem;
  background: var(--accent); opacity: .85; }
.timeline .bar.open { background: repeating-linear-gradient(45deg, var(--accent), var(--accent) 6px, transparent 6px, transparent 9px); }
.timeline .down { position: absolute; top: 0; bottom: 0; background: var(--down); border-left: 1px dashed var(--bad);
  border-right: 1px dashed var(--bad); }
.timeline .label { font-size: .85rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.timeline .axis { display: flex; justify-content: space-between; font-size: .75rem; color: var(--muted); }
ol.events { list-style: none; padding: 0; margin: 0; }
.event { border-left: 3px solid var(--line); padding: .35rem .75rem; margin: .4rem 0; }
.event:target { background: var(--panel); border-left-color: var(--accent); }
.event .meta { font-size: .8rem; color: var(--muted); display: flex; gap: .6rem; flex-wrap: wrap; align-items: baseline; }
.event .meta a.perma { color: var(--muted); text-decoration: none; }
.event.command { border-left-color: var(--ok); }
.event.command.failed { border-left-color: var(--bad); }
.event.note-problem { border-left-color: var(--bad); background: color-mix(in srgb, var(--bad) 6%, transparent); }
.event.note-fix { border-left-color: var(--ok); }
.event.note-decision, .event.note-lesson { border-left: 6px solid var(--warn);
  background: color-mix(in srgb, var(--warn) 8%, transparent); }
.event.milestone { border-left-color: var(--bad); }
.event .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0; }
.cmdline { display: flex; gap: .5rem; align-items: flex-start; }
.cmdline code { flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; font-weight: 600; }
button.copy { font: inherit; font-size: .75rem; padding: 0 .4rem; cursor: pointer; background: var(--panel);
  color: var(--fg); border: 1px solid var(--line); border-radius: .3rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
pre.term { background: var(--term-bg); color: var(--term-fg); padding: .5rem; border-radius: .3rem;
  overflow-x: auto; margin: .3rem 0; max-height: 24rem; }
pre.term.full { max-height: none; }
details.output > summary { cursor: pointer; font-size: .85rem; color: var(--muted); }
.amends { border-left: 2px dotted var(--warn); padding-left: .5rem; font-size: .9rem; }
.ansible-failed { color: var(--bad); }
.results li { margin: .5rem 0; }
.results .where { font-size: .8rem; color: var(--muted); }
.bad-text { color: var(--bad); } .ok-text { color: var(--ok); }
table.changes { table-layout: fixed; }
table.changes th:nth-child(1) { width: 2.2rem; } table.changes th:nth-child(2) { width: 44%; }
table.changes th:nth-child(4) { width: 1.6rem; }
table.changes td:nth-child(2) { overflow-wrap: anywhere; }
table.changes td.arrow { color: var(--muted); padding: .3rem .1rem; }
table.changes td:is(.before, .after) { overflow-wrap: anywhere; }
table.changes tr.change-removed td.before, table.changes tr.change-changed td.before { color: var(--bad); }
table.changes tr.change-added td.after, table.changes tr.change-changed td.after { color: var(--ok); }
table.changes .badge.change { color: var(--muted); min-width: 1.4em; text-align: center; }
table.reference td { overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; } h4 { font-size: .95rem; margin: .8rem 0 .2rem; }
.scope-diff { margin-bottom: 1rem; }
.snapshot-summary { font-size: .9rem; }
details.snapshot-data > summary, .plan-step details > summary { cursor: pointer; font-size: .85rem; color: var(--muted); }
ul.inline-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .8rem; }
ol.plan-steps { list-style: none; padding: 0; margin: 0; }
.plan-step { border-left: 3px solid var(--line); padding: .3rem .75rem; margin: .3rem 0; }
.plan-step.step-done { border-left-color: var(--ok); }
.plan-step.step-skipped { border-left-color: var(--warn); }
.plan-step .why { white-space: pre-wrap; margin: .2rem 0; }
.plan-step .ponr { color: var(--bad); }
dl.glossary dt { font-weight: 600; margin-top: .8rem; }
dl.glossary dd { margin: 0 0 0 1rem; }
.a-bold { font-weight: 700; } .a-dim { opacity: .7; } .a-it { font-style: italic; }
.a-ul { text-decoration: underline; } .a-st { text-decoration: line-through; }
.a-ifg { color: var(--term-bg); } .a-ibg { background: var(--term-fg); }
${Array.from({ length: 16 }, (_, i) => `.a-f${i} { color: var(--c${i}); } .a-b${i} { background: var(--c${i}); }`).join("\n")}
@media (max-width: 40rem) {
  body { font-size: 14px; }
  main { padding: .5rem; }
  .timeline .row { grid-template-columns: 5rem 1fr; }
  dl.summary { grid-template-columns: 1fr; }
  table.journeys :is(td, th):is(:nth-child(2), :nth-child(3), :nth-child(4), :nth-child(7)) { display: none; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --term-bg: #fff; --term-fg: #000; }
  header.site, button.copy, .filter, .no-print { display: none !important; }
  main { max-width: none; padding: 0; }
  pre.term { max-height: none; overflow: visible; white-space: pre-wrap; border: 1px solid #999; }
  .event { break-inside: avoid; }
  a { color: inherit; }
}
`;

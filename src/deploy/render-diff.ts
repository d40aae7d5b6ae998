import type { Change, SnapshotDiff } from "./types.js";

const MAX_VALUE = 120;

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  if (v === null) return "(unset)";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  const one = text.replace(/\s*\n\s*/g, " ⏎ ");
  return one.length > MAX_VALUE ? `${one.slice(0, MAX_VALUE - 1)}…` : one;
}

function line(c: Change): string {
  switch (c.kind) {
    case "added":
      return `  + ${c.path}: ${show(c.after)}`;
    case "removed":
      return `  - ${c.path}: ${show(c.before)}`;
    case "changed":
      return `  ~ ${c.path}: ${show(c.before)} → ${show(c.after)}`;
  }
}

/** The diff as plain text: a heading per section, one `+`/`-`/`~` line per change. */
export function renderDiffText(d: SnapshotDiff): string {
  if (d.sections.length === 0) return "No differences.\n";
  const blocks = d.sections.map((s) => {
    const n = s.changes.length;
    return [`${s.title} (${n} change${n === 1 ? "" : "s"})`, ...s.changes.map(line)].join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

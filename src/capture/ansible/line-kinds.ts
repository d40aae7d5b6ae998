import type { AnsibleRecapRow } from "./types.js";

export { parseProfileTiming } from "./profile-timing.js";

export type BannerKind = "play" | "task" | "handler" | "recap" | "no-more-hosts";

export interface Banner {
  kind: BannerKind;
  name: string;
}

const BANNERS: readonly [string, BannerKind][] = [
  ["PLAY RECAP", "recap"],
  ["PLAY [", "play"],
  ["TASK [", "task"],
  ["RUNNING HANDLER [", "handler"],
  ["NO MORE HOSTS LEFT", "no-more-hosts"],
];

const BANNER_INITIALS = new Set(BANNERS.map(([prefix]) => prefix.charCodeAt(0)));

/** Reads a `PLAY [name] ****` style banner: the name, then a run of at least three stars. */
export function parseBanner(line: string): Banner | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end < 3 || line.charCodeAt(end - 1) !== 42) return null;
  if (!BANNER_INITIALS.has(line.charCodeAt(0))) return null;
  for (const [prefix, kind] of BANNERS) {
    if (!line.startsWith(prefix)) continue;
    if (kind === "recap" || kind === "no-more-hosts") return { kind, name: "" };
    while (end > 0 && line.charCodeAt(end - 1) === 42) end--;
    while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
    if (line.charCodeAt(end - 1) !== 93 || end - 1 < prefix.length) return null;
    return { kind, name: line.slice(prefix.length, end - 1).trim() };
  }
  return null;
}

export type ResultStatus = "ok" | "changed" | "skipped" | "failed" | "unreachable";

export interface ResultLine {
  status: ResultStatus;
  host: string;
  /** The loop item label, without `(item=` and `)`, when the line reports one item. */
  item: string | null;
  /** Text after the `=>` that follows host and item (JSON, YAML or a debug value), or "". */
  detail: string;
}

// Dispatch on the first letter: this runs on most lines of a long run.
function resultPrefix(line: string): [number, ResultStatus] | null {
  switch (line.charCodeAt(0)) {
    case 111: // o
      return line.startsWith("ok: [") ? [5, "ok"] : null;
    case 99: // c
      return line.startsWith("changed: [") ? [10, "changed"] : null;
    case 115: // s
      return line.startsWith("skipping: [") ? [11, "skipped"] : null;
    case 102: // f
      return line.startsWith("fatal: [")
        ? [8, "failed"]
        : line.startsWith("failed: [")
          ? [9, "failed"]
          : null;
    default:
      return null;
  }
}

/**
 * Reads a per-host result line of the default callback: `ok: [h]`, `changed: [h -> delegate]`,
 * `ok: [h] => (item=x)`, `failed: [h] (item=x) => {...}`, `fatal: [h]: UNREACHABLE! => {...}`.
 */
export function parseResultLine(line: string): ResultLine | null {
  const prefix = resultPrefix(line);
  if (!prefix) return null;
  const open = prefix[0];
  const close = line.indexOf("]", open);
  if (close === -1) return null;
  const arrow = line.indexOf(" -> ", open);
  const host = line.slice(open, arrow === -1 || arrow > close ? close : arrow);
  let status = prefix[1];
  let from = close + 1;
  if (line.startsWith(": UNREACHABLE!", from)) {
    status = "unreachable";
    from += 14;
  } else if (line.startsWith(": FAILED!", from)) from += 9;
  if (from >= line.length) return { status, host, item: null, detail: "" };
  const rest = line.slice(from);
  const at = rest.indexOf("(item=");
  if (at === -1 || at > 4) return { status, host, item: null, detail: afterArrow(rest) };
  const end = rest.indexOf(") => ", at);
  if (end !== -1)
    return { status, host, item: rest.slice(at + 6, end), detail: rest.slice(end + 5) };
  const label = rest.endsWith(")") ? rest.slice(at + 6, -1) : rest.slice(at + 6);
  return { status, host, item: label, detail: "" };
}

function afterArrow(rest: string): string {
  const at = rest.indexOf("=>");
  return at === -1 ? "" : rest.slice(at + 2).trim();
}

/** Reads `included: /path/file.yml for h1, h2` into the hosts. */
export function parseIncluded(line: string): string[] | null {
  if (!line.startsWith("included: ")) return null;
  const at = line.lastIndexOf(" for ");
  if (at === -1) return null;
  return line
    .slice(at + 5)
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
}

const RECAP_ROW = /^(\S+)\s*:\s+(ok=\d+.*)$/;
const COUNT = /(\w+)=(\d+)/g;

/** Reads one PLAY RECAP row; counts a version does not print (older cores) are 0. */
export function parseRecapRow(line: string): AnsibleRecapRow | null {
  const m = RECAP_ROW.exec(line);
  if (!m?.[1] || !m[2]) return null;
  const row: AnsibleRecapRow = {
    host: m[1],
    ok: 0,
    changed: 0,
    unreachable: 0,
    failed: 0,
    skipped: 0,
    rescued: 0,
    ignored: 0,
  };
  for (const [, key, value] of m[2].matchAll(COUNT)) {
    if (key && key !== "host" && key in row)
      (row as unknown as Record<string, number>)[key] = Number(value);
  }
  return row;
}

const AD_HOC = /^(\S+) \| (SUCCESS|CHANGED|FAILED!?|UNREACHABLE!|SKIPPED)(?=\s|$)(.*)$/;
const AD_HOC_STATUS: Record<string, ResultStatus> = {
  SUCCESS: "ok",
  CHANGED: "changed",
  FAILED: "failed",
  "FAILED!": "failed",
  "UNREACHABLE!": "unreachable",
  SKIPPED: "skipped",
};

/** Reads an ad-hoc `ansible` result: `host | FAILED! => {...}` or `host | FAILED | rc=2 >>`. */
export function parseAdHocLine(line: string): ResultLine | null {
  const m = AD_HOC.exec(line);
  const status = m?.[2] ? AD_HOC_STATUS[m[2]] : undefined;
  if (!m?.[1] || !status) return null;
  const rest = m[3] ?? "";
  const arrow = rest.indexOf("=>");
  const detail =
    arrow === -1 ? rest.replace(/^[\s|]+|>>\s*$/g, "").trim() : rest.slice(arrow + 2).trim();
  return { status, host: m[1], item: null, detail };
}

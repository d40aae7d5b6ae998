import type { CheckSeverity } from "../journal/index.js";
import type { CheckResult } from "./types.js";

const RESULT_NAMES: Record<string, number> = { success: 0, warning: 1, failure: 2 };
const SEVERITY: Record<number, CheckSeverity> = { 0: "info", 1: "medium", 2: "high" };

/**
 * Reads the output of `<service>-status upgrade check` (oslo.upgradecheck), JSON or table form.
 * Codes: 0 success → info, 1 warning → medium, 2 failure → high and an inhibitor. Exit 255 (the
 * check crashed) or output without checks gives one high inhibitor saying so.
 */
export function parseUpgradeCheck(stdout: string, exitCode: number): CheckResult[] {
  const json = fromJson(stdout);
  const rows = json ?? fromTable(stdout);
  const format = json ? "json" : rows.length ? "table" : "none";
  const results = rows.map((r) => toResult(r, exitCode, format));
  if (exitCode === 255 || results.length === 0) results.push(crashed(stdout, exitCode));
  return results;
}

interface Row {
  check: string;
  code: number | null;
  result: string;
  details: string | null;
}

function fromJson(stdout: string): Row[] | null {
  const line = stdout
    .split("\n")
    .find((l) => l.trimStart().startsWith("{") && l.includes('"checks"'));
  if (!line) return null;
  try {
    const doc = JSON.parse(line) as {
      checks?: { check: string; result: number; details: string | null }[];
    };
    if (!Array.isArray(doc.checks)) return null;
    return doc.checks.map((c) => ({
      check: c.check,
      code: c.result,
      result: nameOf(c.result),
      details: c.details ?? null,
    }));
  } catch {
    return null;
  }
}

interface Draft {
  check: string;
  result: string;
  details: string[];
  field: "check" | "details" | null;
}

function fromTable(stdout: string): Row[] {
  const rows: Row[] = [];
  let current: Draft | null = null;
  for (const raw of stdout.split("\n")) {
    const m = /^\|(.*)\|$/.exec(raw.trimEnd());
    if (m) current = tableCell(current, (m[1] ?? "").trim());
    else if (raw.startsWith("+") && current) {
      rows.push(finish(current));
      current = null;
    }
  }
  if (current) rows.push(finish(current));
  return rows;
}

/** Folds one table cell into the check being read; a `Check:` cell starts a new one. */
function tableCell(current: Draft | null, cell: string): Draft | null {
  const kv = /^(Check|Result|Details):\s?(.*)$/.exec(cell);
  const value = kv?.[2] ?? "";
  if (kv?.[1] === "Check") return { check: value, result: "", details: [], field: "check" };
  if (!current) return null;
  if (kv?.[1] === "Result") return { ...current, result: value, field: null };
  if (kv?.[1] === "Details")
    return { ...current, details: [...current.details, value], field: "details" };
  if (current.field === "details") return { ...current, details: [...current.details, cell] };
  if (current.field === "check") return { ...current, check: `${current.check} ${cell}` };
  return current;
}

function finish(c: Draft): Row {
  const text = c.details.join(" ").trim();
  const code = RESULT_NAMES[c.result.toLowerCase()];
  return {
    check: c.check.trim(),
    code: code ?? null,
    result: c.result,
    details: text === "None" || text === "" ? null : text,
  };
}

function nameOf(code: number): string {
  return ["Success", "Warning", "Failure"][code] ?? `code ${code}`;
}

function toResult(r: Row, exitCode: number, format: "json" | "table" | "none"): CheckResult {
  const severity = r.code === null ? "high" : (SEVERITY[r.code] ?? "high");
  return {
    name: r.check,
    severity,
    inhibitor: severity === "high",
    text: r.details ? `${r.result}: ${r.details}` : r.result,
    detail: { code: r.code, result: r.result, details: r.details, exitCode, format },
  };
}

function crashed(stdout: string, exitCode: number): CheckResult {
  const lines = stdout.trim().split("\n").filter(Boolean);
  // A Python traceback ends with the exception line, then sometimes a hint line (SQLAlchemy's).
  const last =
    lines.filter((l) => /^[\w.]+(Error|Exception)\b[^:]*:/.test(l)).pop() ?? lines.pop() ?? "";
  const why =
    exitCode === 255
      ? "the upgrade check itself failed"
      : "no check results were found in the output";
  return {
    name: "upgrade check run",
    severity: "high",
    inhibitor: true,
    text: `Exit ${exitCode}: ${why}${last ? ` (${last.slice(0, 200)})` : ""}.`,
    detail: { code: null, result: "Error", details: last || null, exitCode, format: "none" },
  };
}

import type { Series, SeriesStatus } from "./types.js";
import { asDate, asFlag, asReleaseId, isRecord } from "./yaml-values.js";

const STATUSES: readonly SeriesStatus[] = [
  "future",
  "development",
  "maintained",
  "extended maintenance",
  "unmaintained",
  "end of life",
];

function asStatus(v: unknown): SeriesStatus | null {
  return STATUSES.find((s) => s === v) ?? null;
}

/** Series before antelope carry no release id upstream; label them year.half from their release date. */
function derivedId(initialRelease: string | null): string | null {
  if (!initialRelease) return null;
  const [year, month] = initialRelease.split("-").map(Number);
  return `${year}.${(month ?? 1) <= 6 ? 1 : 2}`;
}

/** One entry of series_status.yaml (upstream or ours) as a Series; null when it cannot be read. */
export function seriesFromEntry(entry: unknown): Series | null {
  if (!isRecord(entry) || typeof entry.name !== "string") return null;
  const status = asStatus(entry.status);
  if (!status) return null;
  const initialRelease = asDate(entry["initial-release"]);
  const upstreamId = entry["release-id-derived"] === true ? null : asReleaseId(entry["release-id"]);
  const id = upstreamId ?? derivedId(initialRelease);
  if (!id) return null;
  const next = entry["next-phase"];
  const nextStatus = isRecord(next) ? asStatus(next.status) : null;
  return {
    name: entry.name,
    id,
    idDerived: upstreamId === null,
    status,
    slurp: asFlag(entry.slurp),
    initialRelease,
    eolDate: asDate(entry["eol-date"]),
    nextPhase:
      nextStatus && isRecord(next) ? { status: nextStatus, date: asDate(next.date) } : null,
  };
}

/** Reads a parsed series_status.yaml list, keeping series from `oldest` (by id) on, oldest first. */
export function seriesFromList(list: unknown, oldest = "2020.2"): Series[] {
  if (!Array.isArray(list)) return [];
  return list
    .map(seriesFromEntry)
    .filter((s): s is Series => s !== null && compareIds(s.id, oldest) >= 0)
    .sort((a, b) => compareIds(a.id, b.id));
}

/** Orders release ids ("2023.1" < "2023.2" < "2024.1"). */
export function compareIds(a: string, b: string): number {
  const [ay, ah] = a.split(".").map(Number);
  const [by, bh] = b.split(".").map(Number);
  return (ay ?? 0) - (by ?? 0) || (ah ?? 0) - (bh ?? 0);
}

/** A Series as a series_status.yaml entry (with our derived-id marker). */
export function seriesToEntry(s: Series): Record<string, unknown> {
  const e: Record<string, unknown> = { name: s.name, "release-id": s.id };
  if (s.idDerived) e["release-id-derived"] = true;
  e.status = s.status;
  e.slurp = s.slurp;
  if (s.initialRelease) e["initial-release"] = s.initialRelease;
  if (s.eolDate) e["eol-date"] = s.eolDate;
  if (s.nextPhase)
    e["next-phase"] = s.nextPhase.date
      ? { status: s.nextPhase.status, date: s.nextPhase.date }
      : { status: s.nextPhase.status };
  return e;
}

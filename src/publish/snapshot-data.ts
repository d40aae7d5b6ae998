import type { CloudSnapshot } from "../cloud/index.js";
import type { ConfigSnapshot } from "../deploy/index.js";
import type { JournalEvent, SnapshotPayload } from "../journal/index.js";

type Scope = SnapshotPayload["scope"];

/** A snapshot event with its data, once its shape has been checked. */
export interface Taken<T> {
  event: JournalEvent<SnapshotPayload>;
  data: T;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

const isStringList = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((s) => typeof s === "string");

/**
 * The data of a `config` snapshot when it has the shape the deploy readers write; events carry
 * `unknown`, and an older or hand-made event must not break a page.
 */
export function asConfig(data: unknown): ConfigSnapshot | null {
  if (!isObject(data)) return null;
  const net = data.network;
  const ok =
    typeof data.tool === "string" &&
    isStringList(data.enabledServices) &&
    isObject(data.imageTags) &&
    isObject(data.hostsByGroup) &&
    Object.values(data.hostsByGroup).every(isStringList) &&
    isObject(net) &&
    isObject(net.interfaces) &&
    isObject(net.vips) &&
    Array.isArray(data.overrides) &&
    data.overrides.every((o) => isObject(o) && isObject(o.sections)) &&
    isObject(data.variables) &&
    Array.isArray(data.files) &&
    isStringList(data.secretKeys) &&
    Array.isArray(data.skipped);
  return ok ? (data as unknown as ConfigSnapshot) : null;
}

/** The data of a `cloud` snapshot when it has the shape the cloud reader writes. */
export function asCloud(data: unknown): CloudSnapshot | null {
  if (!isObject(data)) return null;
  const ok =
    Array.isArray(data.catalog) &&
    data.catalog.every((c) => isObject(c) && Array.isArray(c.endpoints)) &&
    isObject(data.versions) &&
    Object.values(data.versions).every(Array.isArray) &&
    isObject(data.identity) &&
    Array.isArray(data.findings);
  return ok ? (data as unknown as CloudSnapshot) : null;
}

function taken<T>(
  events: readonly JournalEvent[],
  scope: Scope,
  read: (d: unknown) => T | null,
): Taken<T>[] {
  const out: Taken<T>[] = [];
  for (const e of events) {
    if (e.payload.kind !== "snapshot" || e.payload.scope !== scope) continue;
    const data = read(e.payload.data);
    if (data) out.push({ event: e as JournalEvent<SnapshotPayload>, data });
  }
  return out;
}

/** A journal's readable snapshots of each scope, in seq order. */
export interface Snapshots {
  config: Taken<ConfigSnapshot>[];
  cloud: Taken<CloudSnapshot>[];
}

/** Reads the snapshots out of a journal's events. */
export function snapshotsOf(events: readonly JournalEvent[]): Snapshots {
  return { config: taken(events, "config", asConfig), cloud: taken(events, "cloud", asCloud) };
}

/** The first and the last of a list, when there are two distinct ones. */
export function firstAndLast<T>(list: readonly Taken<T>[]): [Taken<T>, Taken<T>] | null {
  const a = list[0];
  const b = list.at(-1);
  return a && b && a !== b ? [a, b] : null;
}

import type { History } from "./history.js";

/** Where a scan stops walking and which version is the oldest one reported. */
export interface ScanBounds {
  earliest: string | undefined;
  stopTag: string | undefined;
}

/**
 * reno's `stop_at_branch_base` rules: on the current branch, stop at the base of the newest
 * series branch; on a named branch, report back to that branch's own base. Without them (or
 * with an earliest version) only the earliest version bounds the scan.
 */
export function scanBounds(
  h: History,
  byDate: string[],
  branch: string | undefined,
  earliest: string | undefined,
  stopAtBranchBase = true,
): ScanBounds {
  const stopTag = h.scanStopPoint(earliest, byDate, branch);
  if (earliest || !stopAtBranchBase) return { earliest, stopTag };
  if (!branch) return currentBranchBounds(h, byDate);
  return namedBranchBounds(h, byDate, branch);
}

function currentBranchBounds(h: History, byDate: string[]): ScanBounds {
  let stopTag: string | undefined;
  for (const earlier of [...h.refs.seriesBranches()].reverse()) {
    const base = h.branchBase(earlier);
    if (base !== undefined && byDate.includes(base)) {
      stopTag = base;
      break;
    }
  }
  if (!stopTag) return { earliest: undefined, stopTag: undefined };
  // The first tag made on this branch after the base opens its series; with none, the base does.
  const next = byDate[byDate.indexOf(stopTag) + 1];
  return { earliest: next ?? stopTag, stopTag };
}

function namedBranchBounds(h: History, byDate: string[], branch: string): ScanBounds {
  const base = h.branchBase(branch);
  const stopTag = h.scanStopPoint(base, byDate, branch);
  let earliest = base;
  if (stopTag) {
    const idx = byDate.indexOf(stopTag);
    earliest = idx > 0 ? byDate[idx - 1] : idx === 0 ? byDate.at(-1) : undefined;
  }
  if (earliest && h.rules.collapse && h.rules.isPreRelease(earliest))
    earliest = h.rules.stripPreRelease(earliest);
  return { earliest, stopTag };
}

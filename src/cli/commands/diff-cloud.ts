import type { SnapshotDiff } from "../../deploy/index.js";
import { fail } from "../../errors/index.js";

/** Replaced once the cloud client lands. */
export function diffCloudSnapshots(_a: unknown, _b: unknown): SnapshotDiff {
  throw fail("BadValue", "snapshots", "config snapshots", "stacklog diff 3 17", "cloud snapshots");
}

import { fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";
import type { SnapshotSummary } from "./snapshot.js";

/** Replaced once the cloud client lands. */
export async function snapshotCloudVerb(_args: Args, _ctx: Ctx): Promise<SnapshotSummary> {
  throw fail(
    "BadValue",
    "what to snapshot",
    "config",
    "stacklog snapshot config /etc/kolla",
    "cloud",
  );
}

import {
  type ConfigSnapshot,
  diffConfig,
  renderDiffText,
  type SnapshotDiff,
} from "../../deploy/index.js";
import { fail } from "../../errors/index.js";
import type { JournalEvent, SnapshotPayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";
import { diffCloudSnapshots } from "./diff-cloud.js";

export interface DiffResult {
  scope: "config" | "cloud";
  before: { seq: number; label: string };
  after: { seq: number; label: string };
  diff: SnapshotDiff | { sections: unknown[] };
  text: string;
}

function snapshotOf(e: JournalEvent, ref: string): SnapshotPayload {
  if (e.payload.kind !== "snapshot")
    throw fail(
      "BadValue",
      `event ${ref}`,
      "the number of a snapshot event",
      "stacklog diff 3 17",
      `event ${ref} is a ${e.payload.kind}`,
    );
  return e.payload;
}

/** What changed between two snapshots of the same kind, for people (or --json). */
export async function run(args: Args, ctx: Ctx): Promise<DiffResult> {
  const [a, b] = args.positionals;
  if (!a || !b) throw fail("MissingArgument", "two snapshot events", "stacklog diff 3 17");
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const ea = store.getEvent(id, a);
    const eb = store.getEvent(id, b);
    const pa = snapshotOf(ea, a);
    const pb = snapshotOf(eb, b);
    if (pa.scope !== pb.scope)
      throw fail(
        "BadValue",
        "snapshots",
        "two of the same kind",
        "stacklog diff 3 17",
        `a ${pa.scope} and a ${pb.scope} snapshot`,
      );
    const before = { seq: ea.seq, label: pa.label };
    const after = { seq: eb.seq, label: pb.label };
    if (pa.scope === "cloud") {
      const { sections, text } = diffCloudSnapshots(pa.data, pb.data);
      return { scope: "cloud", before, after, diff: { sections }, text };
    }
    const diff = diffConfig(pa.data as ConfigSnapshot, pb.data as ConfigSnapshot);
    return { scope: "config", before, after, diff, text: renderDiffText(diff) };
  } finally {
    store.close();
  }
}

export function human(r: DiffResult): string {
  return `${r.scope} #${r.before.seq} (${r.before.label}) → #${r.after.seq} (${r.after.label})\n\n${r.text}`;
}

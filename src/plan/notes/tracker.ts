import type { FileChange } from "./raw-diff.js";
import type { NoteRef } from "./types.js";
import { noteUid } from "./versions.js";

/**
 * Remembers, while history is walked newest first (by note id), the earliest version each id was
 * seen in and the newest name and content it had; deleted ids are dropped. `keep` hears of
 * each note content that may end up in the report, as soon as it is known.
 */
export class NoteTracker {
  readonly versions: string[] = [];
  readonly earliest = new Map<string, string>();
  readonly latest = new Map<string, NoteRef>();
  private deleted = new Set<string>();
  private pending = new Map<string, NoteRef>();
  private knownVersions = new Set<string>();

  constructor(private keep: (ref: NoteRef) => void = () => {}) {}

  private see(uid: string, version: string): void {
    if (!this.knownVersions.has(version)) {
      this.knownVersions.add(version);
      this.versions.push(version);
    }
    this.earliest.set(uid, version);
  }

  add(uid: string, ref: NoteRef, version: string): void {
    this.see(uid, version);
    if (this.deleted.has(uid)) return;
    const edited = this.pending.get(uid);
    if (edited) {
      // Edits seen earlier in the walk are newer than this add: keep their content.
      this.latest.set(uid, edited);
      this.pending.delete(uid);
    } else if (!this.latest.has(uid)) {
      this.latest.set(uid, ref);
      this.keep(ref);
    }
  }

  /** A modification or a rename (the new name). */
  change(uid: string, ref: NoteRef, version: string): void {
    this.see(uid, version);
    if (this.deleted.has(uid)) return;
    const target = this.latest.has(uid) ? this.latest : this.pending;
    if (!target.has(uid)) {
      target.set(uid, ref);
      this.keep(ref);
    }
  }

  delete(uid: string, version: string): void {
    this.see(uid, version);
    // An id already seen alive was re-added after this delete, so it stays.
    if (!this.latest.has(uid)) this.deleted.add(uid);
  }
}

/** A commit's note changes after pairing by id: adds and deletes of one id make a rename. */
export interface NoteOp {
  op: "add" | "delete" | "change";
  uid: string;
  file: string;
  blob: string;
}

/** Turns a commit's per-parent file changes into note operations, as reno's aggregator does. */
export class ChangeAggregator {
  private badDeleted = new Set<string>();

  aggregate(changes: FileChange[][], commit: string, warn: (msg: string) => void): NoteOp[] {
    const only = changes.length === 1 ? changes[0] : undefined;
    if (only?.length === 1) {
      // One path against one parent, the usual case: nothing to pair.
      const c = only[0] as FileChange;
      if (!c.path.endsWith(".yaml")) return [];
      const op = c.type === "modify" ? "change" : c.type;
      return [{ op, uid: noteUid(c.path), file: c.path, blob: c.blob }];
    }
    const byUid = new Map<string, FileChange[]>();
    for (const perParent of changes) {
      for (const c of perParent) {
        if (!c.path.endsWith(".yaml")) continue;
        const uid = noteUid(c.path);
        const list = byUid.get(uid);
        if (list) list.push(c);
        else byUid.set(uid, [c]);
      }
    }
    const ops: NoteOp[] = [];
    for (const uid of [...byUid.keys()].sort())
      ops.push(...this.pair(uid, byUid.get(uid) as FileChange[], commit, warn));
    return ops;
  }

  private pair(
    uid: string,
    list: FileChange[],
    commit: string,
    warn: (msg: string) => void,
  ): NoteOp[] {
    const as = (op: NoteOp["op"], c: FileChange): NoteOp => ({
      op,
      uid,
      file: c.path,
      blob: c.blob,
    });
    if (list.length === 1) {
      const c = list[0] as FileChange;
      return [as(c.type === "modify" ? "change" : c.type, c)];
    }
    const types = new Set(list.map((c) => c.type));
    const added = list.find((c) => c.type === "add");
    if (types.size === 2 && added && types.has("delete")) return [as("change", added)];
    if (types.size === 1 && types.has("modify")) return list.map((c) => as("change", c));
    if (types.size === 1 && types.has("delete")) {
      this.badDeleted.add(uid);
      return list.map((c) => as("delete", c));
    }
    if (!this.badDeleted.has(uid)) {
      const files = [...new Set(list.map((c) => c.path))].join(", ");
      warn(
        `note id ${uid}: commit ${commit.slice(0, 12)} has several files or conflicting changes with this id (${files}); ignored`,
      );
    }
    return [];
  }
}

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fail } from "../../errors/index.js";
import type { JournalStore, NoteKind, NotePayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { warnIfFinished } from "../finished.js";
import { type Appended, appendEvents } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";

// Written after a journal is finished, lessons and decisions are expected; the others are likely
// meant for a journal not yet started.
const LATE_KINDS: NoteKind[] = ["lesson", "decision"];

function noteKind(args: Args): NoteKind {
  const kinds: NoteKind[] = ["problem", "decision", "lesson", "question"];
  const chosen = kinds.filter((k) => bool(args, k));
  if (str(args, "fix") !== undefined) chosen.push("fix");
  if (chosen.length > 1) {
    throw fail(
      "BadValue",
      "note kind",
      "at most one of --problem, --fix, --decision, --lesson, --question",
      "stacklog note --problem TEXT",
      chosen.map((k) => `--${k}`).join(" "),
    );
  }
  return chosen[0] ?? "observation";
}

async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fromEditor(ctx: Ctx): string {
  const editor = ctx.env.VISUAL ?? ctx.env.EDITOR;
  if (!editor || !ctx.stdin.isTTY) return "";
  const dir = mkdtempSync(path.join(os.tmpdir(), "stacklog-note-"));
  const file = path.join(dir, "NOTE.md");
  try {
    writeFileSync(file, "", { mode: 0o600 });
    spawnSync(`${editor} "${file}"`, { shell: true, stdio: "inherit" });
    return readFileSync(file, "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text given on the command line: as arguments or with -m, not both (one would be lost).
 * Throws TextGivenTwice.
 */
export function argumentText(words: string[], args: Args, verb: string, example: string): string {
  const message = str(args, "message");
  if (words.length > 0 && message !== undefined) throw fail("TextGivenTwice", verb, example);
  return (words.join(" ") || message || "").trim();
}

/**
 * The note's text: arguments or -m, then standard input, then $EDITOR. A lone `-` stands for
 * standard input, as for `cat`, read even from a terminal (until Ctrl-D).
 */
export async function noteText(args: Args, ctx: Ctx): Promise<string> {
  const text = argumentText(args.positionals, args, "note", 'stacklog note --problem "TEXT"');
  if (text === "-" && args.positionals.length === 1) return (await readStdin(ctx.stdin)).trim();
  if (text) return text;
  if (!ctx.stdin.isTTY) return (await readStdin(ctx.stdin)).trim();
  return fromEditor(ctx).trim();
}

export async function run(args: Args, ctx: Ctx): Promise<Appended> {
  const kind = noteKind(args);
  const text = await noteText(args, ctx);
  if (!text) throw fail("EmptyNote");
  const fixRef = str(args, "fix");
  return appendEvents(ctx, str(args, "journal"), ({ store, journalId }) => {
    const payload: NotePayload = { kind: "note", noteKind: kind, text };
    if (fixRef !== undefined) payload.fixes = problemId(store, journalId, fixRef, ctx);
    if (!LATE_KINDS.includes(kind)) warnIfFinished(ctx, store, journalId);
    return [payload];
  });
}

function problemId(store: JournalStore | null, journalId: string, ref: string, ctx: Ctx): string {
  if (!store)
    throw fail("StoreUnwritable", ctx.home, "a fix names its problem, which needs the store");
  const problem = store.getEvent(journalId, ref);
  if (problem.payload.kind !== "note" || problem.payload.noteKind !== "problem") {
    throw fail(
      "BadValue",
      "--fix",
      "the number of a problem note",
      "stacklog note --fix 12 TEXT",
      `event ${ref} is ${describeKind(problem.payload)}, not a problem`,
    );
  }
  return problem.id;
}

export function human(data: Appended): string {
  return describeAppended(data);
}

/** What an event is, as the operator calls it: "a decision", "an observation", "a command". */
function describeKind(p: { kind: string; noteKind?: string }): string {
  const what = p.kind === "note" && p.noteKind ? p.noteKind : p.kind;
  return `${/^[aeiou]/.test(what) ? "an" : "a"} ${what}`;
}

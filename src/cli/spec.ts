import { fail } from "../errors/index.js";
import type { Ctx, Io } from "./context.js";

/** One flag of a verb, as `node:util` parseArgs understands it plus help text. */
export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. "ID". */
  value?: string;
  description: string;
}

/** Parsed command line handed to a verb. */
export interface Args {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Everything after `--` (for `run`). */
  rest: string[];
}

/** What a verb file exports. `run` returns data; `human` turns it into text for people. */
export interface VerbModule {
  run(args: Args, ctx: Ctx): Promise<unknown>;
  /** Method syntax on purpose: each verb narrows `data` to what its `run` returns. */
  human?(data: never, ctx: Ctx): string;
}

export interface VerbSpec {
  name: string;
  summary: string;
  usage: string;
  /** Longer text under the usage line. */
  description?: string;
  flags: Record<string, FlagSpec>;
  /** Verbs that take flags only: an argument besides them is a usage error, not ignored. */
  noPositionals?: boolean;
  examples: string[];
  /** Verbs that write events take --journal and may spool. */
  load: () => Promise<VerbModule>;
  /**
   * What the verb still does when `load` fails (stacklog's code cannot be read): an exit status,
   * or null to report the failure as usual.
   */
  unloaded?: (args: Args, io: Io, reason: string) => Promise<number | null>;
}

export const JSON_FLAG: FlagSpec = { type: "boolean", description: "print JSON instead of text" };
/** --json of the verbs that print one JSON document per item, as they come. */
export const JSON_LINES_FLAG: FlagSpec = {
  type: "boolean",
  description: "print JSON Lines (one event per line) instead of text",
};
export const JOURNAL_FLAG: FlagSpec = {
  type: "string",
  value: "ID",
  description: "journal to use (default: the current one, or $STACKLOG_JOURNAL)",
};

/** Reads a string flag. */
export function str(args: Args, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : undefined;
}

/** Reads `--port` (default 7300); BadValue, with `example`, for anything but a port number. */
export function port(args: Args, example: string): number {
  const given = str(args, "port");
  const n = Number(given ?? 7300);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw fail("BadValue", "--port", "a port number 0–65535", example, String(given));
  return n;
}

/** Reads a boolean flag. */
export function bool(args: Args, name: string): boolean {
  return args.flags[name] === true;
}

/** Reads a repeatable string flag. */
export function list(args: Args, name: string): string[] {
  const v = args.flags[name];
  if (Array.isArray(v)) return v;
  return typeof v === "string" ? [v] : [];
}

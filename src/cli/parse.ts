import { parseArgs } from "node:util";
import { fail, StacklogError } from "../errors/index.js";
import type { Args, VerbSpec } from "./spec.js";

/** Splits off everything after the first `--` (the command of `run`, else more positionals). */
function splitRest(argv: string[], spec: VerbSpec): [string[], string[]] {
  const i = spec.name === "run" ? commandStart(argv, spec) : argv.indexOf("--");
  if (i < 0) return [argv, []];
  return [argv.slice(0, i), argv.slice(argv[i] === "--" ? i + 1 : i)];
}

/**
 * Where `run`'s command starts: after `--`, or at the first word that is not one of run's own
 * flags or their values, as `env`, `sudo` and `time` read theirs (`stacklog run ls -la`: `-la`
 * is the command's). -1 when there is none.
 */
function commandStart(argv: string[], spec: VerbSpec): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--" || !arg.startsWith("-") || arg === "-") return i;
    if (flagWritten(spec, arg)?.[1].type === "string") i++;
  }
  return -1;
}

/**
 * Joins `--limit -1` into `--limit=-1`: parseArgs takes a value starting with `-` for another flag
 * and fails with its own text; as a value, the verb can say what it expects instead. Reads
 * `-m=TEXT` as `--message=TEXT` (parseArgs would keep the `=` in the value), the way out that
 * FlagValueLooksLikeFlag suggests.
 */
function joinValues(argv: string[], spec: VerbSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = flagWritten(spec, arg);
    const shortJoined = Object.entries(spec.flags).find(
      ([, f]) => f.type === "string" && f.short && arg.startsWith(`-${f.short}=`),
    );
    if (name?.[1].type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name[0]}=${next}`);
      i++;
    } else if (shortJoined) out.push(`--${shortJoined[0]}=${arg.slice(3)}`);
    else out.push(arg);
  }
  return out;
}

/** The verb's flag written as `arg` (`--message` or `-m`), with its name. */
function flagWritten(spec: VerbSpec, arg: string) {
  return Object.entries(spec.flags).find(
    ([n, f]) => arg === `--${n}` || (f.short !== undefined && arg === `-${f.short}`),
  );
}

/** The flag `-m` or `--message` names in a parseArgs message, by its long name. */
function flagNamed(spec: VerbSpec, written: string): string | undefined {
  if (written.startsWith("--")) return written.slice(2);
  return Object.entries(spec.flags).find(([, f]) => `-${f.short}` === written)?.[0];
}

/**
 * A flag that takes one value, given twice (`--title x --title y`): parseArgs keeps the last one
 * without a word, and a script that builds its arguments may not mean it. Said, not guessed.
 */
function refuseRepeats(spec: VerbSpec, tokens: ReturnType<typeof parseArgs>["tokens"]): void {
  const seen = new Map<string, string>();
  for (const t of tokens ?? []) {
    if (t.kind !== "option" || t.value === undefined) continue;
    const flag = spec.flags[t.name];
    if (!flag || flag.multiple) continue;
    const before = seen.get(t.name);
    if (before !== undefined)
      throw fail(
        "BadValue",
        `--${t.name}`,
        "one value (the flag was given twice)",
        spec.examples.find((e) => e.includes(`--${t.name}`)) ??
          `stacklog ${spec.name} --${t.name} ${flag.value ?? "VALUE"}`,
        `${JSON.stringify(before)} and ${JSON.stringify(t.value)}`,
      );
    seen.set(t.name, t.value);
  }
}

/** Parses a verb's arguments against its spec; unknown flags are catalogued usage errors. */
export function parseVerbArgs(spec: VerbSpec, argv: string[]): Args & { help: boolean } {
  const [head, rest] = splitRest(argv, spec);
  const options = { ...spec.flags, help: { type: "boolean" as const, short: "h" } };
  try {
    const { values, positionals, tokens } = parseArgs({
      args: joinValues(head, spec),
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    refuseRepeats(spec, tokens);
    const { help, ...flags } = values as Record<string, string | boolean | string[] | undefined>;
    // `stacklog export 01JD6Q` would export the current journal, not the one named
    const extra = spec.noPositionals ? [...positionals, ...(spec.name === "run" ? [] : rest)] : [];
    if (extra.length > 0 && help !== true)
      throw fail(
        "BadValue",
        `stacklog ${spec.name}`,
        "flags only",
        spec.examples[0] ?? spec.usage,
        extra.map((a) => JSON.stringify(a)).join(" "),
      );
    // After `--` comes `run`'s command; for the other verbs it ends the flags as usual, so that
    // text starting with `-` can be given: `stacklog note -- "-5 degrees in the DC"`.
    if (spec.name !== "run")
      return { flags, positionals: [...positionals, ...rest], rest: [], help: help === true };
    return { flags, positionals, rest, help: help === true };
  } catch (err) {
    if (err instanceof StacklogError) throw err;
    const code = (err as { code?: string }).code;
    const msg = (err as Error).message;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const flag = /'([^']+)'/.exec(msg)?.[1] ?? msg;
      throw fail("UnknownFlag", flag, spec.name);
    }
    // `stacklog log --limit` with nothing after it
    const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(msg);
    if (missing) {
      const name = (missing[2] as string).slice(2);
      const value = spec.flags[name]?.value ?? "VALUE";
      const example =
        spec.examples.find((e) => e.includes(`--${name} `)) ??
        `stacklog ${spec.name} --${name} ${value}`;
      throw fail("BadValue", `--${name}`, `a value (${value}) after it`, example, "nothing");
    }
    // `stacklog note -m "--password x"`: the value starts with a dash
    const ambiguous = /^Option '(-\w, )?(--?[\w-]+)' argument is ambiguous/.exec(msg);
    const long = ambiguous && flagNamed(spec, ambiguous[2] as string);
    if (ambiguous && long)
      throw fail("FlagValueLooksLikeFlag", ambiguous[2] as string, `--${long}`, spec.name);
    throw fail(
      "BadValue",
      "flags",
      `see \`stacklog ${spec.name} --help\``,
      spec.examples[0] ?? "",
      msg,
    );
  }
}

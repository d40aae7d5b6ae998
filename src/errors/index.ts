import { catalogue, type ErrorDetails, type ErrorName } from "./catalogue.js";

export { catalogue, type ErrorDetails, type ErrorName } from "./catalogue.js";

/** An error the user caused or can fix; printed without a stack trace. */
export class StacklogError extends Error {
  readonly details: ErrorDetails;
  constructor(
    readonly code: ErrorName,
    details: ErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(details.message, options);
    this.name = code;
    this.details = details;
  }
  get exitCode(): number {
    return this.details.exitCode;
  }
}

/** Builds a catalogued error: `fail("JournalNotFound", id)`. */
export function fail<N extends ErrorName>(
  name: N,
  ...args: Parameters<(typeof catalogue)[N]>
): StacklogError {
  const make = catalogue[name] as (...a: unknown[]) => ErrorDetails;
  return new StacklogError(name, make(...args));
}

/** Ends the process with a status without printing anything (how `run` passes the child's status on). */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitError";
  }
}

/** A stacklog bug: printed with versions and a request to report it. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InternalError";
  }
}

/** Formats an error for a terminal. Unknown errors are treated as stacklog bugs. */
export function formatError(err: unknown, versions: string): string {
  if (err instanceof StacklogError) {
    const d = err.details;
    const lines = [`stacklog: ${d.title}: ${shown(d.message)}`];
    if (d.hint) lines.push(`  what to do: ${shown(d.hint)}`);
    if (d.storeState) lines.push(`  store: ${shown(d.storeState)}`);
    return lines.join("\n");
  }
  const msg = shown(err instanceof Error ? err.message : String(err));
  const stack = err instanceof Error && process.env.STACKLOG_DEBUG ? `\n${err.stack}` : "";
  return `stacklog: internal error: ${msg}\n  This is a stacklog bug; please report it with this message and ${versions}.${stack}`;
}

/** Serialisable form of an error for `--json`. */
export function errorJson(err: unknown): {
  error: { code: string; title: string; message: string; hint?: string };
} {
  if (err instanceof StacklogError) {
    const { title, message, hint } = err.details;
    return { error: { code: err.code, title, message, ...(hint ? { hint } : {}) } };
  }
  return {
    error: {
      code: "InternalError",
      title: "Internal error",
      message: err instanceof Error ? err.message : String(err),
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is shown
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * An error's text with control characters shown, not obeyed: messages quote what the operator
 * gave (`stacklog show "$(printf 'x\e]0;...')"`), which must not retitle or clear the terminal.
 */
function shown(text: string): string {
  return text.replace(CONTROL, (c) =>
    c === "\x1b" ? "\\e" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

import path from "node:path";
import { hookScript } from "../../capture/hook/index.js";
import { isNestedShell } from "../../capture/shell/nested.js";
import { fail } from "../../errors/index.js";
import { makeDirs } from "../../util/make-dirs.js";
import type { Ctx } from "../context.js";
import { hookSpoolFile } from "../hook-ingest.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

/**
 * Prints the shell code for `eval "$(stacklog hook bash)"`: each command appends one line to a
 * spool file with shell builtins only; the next stacklog call stores the lines.
 */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const shell = args.positionals[0];
  if (shell !== "bash" && shell !== "zsh")
    throw fail(
      "BadValue",
      "shell",
      "bash or zsh",
      'eval "$(stacklog hook bash)"',
      shell ?? "(nothing)",
    );
  // Inside `stacklog shell` every command is recorded already, with its output: hooks there
  // would store each command twice and pin its output to the wrong line. Nothing to eval, and
  // no error: the eval may sit in ~/.bashrc, which the recorded shell runs too.
  if (isNestedShell(ctx.env)) {
    ctx.warn("hooks not loaded: this shell is recorded by `stacklog shell` already");
    return undefined;
  }
  const store = openForRead(ctx);
  try {
    const journalId = resolveJournal(ctx, store, str(args, "journal"));
    const file = path.resolve(hookSpoolFile(ctx.home, journalId));
    makeDirs(path.dirname(file), 0o700);
    ctx.stdout.write(hookScript(shell, file));
  } finally {
    store.close();
  }
  return undefined;
}

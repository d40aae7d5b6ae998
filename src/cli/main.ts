import { ExitError, errorJson, fail, formatError, StacklogError } from "../errors/index.js";
import { type Io, makeCtx } from "./context.js";
import { mainHelp, verbHelp } from "./help.js";
import { parseVerbArgs } from "./parse.js";
import { findVerb } from "./verbs.js";
import { VERSION, versions } from "./version.js";

/**
 * Runs one stacklog invocation and returns the exit status. Errors are caught here, once:
 * catalogued errors print their title, cause and hint; anything else is reported as a bug.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [verbName, ...rest] = argv;
  const json = argv.includes("--json");
  try {
    // `stacklog help run` is `stacklog run --help`
    const helped = verbName === "help" && rest[0] ? findVerb(rest[0]) : undefined;
    if (helped) {
      io.stdout.write(verbHelp(helped));
      return 0;
    }
    if (!verbName || verbName === "--help" || verbName === "-h" || verbName === "help") {
      io.stdout.write(mainHelp(VERSION));
      return verbName ? 0 : 2;
    }
    if (verbName === "--version" || verbName === "-V" || verbName === "version") {
      io.stdout.write(json ? `${JSON.stringify({ version: VERSION })}\n` : `stacklog ${VERSION}\n`);
      return 0;
    }
    const spec = findVerb(verbName);
    if (!spec) throw fail("UnknownVerb", verbName);
    const args = parseVerbArgs(spec, rest);
    if (args.help) {
      io.stdout.write(verbHelp(spec));
      return 0;
    }
    const ctx = makeCtx(io, args.flags.json === true);
    let mod: Awaited<ReturnType<typeof spec.load>>;
    try {
      mod = await spec.load();
    } catch (err) {
      const status = await spec.unloaded?.(
        args,
        io,
        err instanceof Error ? err.message : String(err),
      );
      if (status === undefined || status === null) throw err;
      return status;
    }
    const data = await mod.run(args, ctx as never);
    if (data === undefined) return 0;
    if (ctx.json) io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else if (mod.human) io.stdout.write(mod.human(data as never, ctx));
    return 0;
  } catch (err) {
    if (err instanceof ExitError) return err.exitCode;
    if (json && err instanceof StacklogError)
      io.stdout.write(`${JSON.stringify(errorJson(err))}\n`);
    io.stderr.write(`${formatError(err, versions())}\n`);
    return err instanceof StacklogError ? err.exitCode : 70;
  }
}

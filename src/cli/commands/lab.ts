import path from "node:path";
import { fail } from "../../errors/index.js";
import { type LabResult, runLab } from "../../lab/index.js";
import type { Ctx } from "../context.js";
import { type Args, str } from "../spec.js";

/**
 * Builds Debian chroots and upgrades a real Keystone Victoria → Zed (→ 2025.1), every step
 * recorded by stacklog into the lab's own store, problems and fixes included.
 */
export async function run(args: Args, ctx: Ctx): Promise<LabResult> {
  const what = args.positionals[0];
  if (what !== "keystone")
    throw fail(
      "BadValue",
      "lab",
      "keystone",
      "stacklog lab keystone --dir /var/tmp/lab",
      what ?? "(nothing)",
    );
  const to = str(args, "to") ?? "2025.1";
  if (to !== "zed" && to !== "2025.1")
    throw fail("BadValue", "--to", "zed or 2025.1", "stacklog lab keystone --to zed", to);
  const backend = str(args, "backend") ?? "sqlite";
  if (backend !== "sqlite" && backend !== "mariadb")
    throw fail(
      "BadValue",
      "--backend",
      "sqlite or mariadb",
      "stacklog lab keystone --backend sqlite",
      backend,
    );
  const dir = path.resolve(ctx.cwd, str(args, "dir") ?? "/var/tmp/stacklog-lab");
  const port = Number(str(args, "port") ?? 5001);
  return runLab({
    dir,
    to,
    backend,
    port,
    env: ctx.env as NodeJS.ProcessEnv,
    log: (line) => ctx.stderr.write(`[lab] ${line.slice(0, 200)}\n`),
  });
}

export function human(r: LabResult): string {
  const hops = r.hops
    .map(
      (h) =>
        `  ${h.series}: keystone ${h.keystoneVersion}, ${h.database}, ${Math.round(h.seconds)} s`,
    )
    .join("\n");
  return `Lab finished in ${Math.round(r.seconds)} s.\n${hops}\nProblems met: ${r.problems.length}\nJournal ${r.journalId} in ${r.stacklogHome}:\n  STACKLOG_HOME=${r.stacklogHome} stacklog serve\n`;
}

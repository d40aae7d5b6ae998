import { createServer } from "node:net";
import { ExitError, fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import { main } from "../main.js";
import { type Args, bool, port as portFlag } from "../spec.js";
import { readState, updateState } from "../state.js";
import { paint } from "./format.js";

/**
 * A guided tour of the recording loop on the default store: each step is a real stacklog
 * command (printed before it runs), recording real commands of this machine. The failing
 * step is a harmless stand-in for a failed health check, and says so.
 */
const STEPS: { say: string; argv: string[] }[] = [
  {
    say: "Start a journal for the upgrade",
    argv: [
      "start",
      "--title",
      "Demo rehearsal: recording an upgrade with stacklog",
      "--site",
      "demo",
      "--system",
      "this machine",
      "--tool",
      "kolla-ansible",
      "--from",
      "2023.1",
      "--to",
      "2024.1",
    ],
  },
  { say: "Begin a phase", argv: ["phase", "pre-checks"] },
  {
    say: "Run a command through stacklog: its output, status and duration are recorded",
    argv: ["run", "--", "bash", "-c", "uname -srm; df -h / | tail -n 1"],
  },
  {
    say: "A failing command (a stand-in for a failed health check) keeps its exit status",
    argv: [
      "run",
      "--",
      "bash",
      "-c",
      "echo 'checking rabbitmq cluster…'; echo 'ERROR: node rabbit@ctl-2 is not running' >&2; exit 2",
    ],
  },
  {
    say: "Write down the problem",
    argv: ["note", "--problem", "rabbitmq on ctl-2 was down before the upgrade began"],
  },
  {
    say: "…and its fix, linked to the problem (#4)",
    argv: ["note", "--fix", "4", "started rabbitmq on ctl-2 and waited for the cluster to settle"],
  },
  { say: "Next phase; mark the API downtime window", argv: ["phase", "control plane"] },
  { say: "", argv: ["milestone", "API downtime", "--begin"] },
  { say: "", argv: ["run", "--", "sleep", "1"] },
  { say: "", argv: ["milestone", "API downtime", "--end"] },
  {
    say: "Record a lesson for the next site",
    argv: ["note", "--lesson", "check rabbitmq cluster status before the window, not during it"],
  },
  { say: "Finish the journal", argv: ["finish", "--status", "completed"] },
  { say: "The timeline", argv: ["log"] },
];

export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  // The web view's port is checked before anything is recorded: a retry adds no second demo.
  const port = bool(args, "record-only")
    ? null
    : await freePort(portFlag(args, "stacklog demo --port 7301"));
  // The operator's own current journal (a real upgrade under way) is current again afterwards.
  const before = readState(ctx.home);
  const io = {
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    env: ctx.env,
    cwd: ctx.cwd,
    now: ctx.now,
  };
  for (const step of STEPS) {
    if (step.say) ctx.stdout.write(`\n${paint(ctx, "bold", `# ${step.say}`)}\n`);
    ctx.stdout.write(
      `${paint(ctx, "cyan", `$ stacklog ${step.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`)}\n`,
    );
    const code = await main(
      [
        ...step.argv.slice(0, 1),
        ...(step.argv[0] === "run" ? ["--pipe"] : []),
        ...step.argv.slice(1),
      ],
      io,
    );
    if (code !== 0 && step.argv[0] !== "run") return undefined;
  }
  const demo = readState(ctx.home).currentJournal ?? "";
  const restored = before.currentJournal !== null && before.currentJournal !== demo;
  if (restored)
    updateState(ctx.home, {
      currentJournal: before.currentJournal,
      currentPhase: before.currentPhase,
    });
  const j = restored ? ` --journal ${demo}` : "";
  ctx.stdout.write(
    `\nThe journal is stored in ${ctx.home}. Try: stacklog list · stacklog show 4${j} · stacklog search rabbitmq${j} · stacklog export${j}\n`,
  );
  if (restored)
    ctx.stdout.write(
      `Your journal ${before.currentJournal} is the current one again; the demo's is ${demo}.\n`,
    );
  if (port === null) return undefined;
  ctx.stdout.write(
    `\n${paint(ctx, "bold", "# The same journal as web pages (journeys, the account, lessons, search)")}\n`,
  );
  const code = await main(["serve", "--port", String(port)], io);
  if (code !== 0) throw new ExitError(code);
  return undefined;
}

/** `port` for the web view, refused now (PortInUse) if another program listens there. */
async function freePort(port: number): Promise<number> {
  if (port === 0) return 0;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? fail("PortInUse", "127.0.0.1", port) : err),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
  return port;
}

import type { FlagSpec, VerbSpec } from "./spec.js";
import { VERBS } from "./verbs.js";

/** The top-level help. */
export function mainHelp(version: string): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  const verbs = VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`).join("\n");
  return `stacklog ${version} — record, explain and publish OpenStack upgrades

Usage: stacklog COMMAND [FLAGS]

Commands:
${verbs}

Every command takes --help; those that report data take --json. The store lives in $STACKLOG_HOME
(default $XDG_DATA_HOME/stacklog or ~/.local/share/stacklog).

Examples:
  stacklog start --title "Train site: Zed → 2023.1" --tool kolla-ansible --from zed --to 2023.1
  stacklog phase "pre-checks"
  stacklog run -- kolla-ansible -i multinode prechecks
  stacklog note --problem "prechecks: docker version too old on compute-3"
  stacklog log
`;
}

function flagLine(name: string, f: FlagSpec): string {
  const short = f.short ? `-${f.short}, ` : "    ";
  const value = f.type === "string" ? ` ${f.value ?? "VALUE"}` : "";
  return `  ${short}--${name}${value}`;
}

/** Help for one verb: usage, description, flags and examples. */
export function verbHelp(v: VerbSpec): string {
  const lines = Object.entries(v.flags).map(([n, f]) => [flagLine(n, f), f.description] as const);
  lines.push(["      --help", "show this help"]);
  const width = Math.max(...lines.map(([l]) => l.length));
  const flags = lines.map(([l, d]) => `${l.padEnd(width)}  ${d}`).join("\n");
  const desc = v.description ? `\n${v.description}\n` : "";
  return `stacklog ${v.name} — ${v.summary}

Usage: ${v.usage}
${desc}
Flags:
${flags}

Examples:
${v.examples.map((e) => `  ${e}`).join("\n")}
`;
}

import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type HookRecord, ingestHookSpool } from "../capture/hook/index.js";
import { ulidFactory } from "../journal/ids.js";
import { type JournalStore, type NewEvent, phaseAt } from "../journal/index.js";
import type { Redactor } from "../redact/index.js";
import { learnFrom, type Redaction } from "./redaction.js";

const newId = ulidFactory();
const SIGNALS = new Map(Object.entries(os.constants.signals).map(([name, n]) => [n, name]));
const signalName = (n: number): string | null => SIGNALS.get(n) ?? null;

/** The file hook-mode shells append to, one per journal: `<home>/hooks/<journal>.tsv`. */
export function hookSpoolFile(home: string, journalId: string): string {
  return path.join(home, "hooks", `${journalId}.tsv`);
}

function event(journalId: string, r: HookRecord, redactor: Redactor): NewEvent {
  const signal = r.exitStatus > 128 ? signalName(r.exitStatus - 128) : null;
  const [user = "", host = ""] = r.actor.split("@");
  return {
    id: newId(r.startedAt),
    journalId,
    time: r.startedAt,
    actor: r.actor,
    terminal: r.terminal || null,
    phase: null,
    payload: {
      kind: "command",
      line: r.hidden ? "[not recorded]" : redactor.redact(r.line),
      argv: null,
      cwd: redactor.redact(r.cwd),
      host,
      user,
      mode: "hook",
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationMs: r.endedAt - r.startedAt,
      exitStatus: r.exitStatus,
      // as a recorded shell names it: 130 is a Ctrl-C (SIGINT)
      signal,
      outputId: null,
      outputBytes: 0,
      ...(r.hidden ? { hidden: true } : {}),
    },
  };
}

/**
 * Stores the lines hook-mode shells spooled (redacted); returns how many. Never throws.
 * `makeRedaction` gives null while a registered secret source cannot be read: the lines then
 * wait, as the shell wrote them, until the values they may hold are known again.
 *
 * A password a line sets (`export OS_PASSWORD=...`) is hidden in the later lines stored in the
 * same call. A later call does not know it (it is kept nowhere): a call made from that shell
 * has it in its environment, which hides it as any `OS_PASSWORD` is hidden.
 */
export function ingestHooks(
  home: string,
  store: JournalStore,
  makeRedaction: () => Redaction | null,
): number {
  const dir = path.join(home, "hooks");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".tsv"));
  } catch {
    return 0;
  }
  if (files.length === 0) return 0;
  let redaction = makeRedaction();
  if (!redaction) return 0;
  let n = 0;
  for (const f of files) {
    const journalId = f.slice(0, -4);
    try {
      store.getJournal(journalId);
      // stored late: the phase is the one that ran when the command did
      const phases = store.events(journalId, { kinds: ["phase"] });
      ingestHookSpool(path.join(dir, f), (r) => {
        if (!r.hidden) redaction = learnFrom(redaction as Redaction, r.line);
        const e = event(journalId, r, (redaction as Redaction).redactor);
        store.append({ ...e, phase: phaseAt(phases, r.startedAt) });
        n++;
      });
    } catch {
      // an unknown journal's or unreadable file waits for a later call
    }
  }
  return n;
}

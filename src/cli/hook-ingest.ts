import { readdirSync } from "node:fs";
import path from "node:path";
import { type HookRecord, ingestHookSpool } from "../capture/hook/index.js";
import { ulidFactory } from "../journal/ids.js";
import { type JournalStore, type NewEvent, phaseAt } from "../journal/index.js";
import type { Redactor } from "../redact/index.js";

const newId = ulidFactory();

/** The file hook-mode shells append to, one per journal: `<home>/hooks/<journal>.tsv`. */
export function hookSpoolFile(home: string, journalId: string): string {
  return path.join(home, "hooks", `${journalId}.tsv`);
}

function event(journalId: string, r: HookRecord, redactor: Redactor): NewEvent {
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
      signal: null,
      outputId: null,
      outputBytes: 0,
      ...(r.hidden ? { hidden: true } : {}),
    },
  };
}

/**
 * Stores the lines hook-mode shells spooled (redacted); returns how many. Never throws.
 * `makeRedactor` gives null while a registered secret source cannot be read: the lines then
 * wait, as the shell wrote them, until the values they may hold are known again.
 */
export function ingestHooks(
  home: string,
  store: JournalStore,
  makeRedactor: () => Redactor | null,
): number {
  const dir = path.join(home, "hooks");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".tsv"));
  } catch {
    return 0;
  }
  if (files.length === 0) return 0;
  const redactor = makeRedactor();
  if (!redactor) return 0;
  let n = 0;
  for (const f of files) {
    const journalId = f.slice(0, -4);
    try {
      store.getJournal(journalId);
      // stored late: the phase is the one that ran when the command did
      const phases = store.events(journalId, { kinds: ["phase"] });
      ingestHookSpool(path.join(dir, f), (r) => {
        store.append({ ...event(journalId, r, redactor), phase: phaseAt(phases, r.startedAt) });
        n++;
      });
    } catch {
      // an unknown journal's or unreadable file waits for a later call
    }
  }
  return n;
}

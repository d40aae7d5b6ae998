import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { encodeTime, TIME_MAX } from "ulid";
import { type HookRecord, ingestHookSpool, pendingHookSpools } from "../capture/hook/index.js";
import { type JournalStore, type NewEvent, phaseAt } from "../journal/index.js";
import type { Redactor } from "../redact/index.js";
import { recordedIdentity } from "./context.js";
import { learnFrom, type Redaction } from "./redaction.js";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SIGNALS = new Map(Object.entries(os.constants.signals).map(([name, n]) => [n, name]));
const signalName = (n: number): string | null => SIGNALS.get(n) ?? null;

/** The file hook-mode shells append to, one per journal: `<home>/hooks/<journal>.tsv`. */
export function hookSpoolFile(home: string, journalId: string): string {
  return path.join(home, "hooks", `${journalId}.tsv`);
}

/**
 * A ULID made from the line itself (its time part the command's start): a spool file stored
 * again after a crash between storing and deleting it gives the same ids, which the store keeps once.
 */
export function hookEventId(journalId: string, r: HookRecord): string {
  const hash = createHash("sha256").update(`${journalId}\n${r.raw}`).digest();
  let rest = "";
  for (let i = 0; i < 16; i++) rest += CROCKFORD[(hash[i] as number) & 31];
  return encodeTime(Math.min(Math.max(r.startedAt, 0), TIME_MAX), 10) + rest;
}

function event(journalId: string, r: HookRecord, redactor: Redactor): NewEvent {
  const signal = r.exitStatus > 128 ? signalName(r.exitStatus - 128) : null;
  const [user = "", host = ""] = r.actor.split("@");
  const who = recordedIdentity({ user, host, actor: r.actor, terminal: r.terminal || null }, (t) =>
    redactor.redact(t),
  );
  return {
    id: hookEventId(journalId, r),
    journalId,
    time: r.startedAt,
    actor: who.actor,
    terminal: who.terminal,
    phase: null,
    payload: {
      kind: "command",
      line: r.hidden ? "[not recorded]" : redactor.redact(r.line),
      argv: null,
      cwd: redactor.redact(r.cwd),
      host: who.host,
      user: who.user,
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
 * Stores the lines hook-mode shells spooled (redacted), each spool file in one transaction;
 * returns how many. Never throws. A file that cannot be stored (store locked, journal unknown)
 * waits, claimed or not, for a later call. `makeRedaction` gives null while a registered secret
 * source cannot be read: the lines then wait, as the shell wrote them, until the values they
 * may hold are known again.
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
  const files = pendingHookSpools(path.join(home, "hooks"));
  if (files.length === 0) return 0;
  let redaction = makeRedaction();
  if (!redaction) return 0;
  let n = 0;
  for (const file of files) {
    const journalId = path.basename(file, ".tsv");
    try {
      store.getJournal(journalId);
      // stored late: the phase is the one that ran when the command did
      const phases = store.events(journalId, { kinds: ["phase"] });
      n += ingestHookSpool(file, (records) =>
        store.batch(() => {
          for (const r of records) {
            if (!r.hidden) redaction = learnFrom(redaction as Redaction, r.line);
            const e = event(journalId, r, (redaction as Redaction).redactor);
            store.append({ ...e, phase: phaseAt(phases, r.startedAt) });
          }
        }),
      );
    } catch {
      // an unknown journal's, unreadable or unstorable file waits for a later call
    }
  }
  return n;
}

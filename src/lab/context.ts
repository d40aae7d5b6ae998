import type { LabDatabase } from "./database.js";
import type { Recorder } from "./recorder.js";
import type { Teardown } from "./teardown.js";
import type { LabSecrets } from "./types.js";

/** What the lab has learned so far; later hops act on it (WAL already on, the lab ini needed). */
export interface LabState {
  /** SQLite only: keystone.db is in WAL mode. */
  wal: boolean;
  threads: number;
  labIni: boolean;
  /** A token of alice issued before the upgrades; it must still validate after each. */
  oldToken: string | null;
  appCredentialId: string | null;
  inventory: string[] | null;
  problems: string[];
}

/** The state of a lab that has not started yet. */
export function freshLabState(): LabState {
  return {
    wal: false,
    threads: 4,
    labIni: false,
    oldToken: null,
    appCredentialId: null,
    inventory: null,
    problems: [],
  };
}

/** Everything a step needs. */
export interface LabContext {
  rec: Recorder;
  dir: string;
  /** The chroot's path on the host. */
  root: string;
  port: number;
  mirror: string;
  securityMirror: string;
  secrets: LabSecrets;
  /** The database backend (SQLite or MariaDB). */
  db: LabDatabase;
  teardown: Teardown;
  state: LabState;
  log: (line: string) => void;
}

/** Records a problem met and returns its event id for the fix. */
export async function problem(ctx: LabContext, text: string): Promise<string> {
  ctx.state.problems.push(text);
  return ctx.rec.note("problem", text);
}

/** The host path of a file inside the chroot. */
export function hostPath(ctx: LabContext, inside: string): string {
  return `${ctx.root}${inside}`;
}

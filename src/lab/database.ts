import type { LabContext } from "./context.js";
import { mariadbDatabase } from "./mariadb-database.js";
import type { LabRelease } from "./releases.js";
import { sqliteDatabase } from "./sqlite-database.js";
import type { TeardownStep } from "./teardown.js";
import type { LabBackend } from "./types.js";

/** A repair made after a failure the backend recognised; noted as the fix once the step passes. */
export interface Repair {
  problemId: string;
  fix: string;
}

/**
 * What differs between the lab's database backends. The install, the hops and the checks are
 * shared; each backend brings its packages, its server (if any), its backups and schema queries,
 * and the repairs for failures that only it meets (SQLite's locks and unnamed constraint).
 */
export interface LabDatabase {
  readonly kind: LabBackend;
  /** "SQLite" or "MariaDB", for titles and notes. */
  readonly label: string;
  /** Packages installed with Keystone. */
  readonly packages: readonly string[];
  /** keystone.conf's `[database] connection`. */
  connectionUrl(ctx: LabContext): string;
  /** The same URL as notes show it, without the password. */
  shownUrl(): string;
  /** After the packages install, before Keystone's first db_sync: server, database and user. */
  setup(ctx: LabContext): Promise<void>;
  /** Before the distribution upgrade: backup, then whatever must not run while packages change. */
  beforeUpgrade(ctx: LabContext, from: LabRelease): Promise<void>;
  /** After the distribution upgrade, before Keystone's db_sync. */
  afterUpgrade(ctx: LabContext, to: LabRelease): Promise<void>;
  /** The schema versions (alembic heads or legacy rows), one per line. */
  schemaVersions(ctx: LabContext): Promise<string>;
  /** Checks every table after the sync; throws when one is damaged. */
  checkIntegrity(ctx: LabContext): Promise<void>;
  /** After `db_sync --contract` failed with `output`: repairs a known cause, or returns null. */
  repairContract(ctx: LabContext, output: string): Promise<Repair | null>;
  /** Taken before the checks run, handed to `repairChecks`. */
  checksMark(ctx: LabContext): number;
  /** After the checks failed at `step`: repairs a known cause, or returns null. */
  repairChecks(ctx: LabContext, step: string, mark: number): Promise<Repair | null>;
  /** The database software's version, for the hop's note. */
  version(ctx: LabContext): Promise<string>;
  /** Stops the server at the end of a run (nothing to stop for SQLite). */
  stop(ctx: LabContext): Promise<void>;
  /** The undo step that stops the server on failure or Ctrl-C, or null. */
  teardownStep(ctx: LabContext): TeardownStep | null;
}

/** The backend for `--backend`. */
export function labDatabase(kind: LabBackend): LabDatabase {
  return kind === "mariadb" ? mariadbDatabase() : sqliteDatabase();
}

/** The release the lab upgrades to; `zed` stops after the first hop. */
export type LabTarget = "zed" | "2025.1";
export type LabBackend = "sqlite" | "mariadb";

/** The throwaway credentials the lab plants; registered with stacklog before any command runs. */
export interface LabSecrets {
  adminPassword: string;
  userPassword: string;
  appCredentialSecret: string;
  ec2Access: string;
  ec2Secret: string;
  /** The password of Keystone's database user (MariaDB backend). */
  dbPassword: string;
}

/** Where signals come from (process by default); the lab cleans up on SIGINT/SIGTERM. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", handler: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", handler: () => void): unknown;
}

/** Options of `runLab` (the CLI: `stacklog lab keystone [--dir DIR] [--to zed|2025.1] [--backend sqlite|mariadb] [--port N]`). */
export interface LabOptions {
  /** Working directory: the chroot goes to DIR/chroot, the lab's store to DIR/stacklog. */
  dir: string;
  to?: LabTarget;
  backend?: LabBackend;
  /** Port Keystone listens on, on 127.0.0.1 (default 5001). */
  port?: number;
  /** Debian archive (default http://deb.debian.org/debian). */
  mirror?: string;
  /** Debian security archive (default http://deb.debian.org/debian-security). */
  securityMirror?: string;
  /** STACKLOG_HOME of the lab's journal (default DIR/stacklog). */
  stacklogHome?: string;
  /** The command that runs stacklog (default: node with tsx on this checkout's src/cli/entry.ts). */
  stacklogCommand?: string[];
  /** Credentials to plant (default: fresh random ones). */
  secrets?: LabSecrets;
  /** Progress lines for the person watching. */
  log?: (line: string) => void;
  signals?: SignalSource;
  env?: NodeJS.ProcessEnv;
}

/** What one hop (install or upgrade) ended with. */
export interface HopResult {
  series: string;
  keystoneVersion: string;
  /** The database software at the end of the hop, e.g. "MariaDB 10.11.19-MariaDB-0+deb12u1". */
  database: string;
  seconds: number;
  checks: string[];
}

export interface LabResult {
  journalId: string;
  stacklogHome: string;
  chroot: string;
  hops: HopResult[];
  /** Problem notes written, in order. */
  problems: string[];
  seconds: number;
  /** Bytes used by the chroot at the end. */
  chrootBytes: number;
}

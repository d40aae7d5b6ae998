import type { CaptureMode, JournalStore, TerminalSize } from "../journal/index.js";

/** What is known of a command when it starts. `line` is raw: it is redacted here. */
export interface CommandStart {
  line: string;
  argv: string[] | null;
  cwd: string;
  mode: CaptureMode;
  startedAt?: number;
  /** The operator hid the line (leading space): only its status is kept, never its output. */
  hidden?: boolean;
  /** The planned step this command carries out. */
  step?: string;
  /** The size of the command's terminal as it starts (none with pipes). */
  size?: TerminalSize;
}

/** A store a recorded shell keeps open, and until when it is left alone after a lock. */
export interface SessionStore {
  store: JournalStore;
  lockedUntil: number;
}

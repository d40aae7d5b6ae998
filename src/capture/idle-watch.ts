import type { Schedule } from "./chunker.js";

/**
 * Calls `onIdle` once the output has paused for IDLE_MS (up to 2 × IDLE_MS after a burst): the
 * redactor holds the end of the output back until more comes (a secret may be cut between two
 * reads), and a command that prints a line and then waits would otherwise have that line stored
 * only when it prints again or ends — late, at the wrong time, and lost if stacklog is killed
 * meanwhile. One timer per pause, not per read: a read only sets a flag.
 */
export class IdleWatch {
  private wrote = false;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly schedule: Schedule,
    private readonly onIdle: () => void,
  ) {}

  touch(): void {
    if (this.cancel) this.wrote = true;
    else this.cancel = this.schedule(this.tick, IDLE_MS);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private readonly tick = (): void => {
    this.cancel = null;
    if (this.wrote) {
      this.wrote = false;
      this.cancel = this.schedule(this.tick, IDLE_MS);
    } else this.onIdle();
  };
}

/** How long output must pause before the redactor's held text is settled (see IdleWatch). */
export const IDLE_MS = 100;

/**
 * Runs the steps of a capture until one throws, keeps that first failure's message, and runs
 * nothing after it: capture stops, the command it watches never notices.
 */
export class FirstFailure {
  message: string | undefined;

  run(fn: () => void): void {
    if (this.message !== undefined) return;
    try {
      fn();
    } catch (err) {
      this.message = err instanceof Error ? err.message : String(err);
    }
  }
}

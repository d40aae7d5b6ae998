import { spawnSync } from "node:child_process";
import type { Recorder } from "./recorder.js";

/** One undo step: its argv is computed when it runs (a PID file may have changed), null to skip. */
export interface TeardownStep {
  label: string;
  argv: () => string[] | null;
}

/**
 * Undo steps run in reverse order of registration: the lab registers each mount as it makes
 * it, and the stop of Keystone, so the finally block and a Ctrl-C both leave nothing behind.
 */
export class Teardown {
  private readonly steps: TeardownStep[] = [];
  private done = false;

  add(step: TeardownStep): void {
    this.steps.push(step);
  }

  /** Labels of the registered steps, in the order they were added. */
  labels(): string[] {
    return this.steps.map((s) => s.label);
  }

  /** Runs every step through stacklog (so the journal shows the unmounts), falling back to a plain run. */
  async runRecorded(rec: Recorder): Promise<string[]> {
    const failed: string[] = [];
    for (const step of this.take()) {
      const argv = step.argv();
      if (!argv) continue;
      const out = await rec.run(argv, { allowFail: true }).catch(() => ({ code: -1 }));
      if (out.code !== 0 && spawnSync(argv[0] ?? "true", argv.slice(1)).status !== 0)
        failed.push(step.label);
    }
    return failed;
  }

  /** Runs every step directly and synchronously, for signal handlers. */
  runSync(
    run: (argv: string[]) => number = (a) => spawnSync(a[0] ?? "true", a.slice(1)).status ?? 1,
  ): string[] {
    const failed: string[] = [];
    for (const step of this.take()) {
      const argv = step.argv();
      if (argv && run(argv) !== 0) failed.push(step.label);
    }
    return failed;
  }

  private take(): TeardownStep[] {
    if (this.done) return [];
    this.done = true;
    return this.steps.splice(0).reverse();
  }
}

/** Mount steps for a chroot: proc, sys, dev, dev/pts, each with its unmount. */
export function chrootMounts(root: string): { mount: string[]; umount: string[] }[] {
  return [
    { mount: ["mount", "-t", "proc", "proc", `${root}/proc`], umount: ["umount", `${root}/proc`] },
    { mount: ["mount", "-t", "sysfs", "sys", `${root}/sys`], umount: ["umount", `${root}/sys`] },
    { mount: ["mount", "--bind", "/dev", `${root}/dev`], umount: ["umount", `${root}/dev`] },
    {
      mount: ["mount", "--bind", "/dev/pts", `${root}/dev/pts`],
      umount: ["umount", `${root}/dev/pts`],
    },
  ];
}

import { existsSync, statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LabError } from "./lab-error.js";

/** Free disk the lab asks for: one chroot grows to ~2 GB, apt caches and backups come on top. */
export const MIN_FREE_BYTES = 6 * 1024 ** 3;

/** What the environment checks look at; production defaults read the real machine. */
export interface PreflightProbe {
  uid: number;
  freeBytes(dir: string): number;
  /** Resolves to null when the archive answered, else what went wrong. */
  reachArchive(url: string): Promise<string | null>;
}

/** Free bytes on the file system that holds `dir` (or its nearest existing parent). */
export function freeBytesAt(dir: string): number {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const s = statfsSync(at);
  return s.bavail * s.bsize;
}

/** HEAD of a URL with a timeout: null when it answered 2xx/3xx, else the reason. */
export async function headUrl(url: string, timeoutMs = 10_000): Promise<string | null> {
  try {
    const res = await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
    return res.status < 400 ? null : `HTTP ${res.status}`;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (err as Error).message;
  }
}

/** The probe of this machine. */
export function machineProbe(): PreflightProbe {
  return { uid: process.getuid?.() ?? -1, freeBytes: freeBytesAt, reachArchive: headUrl };
}

/** The URL that proves the archive serves the lab's first release. */
export function archiveProbeUrl(mirror: string): string {
  return `${mirror.replace(/\/+$/, "")}/dists/bullseye/InRelease`;
}

/**
 * Every missing precondition, each as an error that says what is missing and what to do:
 * root (debootstrap, chroot and mount need it), free disk, and the Debian archive.
 */
export async function preflightProblems(
  dir: string,
  mirror: string,
  probe: PreflightProbe,
): Promise<LabError[]> {
  const out: LabError[] = [];
  if (probe.uid !== 0) {
    out.push(
      new LabError(
        "The lab needs root",
        `It runs debootstrap, chroot and mount, which need root; this process runs as uid ${probe.uid}.`,
        "Run it as root (sudo) on a throwaway Debian machine or VM.",
        2,
      ),
    );
  }
  const free = probe.freeBytes(dir);
  if (free < MIN_FREE_BYTES) {
    out.push(
      new LabError(
        "Not enough free disk",
        `${dir} has ${gib(free)} free; the lab needs ${gib(MIN_FREE_BYTES)} (the chroot grows to about 2 GiB, plus apt caches and database backups).`,
        "Pass --dir on a file system with more room (see `df -h`).",
        2,
      ),
    );
  }
  const url = archiveProbeUrl(mirror);
  const why = await probe.reachArchive(url);
  if (why !== null) {
    out.push(
      new LabError(
        "Debian archive unreachable",
        `${url} did not answer (${why}); the lab downloads Debian 11, 12 and 13 packages from it.`,
        "Check the network path or proxy (http_proxy), or point the lab at a reachable Debian mirror.",
        2,
      ),
    );
  }
  return out;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Environment for apt and dpkg inside the chroot: no prompts, stable messages. */
export const APT_ENV = { LANG: "C", LC_ALL: "C", DEBIAN_FRONTEND: "noninteractive" } as const;

/** `debootstrap` of a minimal Debian with what the lab needs to fetch over HTTPS. */
export function debootstrapArgv(codename: string, target: string, mirror: string): string[] {
  return [
    "debootstrap",
    "--variant=minbase",
    "--include=ca-certificates,curl",
    codename,
    target,
    mirror,
  ];
}

/** Runs argv inside the chroot at `root`. */
export function inChroot(root: string, argv: readonly string[]): string[] {
  return ["chroot", root, ...argv];
}

/** Runs argv as the keystone user, as the packaging expects for keystone-manage and the database. */
export function asKeystone(argv: readonly string[]): string[] {
  return ["runuser", "-u", "keystone", "--", ...argv];
}

/** `apt-get install` without Recommends; `name=version` pins a version. */
export function aptInstall(packages: readonly string[]): string[] {
  return ["apt-get", "install", "-y", "--no-install-recommends", ...packages];
}

/** A dist-upgrade that keeps the local conffiles (keystone.conf) and asks nothing. */
export function distUpgradeArgv(): string[] {
  return [
    "apt-get",
    "-y",
    "-o",
    "Dpkg::Options::=--force-confdef",
    "-o",
    "Dpkg::Options::=--force-confold",
    "dist-upgrade",
  ];
}

/** Runs a shell line; used when a command needs `$VAR` expanded inside the chroot (secrets stay out of argv). */
export function shell(line: string): string[] {
  return ["bash", "-c", line];
}

/**
 * The version `apt-cache madison` lists for exactly `suite` (e.g. `bullseye/main`), or null.
 * Madison lines look like `keystone | 2:18.0.0-3+deb11u1 | http://deb.debian.org/debian bullseye/main amd64 Packages`.
 */
export function madisonVersion(output: string, suite: string): string | null {
  for (const line of output.split("\n")) {
    const cols = line.split("|").map((c) => c.trim());
    if (cols.length < 3) continue;
    const where = (cols[2] ?? "").split(/\s+/);
    if (where[1] === suite) return cols[1] ?? null;
  }
  return null;
}

/** Whether apt's output says a package could not be fetched because the archive answered 404. */
export function isDownloadNotFound(output: string): boolean {
  return /404\s+Not Found/i.test(output) && /Failed to fetch|Unable to fetch/i.test(output);
}

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { debootstrapArgv, inChroot } from "./commands.js";
import { hostPath, type LabContext } from "./context.js";
import { type LabRelease, sourcesList } from "./releases.js";
import { chrootMounts } from "./teardown.js";

/** policy-rc.d that refuses every service start, so packages install without starting daemons. */
export const POLICY_RC_D = "#!/bin/sh\n# stacklog lab: services are started by hand\nexit 101\n";

/** Host debootstrap (installed when missing), the bullseye chroot, its mounts and apt sources. */
export async function prepareChroot(ctx: LabContext, first: LabRelease): Promise<void> {
  if (spawnSync("sh", ["-c", "command -v debootstrap"]).status !== 0) {
    await ctx.rec.run(["apt-get", "update"]);
    await ctx.rec.run(["apt-get", "install", "-y", "debootstrap"]);
  }
  mkdirSync(ctx.root, { recursive: true });
  await ctx.rec.run(debootstrapArgv(first.codename, ctx.root, ctx.mirror));
  writeFileSync(hostPath(ctx, "/usr/sbin/policy-rc.d"), POLICY_RC_D, { mode: 0o755 });
  copyFileSync("/etc/resolv.conf", hostPath(ctx, "/etc/resolv.conf"));
  for (const m of chrootMounts(ctx.root)) {
    await ctx.rec.run(m.mount);
    ctx.teardown.add({ label: m.umount.join(" "), argv: () => m.umount });
  }
  await ctx.rec.run(["grep", "-F", ctx.root, "/proc/mounts"]);
  await pointSources(ctx, first.codename);
}

/** Writes the release's sources.list and refreshes apt's lists. */
export async function pointSources(ctx: LabContext, codename: string): Promise<void> {
  writeFileSync(
    hostPath(ctx, "/etc/apt/sources.list"),
    sourcesList(codename, ctx.mirror, ctx.securityMirror),
  );
  await ctx.rec.run(inChroot(ctx.root, ["cat", "/etc/apt/sources.list"]));
  await ctx.rec.run(inChroot(ctx.root, ["apt-get", "update"]));
}

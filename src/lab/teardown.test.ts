import { describe, expect, it } from "vitest";
import { chrootMounts, Teardown } from "./teardown.js";

describe("lab teardown", () => {
  it("unmounts in the reverse order of mounting, once", () => {
    const t = new Teardown();
    for (const m of chrootMounts("/lab/chroot"))
      t.add({ label: m.mount.at(-1) ?? "", argv: () => m.umount });
    const ran: string[] = [];
    t.runSync((argv) => {
      ran.push(argv.join(" "));
      return 0;
    });
    expect(ran).toEqual([
      "umount /lab/chroot/dev/pts",
      "umount /lab/chroot/dev",
      "umount /lab/chroot/sys",
      "umount /lab/chroot/proc",
    ]);
    expect(t.runSync(() => 0)).toEqual([]);
  });

  it("skips a step with nothing to undo and reports the ones that failed", () => {
    const t = new Teardown();
    t.add({ label: "stop keystone", argv: () => null });
    t.add({ label: "umount proc", argv: () => ["umount", "/x/proc"] });
    expect(t.runSync(() => 32)).toEqual(["umount proc"]);
  });
});

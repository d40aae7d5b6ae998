import { describe, expect, it } from "vitest";
import { isAppArmorFailure, labUwsgiIni, usesAppArmor } from "./uwsgi-ini.js";

const PACKAGED = [
  "[uwsgi]",
  "master = true",
  "plugins = python3,apparmor",
  "apparmor-profile = keystone",
  "processes = 8",
  "threads = 32",
  "wsgi-file = /usr/bin/keystone-wsgi-public",
  "",
].join("\n");

describe("lab uwsgi ini", () => {
  it("drops the apparmor plugin and profile and keeps everything else", () => {
    const out = labUwsgiIni(PACKAGED);
    expect(out).toContain("plugins = python3\n");
    expect(out).not.toContain("apparmor");
    expect(out).toContain("wsgi-file = /usr/bin/keystone-wsgi-public");
    expect(out.split("\n")).toHaveLength(PACKAGED.split("\n").length - 1);
  });

  it("tells a packaged ini that needs AppArmor from the derived one", () => {
    expect(usesAppArmor(PACKAGED)).toBe(true);
    expect(usesAppArmor(labUwsgiIni(PACKAGED))).toBe(false);
  });

  it("leaves an ini without AppArmor unchanged", () => {
    const plain = "[uwsgi]\nplugins = python3\n";
    expect(labUwsgiIni(plain)).toBe(plain);
  });

  it("recognises uwsgi's AppArmor start failure", () => {
    const log = '[apparmor] setting profile "keystone" ... aa_change_profile(): Invalid argument';
    expect(isAppArmorFailure(log)).toBe(true);
    expect(isAppArmorFailure("spawned uWSGI worker 1 (pid: 42, cores: 1)")).toBe(false);
  });
});

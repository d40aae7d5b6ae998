import { describe, expect, it } from "vitest";
import {
  aptInstall,
  asKeystone,
  debootstrapArgv,
  distUpgradeArgv,
  inChroot,
  isDownloadNotFound,
  madisonVersion,
} from "./commands.js";

const MADISON = [
  "  keystone | 2:18.1.0-1+deb11u3 | http://deb.debian.org/debian-security bullseye-security/main amd64 Packages",
  "  keystone | 2:18.0.0-3+deb11u1 | http://deb.debian.org/debian bullseye/main amd64 Packages",
].join("\n");

describe("lab commands", () => {
  it("builds a minbase debootstrap that includes ca-certificates and curl", () => {
    expect(debootstrapArgv("bullseye", "/lab/chroot", "http://deb.debian.org/debian")).toEqual([
      "debootstrap",
      "--variant=minbase",
      "--include=ca-certificates,curl",
      "bullseye",
      "/lab/chroot",
      "http://deb.debian.org/debian",
    ]);
  });

  it("runs keystone-manage inside the chroot as the keystone user", () => {
    expect(inChroot("/c", asKeystone(["keystone-manage", "db_sync"]))).toEqual([
      "chroot",
      "/c",
      "runuser",
      "-u",
      "keystone",
      "--",
      "keystone-manage",
      "db_sync",
    ]);
  });

  it("installs without recommends and upgrades keeping local conffiles", () => {
    expect(aptInstall(["keystone"])).toEqual([
      "apt-get",
      "install",
      "-y",
      "--no-install-recommends",
      "keystone",
    ]);
    expect(distUpgradeArgv().join(" ")).toContain("--force-confold");
  });

  it("finds the point-release version of a package in madison output", () => {
    expect(madisonVersion(MADISON, "bullseye/main")).toBe("2:18.0.0-3+deb11u1");
    expect(madisonVersion(MADISON, "bookworm/main")).toBeNull();
  });

  it("recognises apt's 404 download failure and nothing else", () => {
    const failed =
      "E: Failed to fetch http://deb.debian.org/debian-security/pool/updates/main/k/keystone/keystone_18.1.0-1%2bdeb11u3_all.deb  404  Not Found [IP: 1.2.3.4 80]";
    expect(isDownloadNotFound(failed)).toBe(true);
    expect(isDownloadNotFound("E: Unable to locate package keystone")).toBe(false);
  });
});

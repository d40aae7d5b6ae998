import { describe, expect, it } from "vitest";
import { releasesUpTo, sourcesList } from "./releases.js";

describe("lab releases", () => {
  it("stops after the first hop when the target is zed", () => {
    expect(releasesUpTo("zed").map((r) => r.codename)).toEqual(["bullseye", "bookworm"]);
  });

  it("visits bullseye, bookworm and trixie on the way to 2025.1", () => {
    expect(releasesUpTo("2025.1").map((r) => r.series)).toEqual(["victoria", "zed", "2025.1"]);
  });

  it("writes main, updates and security suites for a release", () => {
    const text = sourcesList("bookworm", "http://m/debian", "http://m/debian-security");
    expect(text.split("\n")).toEqual([
      "deb http://m/debian bookworm main",
      "deb http://m/debian bookworm-updates main",
      "deb http://m/debian-security bookworm-security main",
      "",
    ]);
  });
});

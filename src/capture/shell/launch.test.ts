import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { integrationScript, planLaunch, shellKind } from "./launch.js";

describe("planLaunch", () => {
  it("starts bash with stacklog's rc file, which sources the user's", () => {
    const plan = planLaunch("/bin/bash", { HOME: "/home/op", GONE: undefined }, 42);
    expect(plan.argv).toEqual(["/bin/bash", "--rcfile", integrationScript("bash"), "-i"]);
    expect(plan.env).toEqual({
      HOME: "/home/op",
      STACKLOG_RECORDING: "1",
      STACKLOG_SHELL_PID: "42",
      STACKLOG_SHELL_NONCE: plan.nonce,
    });
    expect(plan.nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(integrationScript("bash"), "utf8")).toContain('. "$HOME/.bashrc"');
  });

  it("gives zsh a temporary ZDOTDIR that remembers the user's and is removed afterwards", () => {
    const plan = planLaunch("/usr/bin/zsh", { ZDOTDIR: "/home/op/.config/zsh" }, 42);
    const dir = plan.env.ZDOTDIR as string;
    expect(plan.env.STACKLOG_USER_ZDOTDIR).toBe("/home/op/.config/zsh");
    expect(readFileSync(join(dir, ".zshrc"), "utf8")).toContain("zdotdir-zshrc.zsh");
    plan.cleanup();
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses a shell it has no hooks for", () => {
    expect(shellKind("-zsh")).toBe("zsh");
    expect(() => shellKind("/usr/bin/fish")).toThrow(/bash or zsh/);
  });
});

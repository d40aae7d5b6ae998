import { describe, expect, it } from "vitest";
import { isNestedShell } from "./index.js";

describe("isNestedShell", () => {
  it("is true inside a shell whose recorder still runs", () => {
    expect(isNestedShell({ STACKLOG_SHELL_PID: String(process.pid) })).toBe(true);
  });

  it("is false without the marker or when the recorder is gone", () => {
    expect(isNestedShell({})).toBe(false);
    expect(isNestedShell({ STACKLOG_SHELL_PID: "4194305" })).toBe(false);
    expect(isNestedShell({ STACKLOG_SHELL_PID: "nonsense" })).toBe(false);
  });
});

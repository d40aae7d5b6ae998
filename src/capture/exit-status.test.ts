import { describe, expect, it } from "vitest";
import { exitStatusFor, signalName } from "./exit-status.js";

describe("exitStatusFor", () => {
  it("passes a plain exit code through", () => {
    expect(exitStatusFor(0, null)).toBe(0);
    expect(exitStatusFor(3, null)).toBe(3);
    expect(exitStatusFor(255, null)).toBe(255);
  });

  it("reports a signal death as 128 plus the signal number, like a shell", () => {
    expect(exitStatusFor(null, "SIGKILL")).toBe(137);
    expect(exitStatusFor(null, "SIGINT")).toBe(130);
    expect(exitStatusFor(0, 15)).toBe(143);
  });

  it("treats signal 0 and unknown names as no signal", () => {
    expect(exitStatusFor(2, 0)).toBe(2);
    expect(exitStatusFor(4, "SIGNOPE")).toBe(4);
  });

  it("gives 1 when neither a code nor a signal is known", () => {
    expect(exitStatusFor(null, null)).toBe(1);
  });
});

describe("signalName", () => {
  it("names a signal given by number", () => {
    expect(signalName(9)).toBe("SIGKILL");
    expect(signalName("SIGHUP")).toBe("SIGHUP");
    expect(signalName(0)).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "pauses"]);
});
afterEach(() => sb.cleanup());

describe("output with pauses", () => {
  it("is stored at the times it was printed, so a replay pauses where the command did", () => {
    const r = stacklog(sb, [
      "run",
      "--",
      "sh",
      "-c",
      "echo first-line; sleep 1; echo second-line; sleep 1; echo third-line",
    ]);
    expect(r.status).toBe(0);
    // asciicast v3: each event's time is the interval since the one before
    const cast = stacklog(sb, ["export", "--format", "asciicast"]).stdout.trim().split("\n");
    let clock = 0;
    const times = cast.slice(1).map((l) => {
      const [dt, , data] = JSON.parse(l) as [number, string, string];
      clock += dt;
      return { t: clock, data };
    });
    const at = (text: string): number => {
      const event = times.find((e) => e.data.startsWith(text));
      if (!event) throw new Error(`${text} is not in the cast:\n${cast.join("\n")}`);
      return event.t;
    };
    // each line in an event of its own, at the time it was printed (give or take the pause
    // the redactor waits for before giving back a line it holds, and the store's 200 ms)
    const started = times.find((e) => e.data.includes("\x1b]133;C"))?.t ?? Number.NaN;
    expect(at("first-line") - started).toBeLessThan(0.6);
    expect(at("second-line") - at("first-line")).toBeGreaterThanOrEqual(0.7);
    expect(at("third-line") - at("second-line")).toBeGreaterThanOrEqual(0.7);
  });
});
